package org.tipis.caseregistry.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tipis.caseregistry.support.RegistryTestBase;
import org.tipis.platform.test.TestUser;

import tools.jackson.databind.JsonNode;

/**
 * The bad-input corpus (src/test/resources/upload-corpus, expected outcomes in its manifest.csv; generate.py made
 * the files) through the real endpoint: each file gets its status, problem type and rule codes, writes exactly
 * the rows it should (nothing for a refused file), and the service still answers afterwards. Inputs too large to
 * commit (zip bombs, an NDJSON line over the limit, a body over the size limit) are made here.
 */
class UploadCorpusIT extends RegistryTestBase {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Autowired
    JdbcTemplate jdbc;

    record Expected(String file, String contentType, String mode, String query, String user, int status,
                    String problem, List<String> rules, int written) {

        @Override
        public String toString() {
            return file + " as " + contentType + (query.isEmpty() ? "" : " ?" + query) + (user.isEmpty() ? "" : " by " + user);
        }
    }

    static Stream<Arguments> corpus() throws IOException {
        try (InputStream in = UploadCorpusIT.class.getResourceAsStream("/upload-corpus/manifest.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .filter(l -> !l.isBlank()).toList();
            return lines.stream().map(line -> {
                String[] f = line.split(",", -1);
                return Arguments.of(new Expected(f[0], f[1], f[2], f[3], f[4], Integer.parseInt(f[5]), f[6],
                        f[7].isEmpty() ? List.of() : Arrays.asList(f[7].split("\\|")), Integer.parseInt(f[8])));
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachFileGetsItsAnswerAndWritesOnlyWhatItShould(Expected expected) throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/upload-corpus/" + expected.file())) {
            body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).replace("{run}", run)
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        TestUser user = switch (expected.user()) {
            case "" -> TestUser.OFFICER_ARG;
            case "ngo-arg" -> TestUser.NGO_ARG;
            case "officer-comite" -> TestUser.of("officer-comite", "case-officer", "ARG", "arg-comite");
            default -> throw new IllegalArgumentException(expected.user());
        };
        Map<String, Integer> before = counts();

        HttpResponse<String> response = send(request("/api/v1/uploads?mode=" + expected.mode()
                + (expected.query().isEmpty() ? "" : "&" + expected.query()), user)
                .header("Content-Type", expected.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected.status());
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
        List<String> codes = new ArrayList<>();
        if (!expected.problem().isEmpty()) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = json(response);
            assertThat(problem.get("code").asString()).isEqualTo(expected.problem());
            assertThat(problem.get("type").asString()).isEqualTo("/problems/" + expected.problem());
            if (problem.has("errors")) {
                problem.get("errors").forEach(e -> {
                    codes.add(e.get("code").asString());
                    assertThat(e.get("pointer").asString()).startsWith("/");
                });
            }
        } else {
            JsonNode status = json(response);
            assertThat(status.get("rowsWritten").asInt()).as(response.body()).isEqualTo(expected.written());
            json(get("/api/v1/uploads/" + status.get("id").asString() + "/report", TestUser.OFFICER_ARG))
                    .forEach(e -> codes.add(e.get("code").asString()));
        }
        assertThat(codes).as(response.body()).containsAll(expected.rules());

        Map<String, Integer> after = counts();
        assertThat(after.get("victim") - before.get("victim")).as("victims written").isEqualTo(expected.written());
        if (expected.written() == 0) {
            assertThat(after).as("nothing partial was written").isEqualTo(before);
        }
        assertThat(get("/api/v1/me", TestUser.OFFICER_ARG).statusCode()).as("the service still answers").isEqualTo(200);
    }

    @Test
    void spreadsheetCellsThatLookLikeFormulasAreStoredAsTextAndDefusedInTheReport() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/upload-corpus/csv-injection.csv")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{run}", run).getBytes(StandardCharsets.UTF_8);
        }
        JsonNode status = json(send(request("/api/v1/uploads?mode=partial", TestUser.OFFICER_ARG)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(body))));

