package org.tipis.caseregistry.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tipis.platform.test.ServiceProcess;
import org.tipis.platform.test.TestIssuer;
import org.tipis.platform.test.TestUser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry is killed (SIGKILL) in the middle of a large upload and started again: the store then holds
 * nothing of a strict-mode file, and exactly the reported batches of a partial-mode one, compared by row counts
 * and checksums. The registry runs as a process of its own (with its own embedded PostgreSQL, kept across the
 * restart). Rows: {@code -Dtipis.crash-test.rows} (default 200,000; docs/benchmarks.md has a 1,000,000-row run).
 */
class UploadCrashIT {

    static final int ROWS = Integer.getInteger("tipis.crash-test.rows", 200_000);
    /** tipis.upload.batch-rows of the registry (its default). */
    static final int BATCH = 5000;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static ServiceProcess registry;
    /** The registry's spool directory: the uploaded file lies there while it is processed. */
    static final Path SPOOL = Path.of("target", "upload-crash-spool");

    @BeforeAll
    static void start() {
        registry = ServiceProcess.dedicated("case-registry", Map.of("REFERENCE_DATA_URI", ServiceProcess.referenceData(),
                "TIPIS_UPLOAD_SPOOL_DIR", SPOOL.toAbsolutePath().toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        registry.stop();
    }

    @Test
    void afterAKillMidwayAPartialUploadLeavesExactlyTheReportedBatches() throws Exception {
        String run = "P" + UUID.randomUUID().toString().substring(0, 6);
        List<String[]> rows = rows(run);
        Path file = write(rows);
        String before = storeOutside(run);

        String id = upload(file, "partial");
        await(id, s -> s.get("rowsWritten").asInt() >= ROWS / 3);
        assertThat(spooled()).as("the file is spooled while it is processed").isNotEmpty();
        registry.kill();
        registry.start();
        assertThat(spooledSoon()).as("the file the killed process left is deleted after the restart").isEmpty();

        JsonNode status = status(id);
        int written = status.get("rowsWritten").asInt();
        System.out.printf("partial: %d rows, killed (SIGKILL) with %d reported as written; after the restart: %s%n",
                ROWS, written, victims(run));
        assertThat(status.get("status").asString()).isEqualTo("failed");
        assertThat(written).as("killed midway: raise tipis.crash-test.rows if the upload was faster").isBetween(1, ROWS - 1);
        assertThat(written % BATCH).as("whole batches").isZero();
        assertThat(victims(run)).as("exactly the reported rows, with their values")
                .isEqualTo(expected(rows.subList(0, written)));
        long cases = rows.subList(0, written).stream().map(r -> r[0]).distinct().count();
        assertThat(count("select count(*) from case_record where file_reference like ?", run + "%")).isEqualTo(cases);
        assertThat(count("select count(*) from victim_aud a join revinfo r on r.rev = a.rev where r.origin = ?",
                "upload:" + id)).as("one audit row per written victim").isEqualTo(written);
        assertThat(count("select count(*) from revinfo where origin = ?", "upload:" + id)).as("one revision per batch")
                .isEqualTo(written / BATCH);
        assertThat(count("""
                select count(*) from outbox_event e join victim v on v.id = e.aggregate_id
                where e.type = 'VictimRecorded' and v.victim_ref like ?""", run + "%")).isEqualTo(written);
        assertThat(count("""
                select count(*) from outbox_event e join case_record c on c.id = e.aggregate_id
                where e.type = 'CaseOpened' and c.file_reference like ?""", run + "%")).isEqualTo(cases);
        assertThat(storeOutside(run)).as("nothing else changed").isEqualTo(before);
        Files.delete(file);
    }

    @Test
    void afterAKillMidwayAStrictUploadLeavesNothing() throws Exception {
        String run = "S" + UUID.randomUUID().toString().substring(0, 6);
        Path file = write(rows(run));
        String before = storeOutside(run);

        String id = upload(file, "strict");
        await(id, s -> s.get("percent").asInt() >= 70);
        JsonNode running = status(id);
        assertThat(spooled()).as("the file is spooled while it is processed").isNotEmpty();
        registry.kill();
        registry.start();
        assertThat(spooledSoon()).as("the file the killed process left is deleted after the restart").isEmpty();

        JsonNode status = status(id);
        System.out.printf("strict: %d rows, killed (SIGKILL) at %d%% read; after the restart: %s, store outside the "
                + "file unchanged: %s%n", ROWS, running.get("percent").asInt(), victims(run), storeOutside(run).equals(before));
        assertThat(status.get("status").asString()).isEqualTo("failed");
        assertThat(status.get("rowsWritten").asInt()).isZero();
        assertThat(victims(run)).isEqualTo(expected(List.of()));
        assertThat(count("select count(*) from case_record where file_reference like ?", run + "%")).isZero();
        assertThat(count("select count(*) from revinfo where origin = ?", "upload:" + id)).isZero();
        assertThat(storeOutside(run)).isEqualTo(before);
        Files.delete(file);
    }

    /** The files in the spool, in the instance's own directory (its name stays across the restart: same port). */
    private static List<Path> spooled() throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(SPOOL)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** The spooled files once the restarted registry had a few seconds to clean up after becoming ready. */
    private static List<Path> spooledSoon() throws Exception {
        List<Path> left = spooled();
        for (int i = 0; i < 50 && !left.isEmpty(); i++) {
            Thread.sleep(100);
            left = spooled();
        }
        return left;
    }

    private static List<String[]> rows(String run) {
        List<String[]> rows = new ArrayList<>(ROWS);
        String[] forms = {"SEXUAL", "FORCED_LABOUR", "BEGGING"};
        for (int i = 0; i < ROWS; i++) {
            rows.add(new String[] {run + "-C" + (i / 10), run + "-V" + i, "2024-0" + (1 + i % 9) + "-1" + (i % 10),
                    "IDENTIFIED", i % 3 == 0 ? "M" : "F", Integer.toString(12 + i % 50), "ARG", forms[i % 3]});
        }
        return rows;
    }

    private static Path write(List<String[]> rows) throws Exception {
        Path file = Files.createTempFile("crash-upload", ".csv");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("case_ref,victim_ref,identification_date,victim_status,sex,age_at_identification,nationality,"
                    + "exploitation_primary\n");
            for (String[] row : rows) {
                out.write(String.join(",", row));
                out.write('\n');
            }
        }
        return file;
    }

    /** Count and checksum of the victims whose reference starts with the run, as the file says them. */
    private static String expected(List<String[]> rows) throws Exception {
        TreeMap<String, String> lines = new TreeMap<>();
        for (String[] r : rows) {
            lines.put(r[1], String.join("|", r[1], r[0], r[4], r[5], r[2], r[3], r[6], r[7]));
        }
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(String.join(",", lines.values()).getBytes(StandardCharsets.UTF_8));
        return rows.size() + ":" + (rows.isEmpty() ? "" : HexFormat.of().formatHex(md5.digest()));
    }

    private static String victims(String run) throws Exception {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("""
                select count(*), coalesce(md5(string_agg(concat_ws('|', v.victim_ref, k.file_reference, v.sex,
                       v.age_at_identification, v.identification_date, v.status, v.nationality, v.exploitation_primary),
                       ',' order by v.victim_ref collate "C")), '')
                from victim v join case_record k on k.id = v.case_id where v.victim_ref like ?""")) {
            s.setString(1, run + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) + ":" + rs.getString(2);
            }
        }
    }

    /** Counts and checksums of everything in the store that is not the run's. */
    private static String storeOutside(String run) throws Exception {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("""
                select (select count(*) || ':' || coalesce(md5(string_agg(id::text || version, ',' order by id)), '')
                        from victim where victim_ref not like ?),
                       (select count(*) || ':' || coalesce(md5(string_agg(id::text || version, ',' order by id)), '')
                        from case_record where file_reference not like ?),
                       (select count(*) from victim_aud a join victim v on v.id = a.id where v.victim_ref not like ?),
                       (select count(*) from outbox_event e where e.aggregate_id not in (
                            select id from victim where victim_ref like ? union all
                            select id from case_record where file_reference like ?))""")) {
            for (int i = 1; i <= 5; i++) {
                s.setString(i, run + "%");
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getLong(4);
            }
        }
    }

    private static long count(String sql, String parameter) throws Exception {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(registry.jdbcUrl(), "postgres", "postgres");
    }

    private static String upload(Path file, String mode) throws Exception {
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(
                        URI.create(registry.uri() + "/api/v1/uploads?async=true&mode=" + mode))
                .header("Authorization", "Bearer " + TestIssuer.get().token(TestUser.OFFICER_ARG))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).get("id").asString();
    }

    private static JsonNode status(String id) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.uri() + "/api/v1/uploads/" + id))
                .header("Authorization", "Bearer " + TestIssuer.get().token(TestUser.OFFICER_ARG)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void await(String id, java.util.function.Predicate<JsonNode> midway) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = status(id);
            assertThat(status.get("status").asString()).as("still running: " + status).isIn("queued", "running");
            if (midway.test(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the upload did not get midway in 10 minutes");
    }
}
