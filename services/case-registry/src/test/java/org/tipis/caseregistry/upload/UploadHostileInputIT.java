package org.tipis.caseregistry.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tipis.caseregistry.support.RegistryTestBase;
import org.tipis.platform.test.TestUser;

import tools.jackson.databind.JsonNode;

/**
 * Files made to hurt the upload: a quote that never closes, a cell of endless codes, a header the parser cannot
 * name, numbers beyond any range, pointers longer than their column, cell values that look like message patterns.
 * Each gets a per-row report or an RFC 9457 problem, never a 500 or a failure without a report, and writes nothing
 * it should not.
 */
class UploadHostileInputIT extends RegistryTestBase {

    static final String HEADER = "case_ref,victim_ref,identification_date,victim_status,sex,exploitation_other\n";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aQuoteThatNeverClosesEndsTheFileAtItsRowInsteadOfBecomingOneHugeCell() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder file = new StringBuilder(HEADER).append("C-").append(run).append(",\"V-").append(run).append('\n');
        String text = "x".repeat(79) + "\n";
        while (file.length() < 3 * 1024 * 1024) {
            file.append(text);
        }
        Map<String, Integer> before = counts();

        JsonNode status = finished(upload(file.toString(), "text/csv", "strict"));

        assertThat(status.get("status").asString()).isEqualTo("failed");
        List<JsonNode> report = report(status, null);
        assertThat(report).as("one error, at the row that opened the quote").hasSize(1);
        assertThat(report.getFirst().get("code").asString()).isEqualTo("RecordTooLong");
        assertThat(report.getFirst().get("row").asLong()).isEqualTo(2);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aHeaderWithAQuoteThatNeverClosesIsRefusedWithAReport() {
        HttpResponse<String> response = upload("case_ref,\"victim_ref,identification_date\nC,V,2024-01-01\n",
                "text/csv", "strict");

        assertRejected(response, "CsvMalformed");
    }

    @Test
    void aHeaderWithATrailingSeparatorIsRefusedAsAColumnWithoutAName() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = upload(HEADER.replace("\n", ",\n") + "C-" + run + ",V-" + run
                + ",2024-01-01,IDENTIFIED,F,,\n", "text/csv", "strict");

