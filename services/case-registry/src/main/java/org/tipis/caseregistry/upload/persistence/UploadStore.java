package org.tipis.caseregistry.upload.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tipis.caseregistry.upload.Upload;
import org.tipis.platform.problem.FieldError;

@Repository
public class UploadStore {

    /** {@code upload_error.column_name} is varchar(64). */
    static final int MAX_POINTER = 64;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public UploadStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A received upload, owned by the instance that will process it, its heartbeat at its creation. */
    public void insert(Upload u, String owner) {
        jdbc.sql("""
                        insert into upload (id, institution, country, on_behalf_of, idempotency_key, body_sha256, format,
                            mode, dry_run, status, bytes, created_by, created_at, owner, heartbeat_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())""")
                .params(u.id(), u.institution(), u.country(), u.onBehalfOf(), u.idempotencyKey(), u.bodySha256(),
                        u.format(), u.mode(), u.dryRun(), u.status(), u.bytes(), u.createdBy(),
                        Timestamp.from(u.createdAt()), owner)
                .update();
    }

    public Optional<Upload> byId(UUID id) {
        return jdbc.sql("select * from upload where id = ?").param(id).query(this::row).optional();
    }

    public Optional<Upload> byKey(String institution, String key) {
        return jdbc.sql("select * from upload where institution = ? and idempotency_key = ?").params(institution, key)
                .query(this::row).optional();
    }

    /** False when the upload is no longer queued (a reaper failed it meanwhile): it is not to be run. */
    public boolean started(UUID id, Instant at) {
        return jdbc.sql("update upload set status = 'running', started_at = ? where id = ? and status = 'queued'")
                .params(Timestamp.from(at), id).update() == 1;
    }

    /** Progress of the reading; false when the upload is no longer running (a reaper failed it). */
    public boolean progress(UUID id, long bytesRead, int read, int valid, int invalid, int written) {
        return jdbc.sql("""
                        update upload set bytes_read = ?, rows_read = ?, rows_valid = ?, rows_invalid = ?, rows_written = ?
                        where id = ? and status = 'running'""").params(bytesRead, read, valid, invalid, written, id)
                .update() == 1;
    }

    /**
     * Progress of the writing, with the rows that inserted or changed a victim, committed with the rows it counts:
     * only while {@code owner} still runs the upload (else false, and the caller rolls the rows back: a reaper
     * failed the upload, reporting the rows counted so far). Renews the upload's heartbeat.
     */
    public boolean progress(UUID id, String owner, long bytesRead, int read, int valid, int invalid,
                            int written, int changed) {
        return jdbc.sql("""
                        update upload set bytes_read = ?, rows_read = ?, rows_valid = ?, rows_invalid = ?, rows_written = ?,
                            rows_changed = ?, heartbeat_at = clock_timestamp()
                        where id = ? and owner = ? and status = 'running'""")
                .params(bytesRead, read, valid, invalid, written, changed, id, owner)
                .update() == 1;
    }

    /**
     * As {@link #progress(UUID, String, long, int, int, int, int, int)}, and the upload completed, in the transaction
     * that commits its last rows: no restart, reaper or cancel can then find it running with its rows committed.
     */
    public boolean completed(UUID id, String owner, Instant at, long bytesRead, int read, int valid, int invalid,
                             int written, int changed) {
        return jdbc.sql("""
                        update upload set bytes_read = ?, rows_read = ?, rows_valid = ?, rows_invalid = ?, rows_written = ?,
                            rows_changed = ?, heartbeat_at = clock_timestamp(), status = 'completed', finished_at = ?
                        where id = ? and owner = ? and status = 'running'""")
                .params(bytesRead, read, valid, invalid, written, changed, Timestamp.from(at), id, owner)
                .update() == 1;
    }

    /** An upload ends once: a finished one (e.g. failed by a reaper) stays as it is. */
    public void finished(UUID id, String status, String failure, Instant at) {
        jdbc.sql("update upload set status = ?, failure = ?, finished_at = ? where id = ? and status in ('queued', 'running')")
                .params(status, failure, Timestamp.from(at), id).update();
    }

    /** A page of an institution's uploads, newest first. */
    public record UploadPage(List<Upload> items, int page, int size, long totalItems) {
    }

    /** The uploads of {@code institution} (of {@code status} when not null), newest first. */
    public UploadPage list(String institution, String status, int page, int size) {
        long total = jdbc.sql("select count(*) from upload where institution = ? and (?::varchar is null or status = ?)")
                .params(institution, status, status).query(Long.class).single();
        List<Upload> items = jdbc.sql("""
                        select * from upload where institution = ? and (?::varchar is null or status = ?)
                        order by created_at desc, id desc offset ? limit ?""")
                .params(institution, status, status, (long) page * size, size).query(this::row).list();
        return new UploadPage(items, page, size, total);
    }

