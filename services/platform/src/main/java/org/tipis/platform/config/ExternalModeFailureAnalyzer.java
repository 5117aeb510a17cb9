package org.tipis.platform.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing external-mode setting into a short message instead of a stack trace. */
public class ExternalModeFailureAnalyzer extends AbstractFailureAnalyzer<ExternalModeIncompleteException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ExternalModeIncompleteException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Set " + String.join(", ", cause.missing()) + " (a database URL, user and password, and the "
                        + "Keycloak realm's issuer URL), or unset DB_URL and the 'external' profile to run on the "
                        + "embedded defaults.",
                cause);
    }
}
