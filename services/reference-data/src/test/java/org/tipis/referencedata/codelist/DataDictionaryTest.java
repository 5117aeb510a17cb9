package org.tipis.referencedata.codelist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tipis.referencedata.codelist.CodeListDocument.CodeDocument;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docs/data-dictionary.md} is generated from the shipped code lists and must match them. Regenerate with
 * {@code mvn -pl services/reference-data test -Ddocs.update=true}.
 */
class DataDictionaryTest {

    @Test
    void theCommittedDataDictionaryMatchesTheShippedLists() throws IOException {
        String generated = render(ShippedCodeLists.read(JsonMapper.builder().build()));
        Path committed = repositoryRoot().resolve("docs/data-dictionary.md");
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(committed, generated, StandardCharsets.UTF_8);
        }
        assertThat(committed).exists();
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("docs/data-dictionary.md is stale: regenerate it with -Ddocs.update=true").isEqualTo(generated);
    }

    static String render(List<CodeListDocument> lists) {
        StringBuilder md = new StringBuilder();
        md.append("# Data dictionary\n\n")
                .append("Generated from the shipped code lists (`services/reference-data/src/main/resources/codelists/`)"
                        + " by `DataDictionaryTest`; do not edit by hand. The service serves the same lists at\n"
                        + "`GET /api/v1/code-lists/{id}` (labels by `?lang=` or `Accept-Language`), every version at\n"
                        + "`?version=`, and exports them as CSV or JSON.\n\n")
                .append("Records name the version of each list they were coded with; a published version never "
                        + "changes.\n\n")
                .append("## How to add a code or a list\n\n")
                .append("- **Add or change a code:** export the list (`GET /api/v1/code-lists/{id}/export?format=json`), "
                        + "edit it, and publish it as registry-admin with `POST /api/v1/code-lists/{id}/versions` "
                        + "(`If-Match` with the latest version's ETag). Every code needs labels in en, es, fr and pt; "
                        + "mapping targets must belong to their standard. The result is version n+1; version n stays.\n")
                .append("- **Ship it with TIPIS:** put the new version in the list's JSON file with `version` n+1, a "
                        + "`changeSummary` and a `changeReason`; the service publishes it at start-up and refuses to "
                        + "start if a published version's file was edited in place. Regenerate this page.\n")
                .append("- **A country-specific list** (e.g. `ethnicity-bra`): a new file or `POST` with `\"country\": "
                        + "\"BRA\"` and an id ending in the country code.\n\n")
                .append("Flags: `international` (a category common in international typologies but not named in the "
                        + "seed documents), `other-specify` (needs a free-text specification), `unknown`, "
                        + "`prefer-not-to-say`, `oas-member`.\n\n")
                .append("## Lists\n\n");
        for (CodeListDocument list : lists) {
            md.append("- [`").append(list.id()).append("`](#").append(list.id()).append(") ")
                    .append(list.names().get("en")).append(" (").append(list.codes().size()).append(" codes)\n");
        }
        for (CodeListDocument list : lists) {
            md.append("\n## ").append(list.id()).append("\n\n")
                    .append("**").append(list.names().get("en")).append("** · es: ").append(list.names().get("es"))
                    .append(" · fr: ").append(list.names().get("fr")).append(" · pt: ").append(list.names().get("pt"))
                    .append(" · version ").append(list.version() == null ? 1 : list.version());
            if (list.country() != null) {
                md.append(" · country ").append(list.country());
            }
            md.append("\n\n");
            if (list.description() != null) {
                md.append(list.description().strip()).append("\n\n");
            }
            md.append("| code | parent | en | es | fr | pt | mappings | flags |\n|---|---|---|---|---|---|---|---|\n");
            for (CodeDocument code : list.codes()) {
                List<String> mappings = new ArrayList<>();
                code.mappings().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .forEach(e -> mappings.add(e.getKey() + ": " + String.join(", ", e.getValue())));
                md.append("| `").append(code.code()).append("` | ")
                        .append(code.parent() == null ? "" : "`" + code.parent() + "`").append(" | ")
                        .append(cell(code.labels().get("en"))).append(" | ").append(cell(code.labels().get("es")))
                        .append(" | ").append(cell(code.labels().get("fr"))).append(" | ")
                        .append(cell(code.labels().get("pt"))).append(" | ").append(cell(String.join("; ", mappings)))
                        .append(" | ").append(String.join(", ", code.flags())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("tipis"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
