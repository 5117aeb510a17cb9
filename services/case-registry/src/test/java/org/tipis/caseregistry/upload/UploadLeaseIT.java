package org.tipis.caseregistry.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.servlet.MultipartConfigElement;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.tipis.caseregistry.support.RegistryTestBase;
import org.tipis.platform.test.TestUser;

/**
 * Several registry instances on one database: each upload is owned by the instance that received it, which renews its
 * heartbeat; at start an instance fails only its own unfinished uploads (and those without an owner), any instance
 * fails the uploads whose heartbeat is older than the lease, and an owner whose upload was failed so writes nothing
 * more. The other instances are rows of another owner; the scheduled heartbeat is off (1h) so that the tests drive
 * the heartbeat and the reaper themselves.
 */
@TestPropertySource(properties = {"tipis.upload.instance=" + UploadLeaseIT.INSTANCE, "tipis.upload.heartbeat=1h",
        "tipis.upload.lease=2h", "tipis.upload.batch-rows=100", "tipis.upload.spool-dir=" + UploadLeaseIT.SPOOL})
class UploadLeaseIT extends RegistryTestBase {

    static final String INSTANCE = "registry-a:8081";
    static final String OTHER = "registry-b:8081";
    static final String SPOOL = "target/upload-lease-spool";
    /** tipis.upload.lease above: longer than the heartbeat, as it must be. */
    static final Duration LEASE = Duration.ofHours(2);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    UploadService uploads;
    @Autowired
    MultipartConfigElement multipart;

    @Test
    void anotherInstancesUploadWithAFreshHeartbeatSurvivesThisInstancesStartAndReaper() {
        Instant now = Instant.now();
        UUID theirs = upload(OTHER, "partial", "running", now.minus(Duration.ofDays(1)), now.minusSeconds(5));
        UUID theirsQueued = upload(OTHER, "strict", "queued", now.minus(Duration.ofDays(1)), now.minus(LEASE).plusSeconds(60));

        uploads.markInterrupted();
        uploads.reapExpired();

        assertThat(state(theirs)).isEqualTo(Map.of("status", "running"));
        assertThat(state(theirsQueued)).as("a heartbeat within the lease").isEqualTo(Map.of("status", "queued"));
    }

    @Test
    void anUploadWhoseHeartbeatIsOlderThanTheLeaseIsFailedWhoeverOwnsIt() throws Exception {
        Instant expired = Instant.now().minus(LEASE).minusSeconds(60);
        UUID partial = upload(OTHER, "partial", "running", expired, expired);
        UUID strict = upload(OTHER, "strict", "running", expired, expired);
        UUID queued = upload(OTHER, "strict", "queued", expired, expired);
        UUID own = upload(INSTANCE, "partial", "running", expired, expired);
        UUID done = upload(OTHER, "partial", "completed", expired, expired);
        UUID live = upload(OTHER, "partial", "running", expired, Instant.now());
        Path others = Files.createDirectories(Path.of(SPOOL, UploadInstance.directory(OTHER)));
        Path spooled = Files.writeString(others.resolve(partial + ".xlsx"), "upload");
        Path sharedStrings = Files.writeString(others.resolve(partial + ".shared-strings-1.data"), "strings");
        Path liveFile = Files.writeString(others.resolve(live + ".csv"), "upload");

        uploads.reapExpired();

        assertThat(spooled).as("a failed upload's spooled files, in a spool shared with its instance").doesNotExist();
        assertThat(sharedStrings).doesNotExist();
        assertThat(liveFile).as("a live upload's file stays").exists();
        assertThat(state(live)).isEqualTo(Map.of("status", "running"));

        assertThat(state(partial)).isEqualTo(failed(UploadService.INTERRUPTED_PARTIAL));
        assertThat(state(strict)).isEqualTo(failed(UploadService.INTERRUPTED_STRICT));
        assertThat(state(queued)).isEqualTo(failed(UploadService.INTERRUPTED_STRICT));
        assertThat(state(own)).as("a stalled instance's own upload too").isEqualTo(failed(UploadService.INTERRUPTED_PARTIAL));
        assertThat(state(done)).as("a finished upload stays as it is").isEqualTo(Map.of("status", "completed"));
        assertThat(jdbc.queryForObject("select finished_at from upload where id = ?", Timestamp.class, strict)).isNotNull();
    }

