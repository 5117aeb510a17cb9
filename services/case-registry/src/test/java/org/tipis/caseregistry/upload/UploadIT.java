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
        HttpResponse<String> negotiated = send(request("/api/v1/uploads/" + status.get("id").asString() + "/report",
                TestUser.OFFICER_ARG).header("Accept", "text/csv"));
        assertThat(negotiated.statusCode()).as("CSV chosen by the Accept header").isEqualTo(200);
        assertThat(negotiated.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(negotiated.body()).startsWith("row,column,code,message").contains("CodeUnknown");
        assertThat(jdbc.queryForObject("select count(*) from access_log where action = 'READ_UPLOAD_REPORT' "
                + "and resource_id = ? and username = ? and outcome = 'ALLOWED'", Integer.class,
                status.get("id").asString(), TestUser.OFFICER_ARG.username()))
                .as("each read of the report (it quotes the file's cells) is logged").isEqualTo(2);
        HttpResponse<String> unknown = send(request("/api/v1/uploads/" + status.get("id").asString()
                + "/report?format=xml", TestUser.OFFICER_ARG));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("/query/format").contains("ReportFormatUnknown");
    }

    @Test
    void theListShowsTheInstitutionsUploadsNewestFirstAndFiltersByStatus() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String ok = json(upload(HEADER + "L-" + run + ";L-" + run + "-1;2024-03-01;IDENTIFIED;F;20;;;;\n", null,
                "strict", true)).get("id").asString();
        String refused = json(upload(HEADER.replace("\n", ";colour\n") + "L-" + run + ";L-" + run
                + "-2;2024-03-01;IDENTIFIED;F;20;;;;;red\n", null, "strict", true)).get("uploadId").asString();
        String mine = json(upload(HEADER + "L-" + run + ";L-" + run + "-3;2024-03-01;IDENTIFIED;F;20;;;;\n", null,
                "strict", true, false, TestUser.OFFICER_BRA)).get("id").asString();

        JsonNode page = json(get("/api/v1/uploads?size=2", TestUser.SUPERVISOR_ARG));
        assertThat(page.get("items")).extracting(i -> i.get("id").asString()).as("newest first")
                .containsExactly(refused, ok);
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("totalItems").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page.get("totalPages").asInt()).isEqualTo((int) ((page.get("totalItems").asLong() + 1) / 2));
        assertThat(json(get("/api/v1/uploads?status=completed&size=200", TestUser.OFFICER_ARG)).get("items"))
                .extracting(i -> i.get("id").asString()).contains(ok).doesNotContain(refused, mine);
        assertThat(json(get("/api/v1/uploads?status=failed&size=200", TestUser.OFFICER_ARG)).get("items"))
                .extracting(i -> i.get("status").asString()).containsOnly("failed");
        assertThat(json(get("/api/v1/uploads?size=200", TestUser.OFFICER_BRA)).get("items"))
                .extracting(i -> i.get("id").asString()).as("another institution's list").contains(mine)
                .doesNotContain(ok, refused);

        HttpResponse<String> unknown = get("/api/v1/uploads?status=done", TestUser.OFFICER_ARG);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("/query/status").contains("UploadStatusUnknown");
        assertThat(get("/api/v1/uploads?size=201", TestUser.OFFICER_ARG).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/uploads", TestUser.ANALYST_ARG).statusCode()).isEqualTo(403);
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

        long feedBefore = feedHead();
        HttpResponse<String> first = ndjson(line, "strict");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json(first).get("rowsRead").asInt()).isEqualTo(1);
        assertThat(json(first).get("rowsWritten").asInt()).as("rows are lines: one case with its two victims")
                .isEqualTo(1);
        assertThat(json(first).get("rowsChanged").asInt()).isEqualTo(1);
        assertThat(victims("NV-" + run)).isEqualTo(2);
        String caseId = jdbc.queryForObject("select id::text from case_record where file_reference = ?", String.class, "N-" + run);
        assertThat(jdbc.queryForObject("select count(*) from suspect where case_id = ?::uuid", Integer.class, caseId)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from proceeding_event where case_id = ?::uuid", Integer.class, caseId)).isEqualTo(2);
        assertThat(jdbc.queryForList("select type from outbox_event where position > ? and case_id = ?::uuid order by position",
                String.class, feedBefore, caseId)).as("victims set-based, then the case's parts, in the feed in that order")
                .containsExactly("CaseOpened", "VictimRecorded", "VictimRecorded", "SuspectRecorded", "SuspectRecorded",
                        "ProceedingRecorded", "ProceedingRecorded");

        HttpResponse<String> again = ndjson(line.replace("\"age\":41", "\"age\":42"), "strict");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(json(again).get("rowsWritten").asInt()).isEqualTo(1);
        assertThat(json(again).get("rowsChanged").asInt()).as("its victims are unchanged (a suspect changed)")
                .isZero();
        assertThat(victims("NV-" + run)).as("no duplicate victims").isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from suspect where case_id = ?::uuid", Integer.class, caseId))
                .as("suspects matched by position").isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from suspect where case_id = ?::uuid and age = 42", Integer.class, caseId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from proceeding_event where case_id = ?::uuid", Integer.class, caseId))
                .as("the same acts are not recorded twice").isEqualTo(2);
    }

    @Test
    void anNdjsonLineWithAVictimTheUseCasesWouldRefuseIsNotWrittenAtAllInPartialMode() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        assertThat(json(upload(HEADER + "NP-" + run + "-0;NPV-" + run + "-0;2024-03-01;IDENTIFIED;F;20;ARG;SEXUAL;;\n",
                null, "partial", false)).get("rowsWritten").asInt()).isEqualTo(1);
        String victim = "{\"victimRef\":\"NPV-" + run + "-%s\",\"identificationDate\":\"2024-03-01\",\"status\":\"%s\",\"sex\":\"F\"}";
        String file = "{\"fileReference\":\"NP-" + run + "-1\",\"victims\":[" + victim.formatted("1", "IDENTIFIED") + ","
                + victim.formatted("0", "PRESUMED") + "],\"suspects\":[{\"sex\":\"M\"}]}\n"
                + "{\"fileReference\":\"NP-" + run + "-2\",\"victims\":[" + victim.formatted("2", "IDENTIFIED")
                + "],\"suspects\":[{\"sex\":\"F\"}]}\n";

        HttpResponse<String> partial = ndjson(file, "partial");

        assertThat(partial.statusCode()).as(partial.body()).isEqualTo(201);
        assertThat(json(partial).get("rowsRead").asInt()).isEqualTo(2);
        assertThat(json(partial).get("rowsInvalid").asInt()).isEqualTo(1);
        assertThat(json(partial).get("rowsWritten").asInt()).isEqualTo(1);
        assertThat(cases("NP-" + run + "-1")).as("the refused line's case").isZero();
        assertThat(victims("NPV-" + run + "-1")).as("the refused line's other victim").isZero();
        assertThat(jdbc.queryForObject("select status from victim where victim_ref = ?", String.class, "NPV-" + run + "-0"))
                .isEqualTo("IDENTIFIED");
        assertThat(jdbc.queryForObject("select count(*) from suspect s join case_record c on c.id = s.case_id "
                + "where c.file_reference = ?", Integer.class, "NP-" + run + "-2")).isEqualTo(1);
        assertThat(get("/api/v1/uploads/" + json(partial).get("id").asString() + "/report", TestUser.OFFICER_ARG).body())
                .contains("\"row\":1").contains("StatusChangeApprovedBySupervisor");
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

    @Test
    void aCorrectedFileChangesOnlyTheChangedVictimsInRevisionsAttributedToTheUpload() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String file = HEADER
                + "K-" + run + "-1;KV-" + run + "-1;2024-03-01;IDENTIFIED;F;16;PRY;SEXUAL;;TIP_HOTLINE\n"
                + "K-" + run + "-1;KV-" + run + "-2;2024-03-02;IDENTIFIED;M;34;BOL;FORCED_LABOUR;BEGGING;\n"
                + "K-" + run + "-2;KV-" + run + "-3;2024-04-01;IDENTIFIED;F;22;PER;FORCED_LABOUR;;\n";
        long feedBefore = feedHead();
        JsonNode first = json(upload(file, "k1-" + run, "strict", false));
        assertThat(first.get("rowsWritten").asInt()).isEqualTo(3);
        assertThat(events(feedBefore)).as("the per-row order: each case before its victims").containsExactly(
                "CaseOpened:K-" + run + "-1", "VictimRecorded:KV-" + run + "-1", "VictimRecorded:KV-" + run + "-2",
                "CaseOpened:K-" + run + "-2", "VictimRecorded:KV-" + run + "-3");

        long feedBetween = feedHead();
        String corrected = file.replace(";M;34;BOL;", ";M;35;BOL;").replace(";F;22;PER;", ";F;22;ARG;");
        JsonNode second = json(upload(corrected, "k2-" + run, "strict", false));

        assertThat(second.get("status").asString()).isEqualTo("completed");
        assertThat(second.get("rowsWritten").asInt()).as("every row accounted for").isEqualTo(3);
        assertThat(victims("KV-" + run)).as("no duplicates").isEqualTo(3);
        assertThat(jdbc.queryForList("select victim_ref || ':' || version from victim where victim_ref like ? "
                + "order by victim_ref", String.class, "KV-" + run + "%"))
                .containsExactly("KV-" + run + "-1:0", "KV-" + run + "-2:1", "KV-" + run + "-3:1");
        assertThat(events(feedBetween)).as("events for the changed victims only")
                .containsExactly("VictimUpdated:KV-" + run + "-2", "VictimUpdated:KV-" + run + "-3");
        assertThat(jdbc.queryForList("""
                        select v.victim_ref || ':' || a.revtype || ':' || r.origin || ':' || r.username || ':'
                               || r.institution || ':' || r.country
                        from victim_aud a join victim v on v.id = a.id join revinfo r on r.rev = a.rev
                        where v.victim_ref like ? order by a.rev, v.victim_ref""", String.class, "KV-" + run + "%"))
                .containsExactly(
                        "KV-" + run + "-1:0:upload:" + first.get("id").asString() + ":officer-arg:arg-pfa:ARG",
                        "KV-" + run + "-2:0:upload:" + first.get("id").asString() + ":officer-arg:arg-pfa:ARG",
                        "KV-" + run + "-3:0:upload:" + first.get("id").asString() + ":officer-arg:arg-pfa:ARG",
                        "KV-" + run + "-2:1:upload:" + second.get("id").asString() + ":officer-arg:arg-pfa:ARG",
                        "KV-" + run + "-3:1:upload:" + second.get("id").asString() + ":officer-arg:arg-pfa:ARG");
        assertThat(jdbc.queryForObject("""
                        select count(*) from case_record_aud a join revinfo r on r.rev = a.rev
                        where a.file_reference like ? and a.revtype = 0 and r.origin = ?""", Integer.class,
                "K-" + run + "%", "upload:" + first.get("id").asString())).isEqualTo(2);
        JsonNode history = json(get("/api/v1/cases/" + jdbc.queryForObject(
                "select id from case_record where file_reference = ?", String.class, "K-" + run + "-1") + "/history",
                TestUser.SUPERVISOR_ARG));
        assertThat(history.toString()).as("Envers reads the hand-written revisions").contains("upload:");
    }

    @Test
    void theChangeFeedGetsTheEventsThePerRowUseCasesWrite() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long feedBefore = feedHead();
        HttpResponse<String> opened = post("/api/v1/cases", TestUser.OFFICER_ARG, java.util.Map.of(
                "fileReference", "API-" + run, "openedOn", "2024-03-01", "complaintChannel", "TIP_HOTLINE",
                "exploitationForms", List.of("SEXUAL")));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String caseId = json(opened).get("id").asString();
        HttpResponse<String> added = post("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG, java.util.Map.of(
                "victimRef", "APIV-" + run, "sex", "F", "ageAtIdentification", 16, "nationality", "PRY",
                "exploitationPrimary", "SEXUAL", "exploitationOther", List.of("BEGGING"),
                "identificationDate", "2024-03-01", "status", "IDENTIFIED"));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        HttpResponse<String> changed = patch("/api/v1/cases/" + caseId + "/victims/" + json(added).get("id").asString(),
                TestUser.OFFICER_ARG, java.util.Map.of("ageAtIdentification", 17),
                added.headers().firstValue("ETag").orElseThrow());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        List<java.util.Map<String, Object>> perRow = payloads(feedBefore);

        long feedBetween = feedHead();
        String file = HEADER + "UP-" + run + ";UPV-" + run + ";2024-03-01;IDENTIFIED;F;16;PRY;SEXUAL;BEGGING;TIP_HOTLINE\n";
        assertThat(json(upload(file, null, "partial", false)).get("rowsWritten").asInt()).isEqualTo(1);
        assertThat(json(upload(file.replace(";F;16;", ";F;17;"), null, "partial", false)).get("rowsWritten").asInt())
                .isEqualTo(1);
        List<java.util.Map<String, Object>> uploaded = payloads(feedBetween);

        assertThat(uploaded).hasSize(3);
        assertThat(uploaded).as("CaseOpened, VictimRecorded, VictimUpdated: the same keys in the same order and "
                + "the same values but the ids").usingRecursiveComparison().isEqualTo(perRow);
        for (int i = 0; i < 3; i++) {
            assertThat(List.copyOf(uploaded.get(i).keySet())).isEqualTo(List.copyOf(perRow.get(i).keySet()));
        }
    }

    @Test
    void aRowTheUseCasesWouldRefuseFailsAStrictFileWholeAndOnlyItselfInPartialMode() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        assertThat(json(upload(HEADER + "R-" + run + ";RV-" + run + "-0;2024-03-01;IDENTIFIED;F;20;ARG;SEXUAL;;\n",
                null, "partial", false)).get("rowsWritten").asInt()).isEqualTo(1);
        String file = HEADER
                + "R-" + run + ";RV-" + run + "-1;2024-03-01;IDENTIFIED;F;20;ARG;SEXUAL;;\n"
                + "R-" + run + "-2;RV-" + run + "-2;2024-03-01;IDENTIFIED;F;20;ARG;SEXUAL;;\n"
                + "R-" + run + ";RV-" + run + "-0;2024-03-01;PRESUMED;F;20;ARG;SEXUAL;;\n"
                + "R-" + run + ";RV-" + run + "-3;2024-03-01;IDENTIFIED;M;20;ARG;SEXUAL;;\n";
        long feedBefore = feedHead();

        HttpResponse<String> refused = upload(file, null, "strict", false);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(json(refused).get("code").asString()).isEqualTo("import-rejected");
        JsonNode strict = json(get("/api/v1/uploads/" + json(refused).get("uploadId").asString(), TestUser.OFFICER_ARG));
        assertThat(strict.get("status").asString()).isEqualTo("failed");
        assertThat(strict.get("rowsWritten").asInt()).isZero();
        assertThat(victims("RV-" + run)).as("strict: nothing of the file").isEqualTo(1);
        assertThat(cases("R-" + run + "-2")).isZero();
        assertThat(feedHead()).isEqualTo(feedBefore);
        assertThat(get("/api/v1/uploads/" + strict.get("id").asString() + "/report", TestUser.OFFICER_ARG).body())
                .contains("StatusChangeApprovedBySupervisor");

        JsonNode partial = json(upload(file, null, "partial", false));

        assertThat(partial.get("status").asString()).isEqualTo("completed");
        assertThat(partial.get("rowsWritten").asInt()).isEqualTo(3);
        assertThat(partial.get("rowsInvalid").asInt()).isEqualTo(1);
        assertThat(victims("RV-" + run)).isEqualTo(4);
        assertThat(jdbc.queryForObject("select status from victim where victim_ref = ?", String.class, "RV-" + run + "-0"))
                .isEqualTo("IDENTIFIED");
        assertThat(get("/api/v1/uploads/" + partial.get("id").asString() + "/report", TestUser.OFFICER_ARG).body())
                .contains("\"row\":4").contains("StatusChangeApprovedBySupervisor");
    }

    @Test
    void theSameKeySentSeveralTimesAtOnceIsOneUploadAndTheOthersReplayIt() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 3000; i++) {
            file.append("K-").append(run).append("-").append(i / 10).append(";KV-").append(run).append("-").append(i)
                    .append(";2024-03-01;IDENTIFIED;F;20;ARG;SEXUAL;;\n");
        }
        String key = "race-" + run;
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> upload(file.toString(), key, "partial",
                    false)));
        }
        List<HttpResponse<String>> answers = sent.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        answers.forEach(a -> assertThat(a.statusCode()).as(a.body()).isIn(200, 201));
        assertThat(answers.stream().map(a -> json(a).get("id").asString()).distinct()).as("one upload").hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from upload where idempotency_key = ?", Integer.class, key))
                .isEqualTo(1);
        assertThat(victims("KV-" + run)).isEqualTo(3000);
    }

    @Test
    void anUploadsStatusAndReportAreForThoseOfItsInstitutionWhoMayUpload() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String id = json(upload(HEADER + "RL-" + run + ";RLV-" + run + ";2024-03-01;IDENTIFIED;F;200;ARG;SEXUAL;;\n",
                null, "partial", false)).get("id").asString();
        for (TestUser reader : List.of(TestUser.OFFICER_ARG, TestUser.SUPERVISOR_ARG)) {
            assertThat(get("/api/v1/uploads/" + id, reader).statusCode()).as(reader.username()).isEqualTo(200);
            assertThat(get("/api/v1/uploads/" + id + "/report", reader).body()).as(reader.username())
                    .contains("AgePlausible");
        }
        for (TestUser other : List.of(TestUser.of("auditor-pfa", "auditor", "ARG", "arg-pfa"),
                TestUser.of("analyst-pfa", "national-analyst", "ARG", "arg-pfa"))) {
            assertThat(get("/api/v1/uploads/" + id, other).statusCode()).as(other.username()).isEqualTo(403);
            assertThat(get("/api/v1/uploads/" + id + "/report", other).statusCode()).as(other.username()).isEqualTo(403);
        }
        assertThat(get("/api/v1/uploads/" + id, TestUser.PROSECUTOR_ARG).statusCode()).as("another institution")
                .isEqualTo(404);
    }

    @Test
    void aStrictFileReportsTheRowsTheRegistryRefusesInEveryBatchNotOnlyTheFirst() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        assertThat(json(upload(HEADER + "Q-" + run + ";QV-" + run + "-a;2024-03-01;IDENTIFIED;F;20;ARG;SEXUAL;;\n"
                + "Q-" + run + ";QV-" + run + "-b;2024-03-01;IDENTIFIED;F;20;ARG;SEXUAL;;\n", null, "partial", false))
                .get("rowsWritten").asInt()).isEqualTo(2);
        // line 2 and line 5003 change a status without a supervisor: in the first batch of 5,000 rows and in the second
        StringBuilder file = new StringBuilder(HEADER)
                .append("Q-").append(run).append(";QV-").append(run).append("-a;2024-03-01;PRESUMED;F;20;ARG;SEXUAL;;\n");
        for (int i = 0; i < 5000; i++) {
            file.append("Q-").append(run).append("-").append(i / 10).append(";QV-").append(run).append("-n").append(i)
                    .append(";2024-03-01;IDENTIFIED;F;20;ARG;SEXUAL;;\n");
        }
        file.append("Q-").append(run).append(";QV-").append(run).append("-b;2024-03-01;PRESUMED;F;20;ARG;SEXUAL;;\n");
        long feedBefore = feedHead();

        HttpResponse<String> refused = upload(file.toString(), null, "strict", false);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        String id = json(refused).get("uploadId").asString();
        JsonNode report = json(get("/api/v1/uploads/" + id + "/report", TestUser.OFFICER_ARG));
        List<Long> rows = new ArrayList<>();
        report.forEach(r -> {
            assertThat(r.get("code").asString()).isEqualTo("StatusChangeApprovedBySupervisor");
            rows.add(r.get("row").asLong());
        });
        assertThat(rows).containsExactly(2L, 5003L);
        JsonNode status = json(get("/api/v1/uploads/" + id, TestUser.OFFICER_ARG));
        assertThat(status.get("status").asString()).isEqualTo("failed");
        assertThat(status.get("rowsWritten").asInt()).isZero();
        assertThat(status.get("rowsInvalid").asInt()).isEqualTo(2);
        assertThat(victims("QV-" + run)).as("nothing of the file").isEqualTo(2);
        assertThat(feedHead()).isEqualTo(feedBefore);
    }

    @Test
    void aVictimRecordedInAnotherInstitutionsCaseIsChangedOnlyWhileTheCaseIsSharedWithTheUploader() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String caseId = openCase(TestUser.OFFICER_ARG);
        HttpResponse<String> share = post("/api/v1/cases/" + caseId + "/shares", TestUser.OFFICER_ARG, java.util.Map.of(
                "institution", "arg-protex", "rights", "CONTRIBUTE", "reason", "joint investigation"));
        assertThat(share.statusCode()).as(share.body()).isEqualTo(201);
        assertThat(post("/api/v1/cases/" + caseId + "/victims", TestUser.PROSECUTOR_ARG, java.util.Map.of(
                "victimRef", "SH-" + run, "sex", "F", "ageAtIdentification", 20, "identificationDate", "2024-03-01",
                "status", "IDENTIFIED")).statusCode()).isEqualTo(201);
        String file = HEADER + "PX-" + run + ";SH-" + run + ";2024-03-01;IDENTIFIED;F;21;;;;\n";

        JsonNode shared = json(upload(file, null, "partial", false, false, TestUser.PROSECUTOR_ARG));

        assertThat(shared.get("rowsWritten").asInt()).as(shared.toString()).isEqualTo(1);
        assertThat(shared.get("rowsChanged").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select age_at_identification || ':' || case_id from victim where victim_ref = ?",
                String.class, "SH-" + run)).as("changed in the case it belongs to").isEqualTo("21:" + caseId);

        assertThat(delete("/api/v1/cases/" + caseId + "/shares/" + json(share).get("id").asString(),
                TestUser.OFFICER_ARG).statusCode()).isIn(200, 204);
        JsonNode revoked = json(upload(file.replace(";F;21;", ";F;22;"), null, "partial", false, false,
                TestUser.PROSECUTOR_ARG));

        assertThat(revoked.get("rowsWritten").asInt()).as(revoked.toString()).isZero();
        assertThat(revoked.get("rowsInvalid").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select age_at_identification from victim where victim_ref = ?", Integer.class,
                "SH-" + run)).isEqualTo(21);
    }

    @Test
    void aStrictFileOfSeveralBatchesIsCommittedOnceWithARevisionAndTheEventsOfEachBatch() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 12_000; i++) {
            file.append("M-").append(run).append('-').append(i / 10).append(";MV-").append(run).append('-').append(i)
                    .append(";2023-05-01;IDENTIFIED;").append(i % 2 == 0 ? "F" : "M").append(';').append(10 + i % 50)
                    .append(";ARG;SEXUAL;;\n");
        }
        long feedBefore = feedHead();

        HttpResponse<String> accepted = upload(file.toString(), null, "strict", false, true);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode status = json(get(location, TestUser.OFFICER_ARG));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!List.of("completed", "failed").contains(status.get("status").asString()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(300);
            status = json(get(location, TestUser.OFFICER_ARG));
        }

        assertThat(status.get("status").asString()).as(status.toString()).isEqualTo("completed");
        assertThat(status.get("rowsWritten").asInt()).isEqualTo(12_000);
        assertThat(victims("MV-" + run)).isEqualTo(12_000);
        assertThat(jdbc.queryForObject("select count(*) from revinfo where origin = ?", Integer.class,
                "upload:" + status.get("id").asString())).as("one revision per batch of 5,000").isEqualTo(3);
        List<String> events = events(feedBefore);
        assertThat(events).hasSize(12_000 + 1_200);
        assertThat(events.getFirst()).isEqualTo("CaseOpened:M-" + run + "-0");
        assertThat(events.getLast()).isEqualTo("VictimRecorded:MV-" + run + "-11999");
    }

    private long feedHead() {
        return jdbc.queryForObject("select coalesce(max(position), 0) from outbox_event", Long.class);
    }

    /** Events after a position as type:reference (the case's file reference or the victim's reference). */
    private List<String> events(long after) {
        return jdbc.queryForList("""
                select e.type || ':' || coalesce(v.victim_ref, c.file_reference) from outbox_event e
                left join victim v on e.aggregate_type = 'victim' and v.id = e.aggregate_id
                left join case_record c on e.aggregate_type = 'case' and c.id = e.aggregate_id
                where e.position > ? and coalesce(v.recorded_by_institution, c.owning_institution) = 'arg-pfa'
                order by e.position""", String.class, after);
    }

    /** Payloads after a position (of officer-arg's institution), without the ids that differ by nature. */
    @SuppressWarnings("unchecked")
    private List<java.util.Map<String, Object>> payloads(long after) {
        return jdbc.queryForList("""
                        select e.type, e.payload from outbox_event e
                        where e.position > ? and e.payload like '%"arg-pfa"%' order by e.position""", after)
                .stream().map(row -> {
                    java.util.Map<String, Object> payload = new java.util.LinkedHashMap<>(
                            JSON.readValue((String) row.get("payload"), java.util.LinkedHashMap.class));
                    payload.put("type", row.get("type"));
                    payload.replace("caseId", "id");
                    payload.replace("victimId", "id");
                    payload.replace("victimKey", "key");
                    return payload;
                }).toList();
    }

    private HttpResponse<String> upload(String file, String key, String mode, boolean dryRun) {
        return upload(file, key, mode, dryRun, false);
    }

    private HttpResponse<String> upload(String file, String key, String mode, boolean dryRun, boolean async) {
        return upload(file, key, mode, dryRun, async, TestUser.OFFICER_ARG);
    }

    private HttpResponse<String> upload(String file, String key, String mode, boolean dryRun, boolean async,
                                        TestUser user) {
        HttpRequest.Builder request = request("/api/v1/uploads?mode=" + mode + "&dryRun=" + dryRun + "&async=" + async,
                user).header("Content-Type", "text/csv")
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
