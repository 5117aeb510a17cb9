package org.tipis.caseregistry.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

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
 * fails the uploads whose heartbeat is older than the lease. The other instances are rows of another owner; the
 * scheduled heartbeat is off (1h) so that the tests drive the heartbeat and the reaper themselves.
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
    void anUploadWhoseHeartbeatIsOlderThanTheLeaseIsFailedWhoeverOwnsIt() {
        Instant expired = Instant.now().minus(LEASE).minusSeconds(60);
        UUID partial = upload(OTHER, "partial", "running", expired, expired);
        UUID strict = upload(OTHER, "strict", "running", expired, expired);
        UUID queued = upload(OTHER, "strict", "queued", expired, expired);
        UUID own = upload(INSTANCE, "partial", "running", expired, expired);
        UUID done = upload(OTHER, "partial", "completed", expired, expired);

        uploads.reapExpired();

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
}
