package org.tipis.caseregistry.reference;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A code list version as reference-data serves it (the services share the HTTP contract, not classes).
 *
 * @param codes code → entry
 */
public record CodeListSnapshot(String id, int version, Map<String, Entry> codes) {

    public record Entry(String code, String parent, Map<String, String> labels, List<String> flags,
                        Map<String, List<String>> mappings) {
    }

    public boolean contains(String code) {
        return codes.containsKey(code);
    }

    public Optional<Entry> entry(String code) {
        return Optional.ofNullable(codes.get(code));
    }

    /** The code's label in a language (en, es, fr, pt), falling back to English. */
    public Optional<String> label(String code, String language) {
        return entry(code).map(e -> e.labels().getOrDefault(language, e.labels().get("en")));
    }
}
