package org.tipis.platform.config;

import java.util.List;

/** External mode was asked for (DB_URL set or profile 'external') but some of its settings are missing. */
public class ExternalModeIncompleteException extends IllegalStateException {

    private final List<String> missing;

    public ExternalModeIncompleteException(List<String> missing) {
        super("External mode needs these environment variables, which are not set: " + String.join(", ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
