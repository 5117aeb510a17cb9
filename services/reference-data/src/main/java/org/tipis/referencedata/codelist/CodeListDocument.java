package org.tipis.referencedata.codelist;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A code list version as a document: the shipped files ({@code codelists/*.json}), the body that publishes a new
 * version, and the JSON export all have this shape, so an export can be edited and published back.
 *
 * @param id            the list id (kebab-case); ignored when publishing to a path that names the list
 * @param version       the version number; assigned by the service when publishing through the API
 * @param names         the list's name in en, es, fr and pt
 * @param country       ISO 3166-1 alpha-3 for a country-specific list, else null
 * @param changeSummary what changed compared with the previous version
 * @param changeReason  why
 */
public record CodeListDocument(String id, Integer version, Map<String, String> names, String description,
                               String country, String changeSummary, String changeReason,
                               List<CodeDocument> codes) {

    public CodeListDocument {
        codes = codes == null ? List.of() : List.copyOf(codes);
    }

    /**
     * @param parent   the parent code in the same list (hierarchies such as form → sub-form), or null
     * @param labels   the label in en, es, fr and pt
     * @param flags    from {@link CodeListRules#FLAGS}
     * @param mappings scheme ({@link MappingScheme}) → target codes
     */
    public record CodeDocument(String code, String parent, Map<String, String> labels, String description,
                               List<String> flags, LocalDate validFrom, LocalDate validTo,
                               Map<String, List<String>> mappings) {

        public CodeDocument {
            flags = flags == null ? List.of() : List.copyOf(flags);
            mappings = mappings == null ? Map.of() : Map.copyOf(mappings);
        }
    }
}
