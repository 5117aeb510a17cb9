package org.tipis.referencedata.codelist.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.tipis.referencedata.codelist.CodeListVersion;
import org.tipis.referencedata.codelist.Language;
import org.tipis.referencedata.codelist.persistence.CodeListStore;

/** What the code-list endpoints answer. Labels come in the chosen language and, for clients that cache, in all four. */
final class CodeListResponses {

    private CodeListResponses() {
    }

    record CatalogueEntry(String id, String name, String country, int latestVersion, int codeCount,
                          Instant publishedAt) {

        static CatalogueEntry of(CodeListStore.Summary summary, Language language) {
            return new CatalogueEntry(summary.id(), summary.names().in(language), summary.country(),
                    summary.latestVersion(), summary.codeCount(), summary.publishedAt());
        }
    }

    record Catalogue(String language, List<CatalogueEntry> codeLists) {
    }

    record VersionEntry(int version, String changeSummary, String changeReason, Instant publishedAt,
                        String publishedBy, int codeCount) {

        static VersionEntry of(CodeListStore.VersionSummary summary) {
            return new VersionEntry(summary.version(), summary.changeSummary(), summary.changeReason(),
                    summary.publishedAt(), summary.publishedBy(), summary.codeCount());
        }
    }

    record Versions(String id, List<VersionEntry> versions) {
    }

    record CodeEntry(String code, String parent, String label, Map<String, String> labels, String description,
                     List<String> flags, LocalDate validFrom, LocalDate validTo, Map<String, List<String>> mappings) {

        static CodeEntry of(CodeListVersion.Code code, Language language) {
            return new CodeEntry(code.code(), code.parent(), code.labels().in(language), code.labels().asMap(),
                    code.description(), code.flags(), code.validFrom(), code.validTo(), code.mappings());
        }
    }

    record CodeListResponse(String id, int version, int latestVersion, String language, String name,
                            Map<String, String> names, String description, String country, String changeSummary,
                            String changeReason, Instant publishedAt, String publishedBy, List<CodeEntry> codes) {

        static CodeListResponse of(CodeListVersion version, int latest, Language language) {
            return new CodeListResponse(version.listId(), version.version(), latest, language.tag(),
                    version.names().in(language), version.names().asMap(), version.description(), version.country(),
                    version.changeSummary(), version.changeReason(), version.publishedAt(), version.publishedBy(),
                    version.codes().stream().map(c -> CodeEntry.of(c, language)).toList());
        }
    }

    record CodeResponse(String codeList, int version, String language, CodeEntry code) {
    }
}