        JsonNode problem = assertRejected(response, "ColumnNameMissing");
        assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/header/7");
    }

    @Test
    void aHugeCellOfCodesIsOneError() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            cell.append('X').append(i).append('|');
        }
        HttpResponse<String> response = upload(HEADER + "C-" + run + ",V-" + run + ",2024-01-01,IDENTIFIED,F,"
                + cell + "\n", "text/csv", "strict");

        JsonNode problem = assertRejected(response, "TooLong");
        List<JsonNode> report = report(problem.get("uploadId").asString(), null);
        assertThat(report).hasSize(1);
        assertThat(report.getFirst().get("pointer").asString()).isEqualTo("/rows/2/exploitation_other");
    }

    @Test
    void aCellOfManyUnknownCodesReportsOnlyTheFirstFew() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            unknown.add("NO_SUCH_FORM_" + i);
        }
        HttpResponse<String> response = upload(HEADER + "C-" + run + ",V-" + run + ",2024-01-01,IDENTIFIED,F,"
                + String.join("|", unknown) + "\n", "text/csv", "strict");

        JsonNode problem = assertRejected(response, "CodeUnknown");
        List<JsonNode> report = report(problem.get("uploadId").asString(), null);
        assertThat(report).hasSize(UploadRow.MAX_ERRORS_PER_CELL);
        assertThat(report).allSatisfy(e -> assertThat(e.get("pointer").asString()).isEqualTo("/rows/2/exploitation_other"));
    }

    @Test
    void aNumberBeyondAnyRangeIsAFieldErrorOfItsLineAndTheOtherLinesAreWritten() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String file = caseLine(run, 1, ",\"proceedings\":[{\"type\":\"INVESTIGATION_OPENED\",\"occurredOn\":\"2024-03-01\","
                + "\"amount\":1e999,\"currency\":\"USD\"}]") + "\n"
                + caseLine(run, 2, ",\"proceedings\":[{\"type\":\"INVESTIGATION_OPENED\",\"occurredOn\":\"2024-03-01\","
                + "\"amount\":1e20,\"currency\":\"USD\"}]") + "\n"
                + caseLine(run, 3, "") + "\n";

        HttpResponse<String> response = upload(file, "application/x-ndjson", "partial");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode status = json(response);
        assertThat(status.get("rowsWritten").asInt()).isEqualTo(1);
        assertThat(status.get("rowsInvalid").asInt()).isEqualTo(2);
        assertThat(report(status, null)).extracting(e -> e.get("pointer").asString() + " " + e.get("code").asString())
                .containsExactly("/rows/1/proceedings/0/amount FieldFormat", "/rows/2/proceedings/0/amount FieldFormat");
        assertThat(jdbc.queryForObject("select count(*) from victim where victim_ref like ?", Integer.class,
                "HV-" + run + "%")).isEqualTo(1);
    }

    @Test
    void aPointerLongerThanItsColumnIsStoredShortened() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String unknownField = "f".repeat(40);
        String file = "\n".repeat(100_000) + caseLine(run, 1, ",\"assistance\":[{\"victimRef\":\"HV-" + run
                + "-1\",\"type\":\"SHELTER\",\"startedOn\":\"2024-03-01\",\"" + unknownField + "\":true}]") + "\n";

        JsonNode problem = assertRejected(upload(file, "application/x-ndjson", "strict"), "FieldUnknown");

        String pointer = problem.get("errors").get(0).get("pointer").asString();
        assertThat(("/rows/100001/assistance/0/" + unknownField).length()).as("the full pointer").isGreaterThan(64);
        assertThat(pointer).startsWith("/rows/100001/assistance/0/ffff").hasSizeLessThanOrEqualTo(64);
        assertThat(report(problem.get("uploadId").asString(), null)).singleElement()
                .satisfies(e -> assertThat(e.get("row").asLong()).isEqualTo(100_001));
    }

    @Test
    void aCellThatLooksLikeAMessagePatternIsReportedAsItIsInEnglishAndInSpanish() {
        for (String language : List.of("en", "es")) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> response = send(request("/api/v1/uploads?mode=strict", TestUser.OFFICER_ARG)
                    .header("Content-Type", "text/csv").header("Accept-Language", language)
                    .POST(HttpRequest.BodyPublishers.ofString(HEADER + "C-" + run + ",V-" + run
                            + ",2024-01-01,IDENTIFIED,a'{b,\n", StandardCharsets.UTF_8)));

            JsonNode problem = assertRejected(response, "CodeUnknown");
            String expected = language.equals("en") ? "'a'{b' is not a code or label of sex"
                    : "'a'{b' no es un código de la lista sex";
            assertThat(problem.get("errors").get(0).get("message").asString()).as(language).startsWith(expected);
            HttpResponse<String> report = send(request("/api/v1/uploads/" + problem.get("uploadId").asString()
                    + "/report", TestUser.OFFICER_ARG).header("Accept-Language", language).GET());
            assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
            assertThat(json(report).get(0).get("message").asString()).as(language).startsWith(expected);
            HttpResponse<String> csv = send(request("/api/v1/uploads/" + problem.get("uploadId").asString()
                    + "/report?format=csv", TestUser.OFFICER_ARG).header("Accept-Language", language).GET());
            assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
            assertThat(csv.body()).contains(expected);
        }
    }

    @Test
    void aLineOfManyProblemsListsAHundredAndCountsTheRest() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder unknown = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            unknown.append(",\"unknown").append(i).append("\":1");
        }
        HttpResponse<String> response = upload(caseLine(run, 1, unknown.toString()) + "\n", "application/x-ndjson",
                "strict");

        JsonNode problem = assertRejected(response, "FieldUnknown");
        List<JsonNode> report = report(problem.get("uploadId").asString(), "es");
        assertThat(report).hasSize(UploadService.MAX_ERRORS_PER_ROW);
        assertThat(report).filteredOn(e -> e.get("code").asString().equals("FieldUnknown")).hasSize(99);
        JsonNode count = report.stream().filter(e -> e.get("code").asString().equals("TooManyProblems")).findFirst()
                .orElseThrow();
        assertThat(count.get("message").asString()).isEqualTo(
                "Esta fila tiene 401 problemas más, no listados; corrija los anteriores y envíela de nuevo.");
    }

    private static String caseLine(String run, int n, String parts) {
        return "{\"fileReference\":\"HC-" + run + "-" + n + "\",\"victims\":[{\"victimRef\":\"HV-" + run + "-" + n
                + "\",\"identificationDate\":\"2024-02-01\",\"status\":\"IDENTIFIED\",\"sex\":\"F\"}]" + parts + "}";
    }

    private JsonNode assertRejected(HttpResponse<String> response, String rule) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
        JsonNode problem = json(response);
        assertThat(problem.get("code").asString()).isEqualTo("import-rejected");
        List<String> codes = new ArrayList<>();
        problem.get("errors").forEach(e -> codes.add(e.get("code").asString()));
        assertThat(codes).as(response.body()).contains(rule);
        return problem;
    }

    private HttpResponse<String> upload(String file, String contentType, String mode) {
        return send(request("/api/v1/uploads?mode=" + mode, TestUser.OFFICER_ARG).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(file, StandardCharsets.UTF_8)));
    }

    /** The upload's status once it has finished (polling an asynchronous one). */
    private JsonNode finished(HttpResponse<String> response) throws InterruptedException {
        String location = response.headers().firstValue("Location").orElseThrow();
        JsonNode status = json(get(location, TestUser.OFFICER_ARG));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!List.of("completed", "failed").contains(status.get("status").asString())
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            status = json(get(location, TestUser.OFFICER_ARG));
        }
        return status;
    }

    private List<JsonNode> report(JsonNode status, String language) {
        return report(status.get("id").asString(), language);
    }

    private List<JsonNode> report(String uploadId, String language) {
        HttpRequest.Builder request = request("/api/v1/uploads/" + uploadId + "/report", TestUser.OFFICER_ARG);
        if (language != null) {
            request.header("Accept-Language", language);
        }
        HttpResponse<String> response = send(request.GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        json(response).forEach(rows::add);
        return rows;
    }

    private Map<String, Integer> counts() {
        return Map.of("victim", count("victim"), "case_record", count("case_record"), "suspect", count("suspect"),
                "proceeding", count("proceeding_event"), "assistance", count("assistance_event"));
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
