package org.tipis.caseregistry.upload;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.tipis.caseregistry.reference.CodeListSnapshot;
import org.tipis.caseregistry.reference.ReferenceData;

/**
 * Turns what a file says into codes: the code itself, or its label in any of the four languages, ignoring case,
 * accents and surrounding spaces (the latest version of each list).
 */
final class CodeNormalizer {

    private static final String NONE = new String("");
    /** Cells repeat (a file has few distinct values per coded column): their answers are kept, up to a bound. */
    private static final int MAX_ANSWERS = 10_000;

    private final Map<String, Map<String, String>> lookups = new HashMap<>();
    private final Map<String, Map<String, String>> answers = new HashMap<>();
    private final Map<String, Integer> versions = new HashMap<>();
    private final ReferenceData referenceData;

    CodeNormalizer(ReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    Optional<String> code(String list, String value) {
        Map<String, String> seen = answers.computeIfAbsent(list, id -> new HashMap<>());
        String code = seen.get(value);
        if (code == null) {
            code = lookup(list).getOrDefault(key(value), NONE);
            if (seen.size() < MAX_ANSWERS) {
                seen.put(value, code);
            }
        }
        return code == NONE ? Optional.empty() : Optional.of(code);
    }

    int version(String list) {
        lookup(list);
        return versions.get(list);
    }

    private Map<String, String> lookup(String list) {
        return lookups.computeIfAbsent(list, id -> {
            CodeListSnapshot snapshot = referenceData.codeList(id, referenceData.latestVersion(id));
            versions.put(id, snapshot.version());
            Map<String, String> map = new HashMap<>();
            snapshot.codes().values().forEach(entry -> entry.labels().values()
                    .forEach(label -> map.putIfAbsent(key(label), entry.code())));
            snapshot.codes().keySet().forEach(code -> map.put(key(code), code));
            return map;
        });
    }

    static String key(String text) {
        String stripped = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.toLowerCase(Locale.ROOT);
    }
}
