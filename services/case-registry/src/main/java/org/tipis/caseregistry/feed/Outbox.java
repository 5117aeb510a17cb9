package org.tipis.caseregistry.feed;

import java.io.StringWriter;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tipis.platform.jdbc.CopyText;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: a de-identified statistical event written in the same transaction as the change.
 * Writers take an advisory lock held to commit, so positions become visible in order and a reader that resumes
 * from its last position never skips an event.
 */
@Component
public class Outbox {

    private static final long ORDER_LOCK = 0x6f7574626f78L; // "outbox"
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Object STAGING = Outbox.class.getName() + ".staging";
    /** Payload keys, quoted once (a fixed set of attribute names and code-list ids). */
    private static final Map<String, SerializedString> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Clock clock;

    Outbox(JdbcClient jdbc, DataSource dataSource, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * @param payload statistical attributes only: codes, dates, ages, keys; never identity or free text
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String type, String aggregateType, UUID aggregateId, UUID caseId, String country,
                       Map<String, Object> payload) {
        if (TransactionSynchronizationManager.hasResource(STAGING)) {
            // the transaction stages (a strict-mode upload that also writes through the use cases): this event
            // follows the staged ones, so the feed keeps the order in which the transaction made its changes
            stage(List.of(new Pending(type, aggregateType, aggregateId, caseId, country, payload)));
            return;
        }
        jdbc.sql("select pg_advisory_xact_lock(?)").param(ORDER_LOCK).query(Object.class).list();
        jdbc.sql("""
                        insert into outbox_event (occurred_at, type, aggregate_type, aggregate_id, case_id, country, payload)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), type, aggregateType, aggregateId, caseId, country,
                        json(payload))
                .update();
    }

    /** An event of a bulk write, in the order the per-row use cases would have recorded it. */
    public record Pending(String type, String aggregateType, UUID aggregateId, UUID caseId, String country,
                          Map<String, Object> payload) {
    }

    /**
     * Bulk writers: keeps events in a table private to the transaction, in order, without taking the feed's
     * ordering lock; {@link #publishStaged()} moves them to the feed before the commit. A transaction that stages
     * for minutes (a strict-mode upload) so holds the lock only for the final insert.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void stage(List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.hasResource(STAGING)) {
            TransactionSynchronizationManager.bindResource(STAGING, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new Staging());
        }
        jdbc.sql("""
                create temporary table if not exists outbox_event_staged (
                    ord bigserial, type varchar(64) not null, aggregate_type varchar(32) not null,
                    aggregate_id uuid not null, case_id uuid not null, country varchar(3) not null, payload text not null
                ) on commit drop""").update();
        try (CopyText.Rows rows = CopyText.open(dataSource, "copy outbox_event_staged (type, aggregate_type, "
                + "aggregate_id, case_id, country, payload) from stdin")) {
            for (Pending e : events) {
                CopyText.row(rows.text(), e.type(), e.aggregateType(), e.aggregateId(), e.caseId(), e.country());
                appendPayload(rows.text(), e.payload());
                rows.rowDone();
            }
            rows.finish();
        }
    }

    /**
     * Bulk writers: records events in the given order under the ordering lock (held to commit), with one COPY.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        String at = clock.instant().toString();
        jdbc.sql("select pg_advisory_xact_lock(?)").param(ORDER_LOCK).query(Object.class).list();
        try (CopyText.Rows rows = CopyText.open(dataSource, "copy outbox_event (occurred_at, type, aggregate_type, "
                + "aggregate_id, case_id, country, payload) from stdin")) {
            for (Pending e : events) {
                CopyText.row(rows.text(), at, e.type(), e.aggregateType(), e.aggregateId(), e.caseId(), e.country());
                appendPayload(rows.text(), e.payload());
                rows.rowDone();
            }
            rows.finish();
        }
    }

    /** Moves the staged events to the feed, in staging order, under the ordering lock held to commit. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int publishStaged() {
        boolean staged = jdbc.sql("select to_regclass('pg_temp.outbox_event_staged') is not null").query(Boolean.class)
                .single();
        if (!staged) {
            return 0;
        }
        jdbc.sql("select pg_advisory_xact_lock(?)").param(ORDER_LOCK).query(Object.class).list();
        int published = jdbc.sql("""
                        insert into outbox_event (occurred_at, type, aggregate_type, aggregate_id, case_id, country, payload)
                        select ?, type, aggregate_type, aggregate_id, case_id, country, payload
                        from outbox_event_staged order by ord""")
                .param(Timestamp.from(clock.instant())).update();
        jdbc.sql("drop table outbox_event_staged").update();
        TransactionSynchronizationManager.unbindResourceIfPossible(STAGING);
        return published;
    }

    /** Marks a transaction that stages (bound while it runs, unbound while suspended and at its end). */
    private static final class Staging implements TransactionSynchronization {

        private boolean staging = true;

        @Override
        public void suspend() {
            staging = TransactionSynchronizationManager.unbindResourceIfPossible(STAGING) != null;
        }

        @Override
        public void resume() {
            if (staging) {
                TransactionSynchronizationManager.bindResource(STAGING, Boolean.TRUE);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(STAGING);
        }
    }

    /** An event of the feed; its payload is the stored JSON object, passed on as it is. */
    public record Event(long position, java.time.Instant occurredAt, String type, String aggregateType,
                        UUID aggregateId, UUID caseId, String country,
                        @JsonRawValue @Schema(implementation = Map.class) String payload) {
    }

    public List<Event> after(long position, int limit) {
        return jdbc.sql("select * from outbox_event where position > ? order by position limit ?")
                .params(position, limit)
                .query((rs, n) -> new Event(rs.getLong("position"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("type"), rs.getString("aggregate_type"), rs.getObject("aggregate_id", UUID.class),
                        rs.getObject("case_id", UUID.class), rs.getString("country"),
                        rs.getString("payload")))
                .list();
    }

    public long head() {
        return jdbc.sql("select coalesce(max(position), 0) from outbox_event").query(Long.class).single();
    }

    /** The payload as JSON text, the same as the mapper writes (see {@link #write}). */
    static String json(Map<String, Object> payload) {
        StringWriter out = new StringWriter(700);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(json, payload);
        }
        return out.toString();
    }

    /** Appends the payload as the last value of a COPY row (replacing the row's line end). */
    static void appendPayload(StringBuilder rows, Map<String, Object> payload) {
        rows.setCharAt(rows.length() - 1, '\t');
        try (JsonGenerator json = JSON.createGenerator(CopyText.escaping(rows))) {
            write(json, payload);
        }
        rows.append('\n');
    }

    /**
     * Writes a payload value with the generator directly (payloads hold strings, numbers, booleans, UUIDs, dates,
     * lists and maps); anything else is written by the mapper. Same JSON as the mapper's, without its per-entry
     * serializer look-ups: this runs once per event of a bulk upload.
     */
    private static void write(JsonGenerator json, Object value) {
        switch (value) {
            case null -> json.writeNull();
            case String text -> json.writeString(text);
            case Integer number -> json.writeNumber(number);
            case Long number -> json.writeNumber(number);
            case Boolean bool -> json.writeBoolean(bool);
            case UUID id -> json.writeString(id.toString());
            case LocalDate date -> json.writeString(date.toString());
            case Enum<?> constant -> json.writeString(constant.name());
            case Map<?, ?> map -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    json.writeName(NAMES.computeIfAbsent(String.valueOf(entry.getKey()), SerializedString::new));
                    write(json, entry.getValue());
                }
                json.writeEndObject();
            }
            case Collection<?> items -> {
                json.writeStartArray();
                for (Object item : items) {
                    write(json, item);
                }
                json.writeEndArray();
            }
            default -> JSON.writeValue(json, value);
        }
    }
}