    @Test
    void atStartThisInstancesUnfinishedUploadsAndThoseWithoutOwnerAreFailed() {
        Instant before = Instant.now().minus(Duration.ofHours(1));
        Instant now = Instant.now();
        UUID running = upload(INSTANCE, "partial", "running", before, now);
        UUID queued = upload(INSTANCE, "strict", "queued", before, now);
        UUID ownerless = upload(null, "strict", "running", before, null);
        UUID acceptedSinceStart = upload(INSTANCE, "partial", "running", now, now);
        UUID theirs = upload(OTHER, "partial", "running", before, now);

        uploads.markInterrupted();

        assertThat(state(running)).isEqualTo(failed(UploadService.INTERRUPTED_PARTIAL));
        assertThat(state(queued)).isEqualTo(failed(UploadService.INTERRUPTED_STRICT));
        assertThat(state(ownerless)).isEqualTo(failed(UploadService.INTERRUPTED_STRICT));
        assertThat(state(acceptedSinceStart)).as("received by this run of the instance").isEqualTo(Map.of("status", "running"));
        assertThat(state(theirs)).isEqualTo(Map.of("status", "running"));
    }

    @Test
    void theHeartbeatRenewsOnlyThisInstancesUnfinishedUploads() {
        Instant old = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS);
        UUID running = upload(INSTANCE, "partial", "running", old, old);
        UUID queued = upload(INSTANCE, "partial", "queued", old, old);
        UUID done = upload(INSTANCE, "partial", "completed", old, old);
        UUID theirs = upload(OTHER, "partial", "running", old, old);

        uploads.heartbeat();

