package org.tipis.caseregistry.feed;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

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

    private final JdbcClient jdbc;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param payload statistical attributes only: codes, dates, ages, keys; never identity or free text
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String type, String aggregateType, UUID aggregateId, UUID caseId, String country,
                       Map<String, Object> payload) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(ORDER_LOCK).query(Object.class).list();
        jdbc.sql("""
                        insert into outbox_event (occurred_at, type, aggregate_type, aggregate_id, case_id, country, payload)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), type, aggregateType, aggregateId, caseId, country,
                        JSON.writeValueAsString(payload))
                .update();
    }

    public record Event(long position, java.time.Instant occurredAt, String type, String aggregateType,
                        UUID aggregateId, UUID caseId, String country, Map<String, Object> payload) {
    }

    @SuppressWarnings("unchecked")
    public List<Event> after(long position, int limit) {
        return jdbc.sql("select * from outbox_event where position > ? order by position limit ?")
                .params(position, limit)
                .query((rs, n) -> new Event(rs.getLong("position"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("type"), rs.getString("aggregate_type"), rs.getObject("aggregate_id", UUID.class),
                        rs.getObject("case_id", UUID.class), rs.getString("country"),
                        JSON.readValue(rs.getString("payload"), Map.class)))
                .list();
    }

    public long head() {
        return jdbc.sql("select coalesce(max(position), 0) from outbox_event").query(Long.class).single();
    }
}