    /**
     * Ends a queued or running upload as failed, cancelled by {@code username}. Its worker's next commit then finds it
     * no longer running and is rolled back.
     *
     * @return the instance that was processing it; empty when the upload had already ended
     */
    public Optional<Ended> cancel(UUID id, String username, String failure, Instant at) {
        return jdbc.sql("""
                        update upload set status = 'failed', failure = ?, finished_at = ?, cancelled_by = ?
                        where id = ? and status in ('queued', 'running')
                        returning id, owner""")
                .params(failure, Timestamp.from(at), username, id)
                .query((rs, n) -> new Ended(rs.getObject("id", UUID.class), rs.getString("owner"))).optional();
    }

    /**
     * The instance {@code owner} is alive: the heartbeat of its unfinished uploads. Heartbeats are dated by the
     * database's clock, which all instances share, so that the lease does not depend on their clocks agreeing.
     */
    public int heartbeat(String owner) {
        return jdbc.sql("update upload set heartbeat_at = clock_timestamp() where owner = ? "
                        + "and status in ('queued', 'running')")
                .param(owner).update();
    }

    /** An upload ended from outside its worker (reaped or cancelled), and the instance that was processing it. */
    public record Ended(UUID id, String owner) {
    }

    /**
     * At the start of the instance {@code owner}: its uploads created before {@code startedAt} were left unfinished by
     * its previous run, and uploads without an owner by an instance from before owners; they are failed, their
     * committed batches stay.
     *
     * @return the uploads failed
     */
    public List<UUID> failInterrupted(String owner, Instant startedAt, String strictFailure, String partialFailure,
                                      Instant at) {
        return jdbc.sql("""
                        update upload set status = 'failed', finished_at = ?,
                            failure = case when mode = 'strict' then ? else ? end
                        where status in ('queued', 'running') and (owner is null or owner = ? and created_at < ?)
                        returning id""")
                .params(Timestamp.from(at), strictFailure, partialFailure, owner, Timestamp.from(startedAt))
                .query(UUID.class).list();
    }

    /**
     * Fails the unfinished uploads, of any instance, whose heartbeat is older than {@code lease} by the database's
     * clock: their instance died or stalled. One statement, so that an upload whose heartbeat is renewed meanwhile is
     * left alone.
     *
     * @return the uploads failed, with their owners
     */
    public List<Ended> failExpired(java.time.Duration lease, String strictFailure, String partialFailure, Instant at) {
        return jdbc.sql("""
                        update upload set status = 'failed', finished_at = ?,
                            failure = case when mode = 'strict' then ? else ? end
                        where status in ('queued', 'running')
                            and heartbeat_at < clock_timestamp() - make_interval(secs => ?)
                        returning id, owner""")
                .params(Timestamp.from(at), strictFailure, partialFailure, lease.toMillis() / 1000.0)
                .query((rs, n) -> new Ended(rs.getObject("id", UUID.class), rs.getString("owner"))).list();
    }

    /** Stores a row's errors; pointers longer than their column (deeply nested NDJSON fields) are shortened. */
    public void errors(UUID id, long row, List<FieldError> errors) {
        template.batchUpdate("insert into upload_error (upload_id, row_number, column_name, code, message, args) "
                + "values (?, ?, ?, ?, ?, ?)", errors, 500, (ps, e) -> {
                    ps.setObject(1, id);
                    ps.setLong(2, row);
                    ps.setString(3, shortened(e.pointer()));
                    ps.setString(4, e.code());
                    ps.setString(5, e.message());
                    ps.setString(6, String.join("\u001f", e.args()));
                });
    }

    /** At most {@link #MAX_POINTER} characters, never cutting a character in two. */
    static String shortened(String pointer) {
        if (pointer == null || pointer.length() <= MAX_POINTER) {
            return pointer;
        }
        int end = MAX_POINTER;
        if (Character.isHighSurrogate(pointer.charAt(end - 1))) {
            end--;
        }
        return pointer.substring(0, end);
    }

    public record RowError(long row, String column, String code, String message, List<String> args) {
    }

    public List<RowError> errors(UUID id, int offset, int limit) {
        return jdbc.sql("""
                        select row_number, column_name, code, message, args from upload_error where upload_id = ?
                        order by row_number, column_name offset ? limit ?""")
                .params(id, offset, limit)
                .query((rs, n) -> new RowError(rs.getLong("row_number"), rs.getString("column_name"),
                        rs.getString("code"), rs.getString("message"),
                        rs.getString("args") == null || rs.getString("args").isEmpty() ? List.of()
                                : List.of(rs.getString("args").split("\u001f"))))
                .list();
    }

    private Upload row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Upload(rs.getObject("id", UUID.class), rs.getString("institution"), rs.getString("country"),
                rs.getString("on_behalf_of"), rs.getString("idempotency_key"), rs.getString("body_sha256"),
                rs.getString("format"), rs.getString("mode"), rs.getBoolean("dry_run"), rs.getString("status"),
                rs.getLong("bytes"), rs.getLong("bytes_read"), rs.getInt("rows_read"), rs.getInt("rows_valid"),
                rs.getInt("rows_invalid"), rs.getInt("rows_written"), rs.getString("failure"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getInt("rows_changed"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