        assertThat(jdbc.queryForObject("select count(*) from victim where victim_ref = ?", Integer.class,
                "=cmd|' /C calc'!A0 " + run)).as("stored as the text it is").isEqualTo(1);
        String csv = send(request("/api/v1/uploads/" + status.get("id").asString() + "/report?format=csv",
                TestUser.OFFICER_ARG)).body();
        assertThat(csv).contains("CodeUnknown");
        for (String line : csv.lines().toList()) {
            for (String cell : line.split(",")) {
                String bare = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertThat(bare).as("no report cell starts a formula: " + line).doesNotStartWith("=")
                        .doesNotStartWith("@").doesNotStartWith("+");
            }
        }
    }

    @Test
    void aZipBombIsRefusedBeforeItIsInflated() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            minimalWorkbook(zip);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    .getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1024 * 1024];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 200; i++) {
                zip.write(spaces);
            }
            zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThat(bytes.size()).as("a small file").isLessThan(2 * 1024 * 1024);
        assertRefused(bytes.toByteArray(), XLSX, "XlsxZipBomb");
    }

    @Test
    void aWorkbookWithTooManyPartsIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            minimalWorkbook(zip);
            for (int i = 0; i < 1200; i++) {
                zip.putNextEntry(new ZipEntry("xl/media/image" + i + ".png"));
                zip.write(i);
                zip.closeEntry();
            }
        }
        assertRefused(bytes.toByteArray(), XLSX, "XlsxZipBomb");
    }

    @Test
    void anNdjsonLineOverTheLimitIsOneInvalidRow() throws InterruptedException {
        String line = "{\"fileReference\":\"" + "x".repeat(NdjsonSource.MAX_LINE_BYTES + 10) + "\"}\n";
        Map<String, Integer> before = counts();
        HttpResponse<String> accepted = send(request("/api/v1/uploads?mode=strict", TestUser.OFFICER_ARG)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(line)));
        assertThat(accepted.statusCode()).as("over 1 MB: asynchronous").isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode status = json(get(location, TestUser.OFFICER_ARG));
        for (int i = 0; i < 200 && !List.of("completed", "failed").contains(status.get("status").asString()); i++) {
            Thread.sleep(200);
            status = json(get(location, TestUser.OFFICER_ARG));
        }
        assertThat(status.get("status").asString()).isEqualTo("failed");
        assertThat(get(location + "/report", TestUser.OFFICER_ARG).body()).contains("LineTooLong");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedBeforeItIsRead() throws IOException {
        Map<String, Integer> before = counts();
        long declared = 600L * 1024 * 1024;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + org.tipis.platform.test.TestIssuer.get().token(TestUser.OFFICER_ARG)
                    + "\r\nContent-Type: text/csv\r\nContent-Length: " + declared + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();
            String answer = answerUntil(socket.getInputStream(), "payload-too-large");
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .contains("payload-too-large");
        }
        assertThat(counts()).isEqualTo(before);
        assertThat(get("/api/v1/me", TestUser.OFFICER_ARG).statusCode()).isEqualTo(200);
    }

    /** What the server has answered on a raw connection, read until {@code marker} appears or the connection ends. */
    static String answerUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while (!head.toString(StandardCharsets.UTF_8).contains(marker) && (n = in.read(buffer)) > 0) {
            head.write(buffer, 0, n);
        }
        return head.toString(StandardCharsets.UTF_8);
    }

    private void assertRefused(byte[] body, String contentType, String rule) {
        Map<String, Integer> before = counts();
        HttpResponse<String> response = send(request("/api/v1/uploads?mode=strict", TestUser.OFFICER_ARG)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(json(response).get("code").asString()).isEqualTo("import-rejected");
        assertThat(response.body()).contains(rule);
        assertThat(counts()).isEqualTo(before);
        assertThat(get("/api/v1/me", TestUser.OFFICER_ARG).statusCode()).isEqualTo(200);
    }

    private static void minimalWorkbook(ZipOutputStream zip) throws IOException {
        Map<String, String> parts = Map.of("[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                        + "</Types>",
                "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
                "xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        + "<sheets><sheet name=\"data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
                "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
        for (Map.Entry<String, String> part : parts.entrySet()) {
            zip.putNextEntry(new ZipEntry(part.getKey()));
            zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    private Map<String, Integer> counts() {
        return Map.of("victim", count("victim"), "case_record", count("case_record"), "suspect", count("suspect"),
                "proceeding", count("proceeding_event"), "assistance", count("assistance_event"));
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
