package org.tipis.caseregistry.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tipis.caseregistry.support.RegistryTestBase;
import org.tipis.platform.test.TestUser;

import tools.jackson.databind.JsonNode;

class UploadIT extends RegistryTestBase {

    static final String HEADER = "case_ref;victim_ref;identification_date;victim_status;sex;age_at_identification;"
            + "nationality;exploitation_primary;exploitation_other;complaint_channel\n";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFileIsWrittenReplayedSafelyAndCorrectedWithoutDuplicates() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String file = "\uFEFF" + HEADER
                + "C-" + run + "-1;V-" + run + "-1;2024-03-01;Víctima identificada;Femenino;16;PRY;Explotación sexual;;TIP_HOTLINE\n"
                + "C-" + run + "-1;V-" + run + "-2;2024-03-02;IDENTIFIED;M;34;BOL;FORCED_LABOUR;BEGGING|SEXUAL;\n"
                + "\"C-" + run + "-2\";\"V-" + run + "-3\";2024-04-01;Vítima identificada;F;22;PER;\"Trabajos o servicios forzados\";;\n";
        String key = "key-" + run;

        HttpResponse<String> first = upload(file, key, "strict", false);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode status = json(first);
        assertThat(status.get("status").asString()).isEqualTo("completed");
        assertThat(status.get("rowsRead").asInt()).isEqualTo(3);
        assertThat(status.get("rowsWritten").asInt()).isEqualTo(3);
        assertThat(victims("V-" + run)).isEqualTo(3);
        assertThat(cases("C-" + run)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from revinfo where origin = ?", Integer.class,
                "upload:" + status.get("id").asString())).isPositive();

        HttpResponse<String> replay = upload(file, key, "strict", false);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(json(replay).get("id").asString()).isEqualTo(status.get("id").asString());
        assertThat(victims("V-" + run)).isEqualTo(3);
        assertThat(upload(file + "C-x;V-x;2024-01-01;IDENTIFIED;F;;;;;\n", key, "strict", false).statusCode())
                .as("same key, another file").isEqualTo(409);

        Integer revisionsBefore = jdbc.queryForObject("select count(*) from victim_aud", Integer.class);
        String corrected = file.replace("V-" + run + "-2;2024-03-02;IDENTIFIED;M;34", "V-" + run + "-2;2024-03-02;IDENTIFIED;M;35");
        HttpResponse<String> correction = upload(corrected, "key2-" + run, "strict", false);
        assertThat(correction.statusCode()).isEqualTo(201);
        assertThat(victims("V-" + run)).as("no duplicates").isEqualTo(3);
        assertThat(jdbc.queryForObject("select age_at_identification from victim where victim_ref = ?", Integer.class,
                "V-" + run + "-2")).isEqualTo(35);
        assertThat(jdbc.queryForObject("select count(*) from victim_aud", Integer.class) - revisionsBefore)
                .as("only the changed row got a revision").isEqualTo(1);
    }

    @Test
    void strictModeWritesNothingWhenARowIsInvalidAndReportsEveryCell() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String file = HEADER
                + "S-" + run + ";W-" + run + "-1;2024-03-01;IDENTIFIED;F;20;ARG;SEXUAL;;\n"
                + "S-" + run + ";W-" + run + "-2;2999-01-01;IDENTIFIED;Z;230;XXX;SEXUAL;;\n"
                + "S-" + run + ";W-" + run + "-1;2024-03-01;IDENTIFIED;F;20;ARG;SEXUAL;;\n";

        HttpResponse<String> response = upload(file, null, "strict", false);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("code").asString()).isEqualTo("import-rejected");
        assertThat(json(response).get("rowsInvalid").asInt()).isEqualTo(2);
        assertThat(json(response).get("errors").toString()).contains("/rows/3/sex");
        assertThat(victims("W-" + run)).isZero();
        assertThat(json(get("/api/v1/uploads/" + json(response).get("uploadId").asString(), TestUser.OFFICER_ARG))
                .get("status").asString()).isEqualTo("failed");
        List<String> cells = new ArrayList<>();
        json(get("/api/v1/uploads/" + json(response).get("uploadId").asString() + "/report", TestUser.OFFICER_ARG))
                .forEach(e -> cells.add(e.get("row").asLong() + ":" + e.get("column").asString() + ":" + e.get("code").asString()));
        assertThat(cells).contains("3:sex:CodeUnknown", "3:age_at_identification:AgePlausible",
                "3:nationality:CodeUnknown", "3:identification_date:IdentificationDateNotInFuture",
                "4:victim_ref:VictimRefUniqueInFile");
    }

    @Test
    void partialModeWritesTheValidRowsAndReportsTheOthersInTheCallersLanguage() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String file = HEADER
                + "P-" + run + ";X-" + run + "-1;2024-03-01;IDENTIFIED;F;20;ARG;SEXUAL;;\n"
                + "P-" + run + ";X-" + run + "-2;2024-03-01;IDENTIFIED;Q;20;ARG;SEXUAL;;\n"
                + "P-" + run + ";X-" + run + "-3;2024-03-01;IDENTIFIED;M;41;ARG;=cmd|' /C calc'!A0;;\n";

        JsonNode status = json(upload(file, null, "partial", false));

        assertThat(status.get("rowsWritten").asInt()).isEqualTo(1);
        assertThat(status.get("rowsInvalid").asInt()).isEqualTo(2);
        assertThat(victims("X-" + run)).isEqualTo(1);
        HttpResponse<String> csv = send(request("/api/v1/uploads/" + status.get("id").asString() + "/report?format=csv",
                TestUser.OFFICER_ARG).header("Accept-Language", "es"));
        assertThat(csv.body()).contains("no es un código");
        assertThat(csv.body()).as("no cell starts a formula").doesNotContain(",=").doesNotContain(",\"=")
                .doesNotContain("\n=");
    }

    @Test
    void aDryRunValidatesAndWritesNothing() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        JsonNode status = json(upload(HEADER + "D-" + run + ";Y-" + run + ";2024-03-01;IDENTIFIED;F;20;;;;\n", null,
                "strict", true));

        assertThat(status.get("status").asString()).isEqualTo("completed");
        assertThat(status.get("rowsValid").asInt()).isEqualTo(1);
        assertThat(status.get("rowsWritten").asInt()).isZero();
        assertThat(victims("Y-" + run)).isZero();
    }

    @Test
    void largeFilesRunAsynchronouslyWithProgress() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 600; i++) {
            file.append("A-").append(run).append('-').append(i / 10).append(";Z-").append(run).append('-').append(i)
                    .append(";2024-05-01;IDENTIFIED;").append(i % 2 == 0 ? "F" : "M").append(';').append(10 + i % 50)
                    .append(";ARG;SEXUAL;;\n");
        }
        HttpResponse<String> accepted = upload(file.toString(), null, "partial", false, true);
        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();

        JsonNode status = json(get(location, TestUser.OFFICER_ARG));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!List.of("completed", "failed").contains(status.get("status").asString()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(300);
            status = json(get(location, TestUser.OFFICER_ARG));
        }
        assertThat(status.get("status").asString()).isEqualTo("completed");
        assertThat(status.get("rowsWritten").asInt()).isEqualTo(600);
        assertThat(status.get("percent").asInt()).isEqualTo(100);
        assertThat(victims("Z-" + run)).isEqualTo(600);
        assertThat(get(location, TestUser.OFFICER_BRA).statusCode()).as("another institution").isEqualTo(404);
    }

    @Test
    void ndjsonCasesCarryVictimsSuspectsAndProceedingsAndAreUpsertedWhenResent() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String line = "{\"fileReference\":\"N-" + run + "\",\"openedOn\":\"2024-01-10\",\"complaintChannel\":\"TIP_HOTLINE\","
                + "\"victims\":[{\"victimRef\":\"NV-" + run + "-1\",\"identificationDate\":\"2024-02-01\","
                + "\"status\":\"Víctima identificada\",\"sex\":\"Féminin\",\"ageAtIdentification\":16,"
                + "\"exploitationPrimary\":\"Explotación sexual\",\"exploitationOther\":[\"BEGGING\"]},"
                + "{\"victimRef\":\"NV-" + run + "-2\",\"identificationDate\":\"2024-02-01\",\"status\":\"IDENTIFIED\",\"sex\":\"M\"}],"
                + "\"suspects\":[{\"sex\":\"M\",\"age\":41,\"nationality\":\"ARG\"},{\"sex\":\"F\"}],"
                + "\"proceedings\":[{\"type\":\"INVESTIGATION_OPENED\",\"occurredOn\":\"2024-02-02\"},"
                + "{\"type\":\"ARREST\",\"occurredOn\":\"2024-03-01\",\"suspect\":1}]}\n";

        HttpResponse<String> first = ndjson(line, "strict");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json(first).get("rowsRead").asInt()).isEqualTo(1);
        assertThat(json(first).get("rowsWritten").asInt()).isEqualTo(2);
        assertThat(victims("NV-" + run)).isEqualTo(2);
        String caseId = jdbc.queryForObject("select id::text from case_record where file_reference = ?", String.class, "N-" + run);
        assertThat(jdbc.queryForObject("select count(*) from suspect where case_id = ?::uuid", Integer.class, caseId)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from proceeding_event where case_id = ?::uuid", Integer.class, caseId)).isEqualTo(2);

        HttpResponse<String> again = ndjson(line.replace("\"age\":41", "\"age\":42"), "strict");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(victims("NV-" + run)).as("no duplicate victims").isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from suspect where case_id = ?::uuid", Integer.class, caseId))
                .as("suspects matched by position").isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from suspect where case_id = ?::uuid and age = 42", Integer.class, caseId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from proceeding_event where case_id = ?::uuid", Integer.class, caseId))
                .as("the same acts are not recorded twice").isEqualTo(2);
    }

    @Test
    void ndjsonProblemsPointIntoTheLine() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = ndjson("{\"fileReference\":\"NE-" + run + "\",\"victims\":["
                + "{\"victimRef\":\"NE-" + run + "-1\",\"identificationDate\":\"2024-02-01\",\"status\":\"IDENTIFIED\",\"sex\":\"F\"},"
                + "{\"victimRef\":\"NE-" + run + "-2\",\"identificationDate\":\"2024-02-01\",\"status\":\"IDENTIFIED\",\"sex\":\"F\"},"
                + "{\"victimRef\":\"NE-" + run + "-3\",\"identificationDate\":\"2024-02-01\",\"status\":\"IDENTIFIED\",\"sex\":\"Zebra\"}]}\n",
                "strict");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("errors").get(0).get("pointer").asString()).isEqualTo("/rows/1/victims/2/sex");
        assertThat(json(get("/api/v1/uploads/" + json(response).get("uploadId").asString() + "/report", TestUser.OFFICER_ARG))
                .get(0).get("pointer").asString()).isEqualTo("/rows/1/victims/2/sex");
    }

    @Test
    void theSpanishXlsxTemplateFilledInWithSpanishLabelsIsAccepted() throws Exception {
        HttpResponse<byte[]> template = HTTP_BYTES.send(request("/api/v1/uploads/templates/xlsx?lang=es", TestUser.OFFICER_ARG)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(template.statusCode()).isEqualTo(200);
        String etag = template.headers().firstValue("ETag").orElseThrow();
        assertThat(send(request("/api/v1/uploads/templates/xlsx?lang=es", TestUser.OFFICER_ARG)
                .header("If-None-Match", etag).GET()).statusCode()).isEqualTo(304);
        assertThat(send(request("/api/v1/uploads/templates/csv", TestUser.OFFICER_ARG).GET()).body())
                .contains("case_ref,victim_ref");

        String run = UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream filled = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
            assertThat(workbook.getSheet("lists")).isNotNull();
            assertThat(workbook.isSheetHidden(workbook.getSheetIndex("lists"))).isTrue();
            assertThat(workbook.getSheet("léame")).isNotNull();
            Sheet data = workbook.getSheet("data");
            assertThat(data.getDataValidations()).isNotEmpty();
            assertThat(data.getRow(0).getCell(0).getCellComment().getString().getString()).contains("expediente");
            List<String> header = new ArrayList<>();
            data.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            Row row = data.createRow(1);
            row.createCell(header.indexOf("case_ref")).setCellValue("XL-" + run);
            row.createCell(header.indexOf("victim_ref")).setCellValue("XV-" + run);
            row.createCell(header.indexOf("identification_date")).setCellValue(java.time.LocalDate.of(2024, 3, 5));
            row.createCell(header.indexOf("victim_status")).setCellValue("Víctima identificada");
            row.createCell(header.indexOf("sex")).setCellValue("Femenino");
            row.createCell(header.indexOf("age_at_identification")).setCellValue(16);
            row.createCell(header.indexOf("exploitation_primary")).setCellValue("Explotación sexual");
            workbook.write(filled);
        }
        HttpResponse<String> response = send(request("/api/v1/uploads", TestUser.OFFICER_ARG)
                .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .POST(HttpRequest.BodyPublishers.ofByteArray(filled.toByteArray())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).get("rowsWritten").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select identification_date::text from victim where victim_ref = ?", String.class,
                "XV-" + run)).isEqualTo("2024-03-05");
    }

    private static final java.net.http.HttpClient HTTP_BYTES = java.net.http.HttpClient.newHttpClient();

    private HttpResponse<String> ndjson(String body, String mode) {
        return send(request("/api/v1/uploads?mode=" + mode, TestUser.OFFICER_ARG).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    @Test
    void institutionsThatDoNotRecordVictimsCannotUpload() {
        HttpResponse<String> refused = send(request("/api/v1/uploads", TestUser.NGO_ARG).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(HEADER)));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(send(request("/api/v1/uploads", TestUser.ANALYST_ARG).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(HEADER))).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> upload(String file, String key, String mode, boolean dryRun) {
        return upload(file, key, mode, dryRun, false);
    }

    private HttpResponse<String> upload(String file, String key, String mode, boolean dryRun, boolean async) {
        HttpRequest.Builder request = request("/api/v1/uploads?mode=" + mode + "&dryRun=" + dryRun + "&async=" + async,
                TestUser.OFFICER_ARG).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(file, StandardCharsets.UTF_8));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return send(request);
    }

    private int victims(String prefix) {
        return jdbc.queryForObject("select count(*) from victim where victim_ref like ?", Integer.class, prefix + "%");
    }

    private int cases(String prefix) {
        return jdbc.queryForObject("select count(*) from case_record where file_reference like ?", Integer.class, prefix + "%");
    }
}
