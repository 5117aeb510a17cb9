package org.tipis.referencedata.codelist;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A published, immutable version of a code list. */
public record CodeListVersion(UUID id, String listId, int version, Labels names, String description, String country,
                              String changeSummary, String changeReason, String contentHash, Instant publishedAt,
                              String publishedBy, List<Code> codes) {

    public CodeListVersion {
        codes = List.copyOf(codes);
    }

    public Optional<Code> code(String code) {
        return codes.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** One code of a version, with its labels and mappings. */
    public record Code(String code, String parent, Labels labels, String description, List<String> flags,
                       java.time.LocalDate validFrom, java.time.LocalDate validTo,
                       Map<String, List<String>> mappings) {

        public Code {
            flags = List.copyOf(flags);
            mappings = Map.copyOf(mappings);
        }
    }

    public CodeListDocument toDocument() {
        return new CodeListDocument(listId, version, names.asMap(), description, country, changeSummary, changeReason,
                codes.stream().map(c -> new CodeListDocument.CodeDocument(c.code(), c.parent(), c.labels().asMap(),
                        c.description(), c.flags(), c.validFrom(), c.validTo(), c.mappings())).toList());
    }
}