        assertThat(heartbeat(running)).isAfter(old.plus(Duration.ofMinutes(30)));
        assertThat(heartbeat(queued)).isAfter(old.plus(Duration.ofMinutes(30)));
        assertThat(heartbeat(done)).isEqualTo(old);
        assertThat(heartbeat(theirs)).isEqualTo(old);
    }

    /**
     * The upload is held in its third batch (a victim it updates is locked), its heartbeat is set past the lease and
     * the reaper fails it with the two batches it committed; released, the owner finds out at the batch's commit,
     * rolls it back and stops.
     */
    @Test
    void anOwnerWhoseUploadWasFailedWritesNothingMore() throws Exception {
        String run = "LS" + UUID.randomUUID().toString().substring(0, 6);
        UUID id = heldInItsThirdBatch(run, "partial", held -> {
            jdbc.update("update upload set heartbeat_at = ? where id = ?",
                    Timestamp.from(Instant.now().minus(LEASE).minusSeconds(60)), held);
            uploads.reapExpired();
            assertThat(state(held)).isEqualTo(failed(UploadService.INTERRUPTED_PARTIAL));
        });

        assertThat(state(id)).isEqualTo(failed(UploadService.INTERRUPTED_PARTIAL));
        assertTwoBatchesOnly(run, id);
    }

    /** Cancelling stops the upload like a reaper does: partial mode keeps the batches committed before. */
    @Test
    void aCancelledPartialUploadKeepsTheBatchesWrittenBeforeAndWritesNothingMore() throws Exception {
        String run = "LC" + UUID.randomUUID().toString().substring(0, 6);
        UUID id = heldInItsThirdBatch(run, "partial", held -> {
            assertThat(send(request("/api/v1/uploads/" + held + "/cancel", TestUser.OFFICER_BRA)
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode())
                    .as("another country's officer does not see it").isEqualTo(404);
            HttpResponse<String> cancelled = send(request("/api/v1/uploads/" + held + "/cancel",
                    TestUser.SUPERVISOR_ARG).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
            assertThat(json(cancelled).get("status").asString()).isEqualTo("failed");
            assertThat(json(cancelled).get("failure").asString()).isEqualTo(UploadService.CANCELLED);
            assertThat(spooled(held)).as("the uploaded data is deleted at once, while the worker still waits")
                    .doesNotExist();
        });

        assertThat(state(id)).isEqualTo(failed(UploadService.CANCELLED));
        assertThat(jdbc.queryForObject("select cancelled_by from upload where id = ?", String.class, id))
                .isEqualTo(TestUser.SUPERVISOR_ARG.username());
        assertTwoBatchesOnly(run, id);
        HttpResponse<String> again = send(request("/api/v1/uploads/" + id + "/cancel", TestUser.OFFICER_ARG)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(again.statusCode()).as("an ended upload cannot be cancelled").isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    /** Strict mode writes the whole file in one transaction: cancelled before its commit, nothing of it stays. */
    @Test
    void aCancelledStrictUploadWritesNothing() throws Exception {
        String run = "LT" + UUID.randomUUID().toString().substring(0, 6);
        UUID id = heldInItsThirdBatch(run, "strict", held -> assertThat(send(request("/api/v1/uploads/" + held
                + "/cancel", TestUser.OFFICER_ARG).POST(HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(200));

        assertThat(state(id)).isEqualTo(failed(UploadService.CANCELLED));
        assertThat(rowsWritten(id)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from victim where victim_ref like ?", Long.class, run + "-V%"))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from case_record where file_reference like ?", Long.class,
                run + "-K%")).isZero();
        assertThat(jdbc.queryForObject("select sex from victim where victim_ref = ?", String.class, run + "-X"))
                .isEqualTo("F");
        assertThat(jdbc.queryForObject("select count(*) from revinfo where origin = ?", Long.class, "upload:" + id))
                .isZero();
    }

    @Test
    void atStartOnlyThisInstancesOwnSpooledLeftoversAreDeleted() throws Exception {
        Path own = Path.of(SPOOL, UploadInstance.directory(INSTANCE));
        Path other = Files.createDirectories(Path.of(SPOOL, UploadInstance.directory(OTHER)));
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Path left = Files.writeString(own.resolve(UUID.randomUUID() + ".csv"), "case_ref\n");
        Path theirs = Files.writeString(other.resolve(UUID.randomUUID() + ".csv"), "case_ref\n");
        Files.setLastModifiedTime(left, longAgo);
        Files.setLastModifiedTime(theirs, longAgo);

        uploads.markInterrupted();

        assertThat(left).doesNotExist();
        assertThat(theirs).as("another instance's spooled upload").exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own))).isEqualTo("rwx------");
        Files.delete(theirs);
    }

    @Test
    void multipartPartsAreSpooledInTheInstancesOwnDirectory() {
        assertThat(Path.of(multipart.getLocation())).isEqualTo(Path.of(SPOOL, UploadInstance.directory(INSTANCE)));
        String run = "LM" + UUID.randomUUID().toString().substring(0, 6);
        String body = "--part\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cases.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\ncase_ref,victim_ref,identification_date,victim_status,sex\n"
                + run + "-K," + run + "-V,2024-03-01,IDENTIFIED,F\n\r\n--part--\r\n";
        HttpResponse<String> response = send(request("/api/v1/uploads?mode=strict", TestUser.OFFICER_ARG)
                .header("Content-Type", "multipart/form-data; boundary=part")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).get("rowsWritten").asInt()).isEqualTo(1);
    }

    interface WhileHeld {
        void run(UUID upload) throws Exception;
    }

    /**
     * Records victim {@code run}-X (sex F), then sends a 1,000-row asynchronous file (batches of 100) whose third batch
     * changes that victim while a lock on it is held: {@code whileHeld} runs when the upload waits there; then the
     * lock is released and the upload's worker is awaited until its transaction has ended (rolled back).
     */
    private UUID heldInItsThirdBatch(String run, String mode, WhileHeld whileHeld) throws Exception {
        String header = "case_ref,victim_ref,identification_date,victim_status,sex\n";
        HttpResponse<String> first = upload(header + run + "-XK," + run + "-X,2024-03-01,IDENTIFIED,F\n", "strict", false);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        UUID firstId = UUID.fromString(json(first).get("id").asString());
        assertThat(jdbc.queryForMap("select owner, heartbeat_at is not null as beat from upload where id = ?", firstId))
                .as("owned by the instance that received it").isEqualTo(Map.of("owner", INSTANCE, "beat", true));

        StringBuilder file = new StringBuilder(header);
        for (int i = 0; i < 1000; i++) {
            if (i == 250) { // in the third batch: changes the victim of the first upload
                file.append(run).append("-XK,").append(run).append("-X,2024-03-01,IDENTIFIED,M\n");
            }
            file.append(run).append("-K").append(i / 10).append(',').append(run).append("-V").append(i)
                    .append(",2024-03-01,IDENTIFIED,F\n");
        }
        UUID id;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select id from victim where victim_ref = ? for update")) {
                lock.setString(1, run + "-X");
                lock.executeQuery().close();
            }
            HttpResponse<String> accepted = upload(file.toString(), mode, true);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            id = UUID.fromString(json(accepted).get("id").asString());
            awaitUntil("the upload waits in its third batch", () -> ("strict".equals(mode) || rowsWritten(id) == 200)
                    && jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                    + "and datname = current_database()", Long.class) > 0);
            assertThat(spooled(id)).as("spooled in the instance's own directory").exists();
            whileHeld.run(id);
            holder.commit();
        }
        awaitUntil("the owner's worker has ended its transaction", () -> jdbc.queryForObject("select count(*) from "
                + "pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() "
                + "and state <> 'idle'", Long.class) == 0);
        assertThat(spooled(id)).as("no spooled file left").doesNotExist();
        return id;
    }

    /** The upload {@code id} of {@link #heldInItsThirdBatch} wrote its first two batches, nothing more. */
    private void assertTwoBatchesOnly(String run, UUID id) {
        assertThat(rowsWritten(id)).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from victim where victim_ref like ?", Long.class, run + "-V%"))
                .as("exactly the two batches committed before").isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from case_record where file_reference like ?", Long.class,
                run + "-K%")).isEqualTo(20);
        assertThat(jdbc.queryForObject("select sex from victim where victim_ref = ?", String.class, run + "-X"))
                .as("the held batch was rolled back").isEqualTo("F");
        assertThat(jdbc.queryForObject("select count(*) from revinfo where origin = ?", Long.class, "upload:" + id))
                .as("one revision per committed batch").isEqualTo(2);
    }

    private HttpResponse<String> upload(String csv, String mode, boolean async) {
        return send(request("/api/v1/uploads?mode=" + mode + "&async=" + async, TestUser.OFFICER_ARG)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    /** An upload as another instance (or this one, or one from before owners: null) recorded it. */
    private UUID upload(String owner, String mode, String status, Instant createdAt, Instant heartbeatAt) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                        insert into upload (id, institution, country, body_sha256, format, mode, dry_run, status, bytes,
                            created_by, created_at, owner, heartbeat_at)
                        values (?, 'ARG-TEST', 'ARG', 'x', 'csv', ?, false, ?, 1, 'test', ?, ?, ?)""",
                id, mode, status, Timestamp.from(createdAt), owner,
                heartbeatAt == null ? null : Timestamp.from(heartbeatAt));
        return id;
    }

    private static Map<String, Object> failed(String failure) {
        return Map.of("status", "failed", "failure", failure);
    }

    /** Status, and the failure when there is one. */
    private Map<String, Object> state(UUID id) {
        Map<String, Object> row = jdbc.queryForMap("select status, failure from upload where id = ?", id);
        return row.get("failure") == null ? Map.of("status", row.get("status")) : Map.copyOf(row);
    }

    private Instant heartbeat(UUID id) {
        return jdbc.queryForObject("select heartbeat_at from upload where id = ?", Timestamp.class, id).toInstant();
    }

    private int rowsWritten(UUID id) {
        return jdbc.queryForObject("select rows_written from upload where id = ?", Integer.class, id);
    }

    private static Path spooled(UUID id) {
        return Path.of(SPOOL, UploadInstance.directory(INSTANCE), id + ".csv");
    }

    /** Waits for a state (not for time): fails if it is not reached within a minute. */
    private static void awaitUntil(String state, BooleanSupplier reached) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!reached.getAsBoolean()) {
            assertThat(Instant.now()).as("not reached within a minute: " + state).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
