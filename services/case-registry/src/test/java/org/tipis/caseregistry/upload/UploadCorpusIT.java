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

    /** A header of inline strings and one data row whose age cell is a number with an exponent of 2^31 - 1. */
    @Test
    void aNumberCellWithAHugeExponentIsAnInvalidCellNotAnOutOfMemoryError() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String sheet = "<row r=\"1\">" + inline("A1", "case_ref") + inline("B1", "victim_ref")
                + inline("C1", "identification_date") + inline("D1", "victim_status") + inline("E1", "sex")
                + inline("F1", "age_at_identification") + "</row><row r=\"2\">" + inline("A2", "XN-" + run)
                + inline("B2", "XNV-" + run) + inline("C2", "2024-03-01") + inline("D2", "IDENTIFIED") + inline("E2", "F")
                + "<c r=\"F2\"><v>1E2147483647</v></c></row>";
        Map<String, Integer> before = counts();
        HttpResponse<String> response = send(request("/api/v1/uploads?mode=strict", TestUser.OFFICER_ARG)
                .header("Content-Type", XLSX).POST(HttpRequest.BodyPublishers.ofByteArray(workbook(sheet, null))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains("/rows/2/age_at_identification").doesNotContain("Exception");
        assertThat(counts()).isEqualTo(before);
    }

    /**
     * Columns beyond XFD (a reference that would overflow the column index), a shared string, an inline string or a
     * value longer than a cell holds, a row of more than 1 MiB of text: the workbook is refused without the text
     * being gathered, and nothing spooled is left behind.
     */
    @Test
    void oversizedCellsAndColumnsRefuseTheWorkbookAndLeaveNothingSpooled() throws IOException {
        String header = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>";
        String sst = "<si><t>case_ref</t></si>";
        assertRefused(workbook(header + "<c r=\"FXSHRXW1\" t=\"s\"><v>0</v></c></row>", sst), XLSX, "XlsxMalformed");
        assertRefused(workbook(header + "</row>", sst + "<si><t>" + "x".repeat(40_000) + "</t></si>"), XLSX,
                "XlsxMalformed");
        assertRefused(workbook(header + inline("B1", "y".repeat(40_000)) + "</row>", sst), XLSX, "XlsxMalformed");
        StringBuilder digits = new StringBuilder(200_000);
        java.util.Random random = new java.util.Random(7);
        while (digits.length() < 200_000) {
            digits.append(random.nextInt(10));
        }
        assertRefused(workbook(header + "<c r=\"B1\"><v>" + digits + "</v></c></row>", sst), XLSX, "XlsxMalformed");
        StringBuilder wide = new StringBuilder(header);
        for (int i = 0; i < 40; i++) {
            // random letters: a repeated one would compress beyond the zip-bomb ratio
            wide.append("<c t=\"inlineStr\"><is><t>");
            random.ints(30_000, 'a', 'z' + 1).forEach(c -> wide.append((char) c));
            wide.append("</t></is></c>");
        }
        assertRefused(workbook(wide + "</row>", sst), XLSX, "XlsxMalformed");
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(spool)) { // the instances' directories too
            assertThat(files.map(f -> f.getFileName().toString())).as("spooled shared strings are deleted")
                    .noneMatch(f -> f.startsWith("shared-strings-"));
        }
    }

    @org.springframework.beans.factory.annotation.Value("${tipis.upload.spool-dir:${java.io.tmpdir}/tipis-uploads}")
    java.nio.file.Path spool;

    private static String inline(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    /** A workbook of one sheet "data" with these rows, and a shared-strings part with these entries (null: none). */
    private static byte[] workbook(String rows, String sharedStrings) throws IOException {
        Map<String, String> parts = workbookParts(sharedStrings != null);
        parts.put("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + MAIN + "\"><sheetData>" + rows
                + "</sheetData></worksheet>");
        if (sharedStrings != null) {
            parts.put("xl/sharedStrings.xml", "<sst xmlns=\"" + MAIN + "\">" + sharedStrings + "</sst>");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            write(zip, parts);
        }
        return bytes.toByteArray();
    }

    /** The parts of a workbook but its sheet: the tests add a sheet of their own. */
    private static void minimalWorkbook(ZipOutputStream zip) throws IOException {
        write(zip, workbookParts(false));
    }

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /** Content types, relationships and the workbook part naming sheet1 "data" (and a shared-strings part). */
    private static Map<String, String> workbookParts(boolean sharedStrings) {
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + (sharedStrings ? "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>" : "")
                + "</Types>");
        parts.put("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + RELATIONSHIPS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
        parts.put("xl/workbook.xml", "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + RELATIONSHIPS + "\">"
                + "<sheets><sheet name=\"data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + RELATIONSHIPS + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + (sharedStrings ? "<Relationship Id=\"rId2\" Type=\"" + RELATIONSHIPS
                + "/sharedStrings\" Target=\"sharedStrings.xml\"/>" : "") + "</Relationships>");
        return parts;
    }

    private static void write(ZipOutputStream zip, Map<String, String> parts) throws IOException {
        for (Map.Entry<String, String> part : parts.entrySet()) {
            zip.putNextEntry(new ZipEntry(part.getKey()));
            zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
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


    private Map<String, Integer> counts() {
        return Map.of("victim", count("victim"), "case_record", count("case_record"), "suspect", count("suspect"),
                "proceeding", count("proceeding_event"), "assistance", count("assistance_event"));
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
