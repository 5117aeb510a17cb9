package org.tipis.caseregistry.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.requestid.RequestId;

/**
 * The append-only, hash-chained access log. Each entry's hash is SHA-256 over the previous entry's hash and its
 * own fields; entries are chained in id order under an advisory lock, so the chain has no forks. Denied attempts
 * are logged too, in their own transaction, so that a failing request cannot roll them back.
 */
@Component
public class AccessLog {

    static final String GENESIS = "0".repeat(64);
    private static final long CHAIN_LOCK = 0x7469706973L; // "tipis"

    public enum Outcome { ALLOWED, DENIED }

    public record Entry(long id, Instant at, String userId, String username, String institution, String country,
                        String action, String resourceType, String resourceId, String purpose, String outcome,
                        String requestId, String prevHash, String hash) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AccessLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** In the caller's transaction: the read and its log entry commit together. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void allowed(Caller caller, String action, String resourceType, Object resourceId, String purpose) {
        append(caller, action, resourceType, resourceId, purpose, Outcome.ALLOWED);
    }

    /** In a transaction of its own: survives the refusal that follows. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void denied(Caller caller, String action, String resourceType, Object resourceId, String purpose) {
        append(caller, action, resourceType, resourceId, purpose, Outcome.DENIED);
    }

    private void append(Caller caller, String action, String resourceType, Object resourceId, String purpose,
                        Outcome outcome) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query(Object.class).list();
        String prev = jdbc.sql("select hash from access_log order by id desc limit 1").query(String.class)
                .optional().orElse(GENESIS);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Entry entry = new Entry(0, at, caller.userId(), caller.username(), caller.institution().orElse(null),
                caller.country().orElse(null), action, resourceType, resourceId == null ? null : resourceId.toString(),
                purpose, outcome.name(), MDC.get(RequestId.MDC_KEY), prev, null);
        jdbc.sql("""
                        insert into access_log (at, user_id, username, institution, country, action, resource_type,
                            resource_id, purpose, outcome, request_id, prev_hash, hash)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(at), entry.userId(), entry.username(), entry.institution(), entry.country(),
                        action, resourceType, entry.resourceId(), purpose, entry.outcome(), entry.requestId(), prev,
                        hash(entry))
                .update();
    }

    public List<Entry> page(long afterId, int limit) {
        return jdbc.sql("select * from access_log where id > ? order by id limit ?").params(afterId, limit)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("user_id"), rs.getString("username"), rs.getString("institution"),
                        rs.getString("country"), rs.getString("action"), rs.getString("resource_type"),
                        rs.getString("resource_id"), rs.getString("purpose"), rs.getString("outcome"),
                        rs.getString("request_id"), rs.getString("prev_hash"), rs.getString("hash")))
                .list();
    }

    /** Result of recomputing the chain: the first entry whose link or content does not hold, if any. */
    public record Verification(long entriesChecked, boolean intact, Long firstBrokenId, String reason) {
    }

    public Verification verify() {
        String prev = GENESIS;
        long checked = 0;
        long after = 0;
        while (true) {
            List<Entry> page = page(after, 5000);
            if (page.isEmpty()) {
                return new Verification(checked, true, null, null);
            }
            for (Entry entry : page) {
                checked++;
                if (!entry.prevHash().equals(prev)) {
                    return new Verification(checked, false, entry.id(),
                            "its previous-hash does not match the entry before it (an entry was removed or changed)");
                }
                if (!hash(entry).equals(entry.hash())) {
                    return new Verification(checked, false, entry.id(), "its content does not match its hash");
                }
                prev = entry.hash();
                after = entry.id();
            }
        }
    }

    static String hash(Entry e) {
        String content = String.join("\u001f", e.prevHash(), e.at().toString(), nz(e.userId()), nz(e.username()),
                nz(e.institution()), nz(e.country()), e.action(), e.resourceType(), nz(e.resourceId()),
                nz(e.purpose()), e.outcome(), nz(e.requestId()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
    }

    private static String nz(String value) {
        return Optional.ofNullable(value).orElse("");
    }
}
