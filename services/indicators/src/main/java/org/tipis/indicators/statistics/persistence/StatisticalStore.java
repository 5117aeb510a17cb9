package org.tipis.indicators.statistics.persistence;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tipis.indicators.statistics.FeedEvent;
import org.tipis.platform.jdbc.CopyText;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes feed events into the statistical tables. Each upsert only replaces a row with one from a later feed
 * position, so applying an event twice, or an older event after a newer one, changes nothing.
 * <p>
 * Cases and victims, the bulk of the feed, are written per page: the latest event of each case or victim in the page
 * is COPYed into a temporary table, then one {@code INSERT … SELECT … ON CONFLICT DO UPDATE} per table applies them
 * all. Suspects, proceedings and assistance are few and written per event. The statistical tables have no foreign
 * keys between them, so the order in which the tables are written does not matter.
 */
@Repository
public class StatisticalStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String CASE_COLUMNS = """
            case_id, country, owning_institution, owning_institution_kind, opened_on, complaint_channel,
            exploitation_forms, flow_level, stage, status, coding, source_position""";

    private static final String VICTIM_COLUMNS = """
            victim_id, victim_key, case_id, country, sex, age_at_identification, age_at_exploitation, minor,
            nationality, exploitation_primary, exploitation_other, identification_date, identifying_institution,
            identifying_institution_kind, status, coding, source_position""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    public StatisticalStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    public long cursor() {
        return jdbc.sql("select position from feed_cursor where id = 1").query(Long.class).single();
    }

    public void moveCursor(long position) {
        jdbc.sql("update feed_cursor set position = ?, updated_at = now() where id = 1 and position < ?")
                .params(position, position).update();
    }

    /**
     * Applies a page of the feed, in the caller's transaction. Of several events of one case or victim in the page
     * only the one at the highest position is written (it would win anyway); events of aggregate types the store
     * does not keep are skipped.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void applyAll(List<FeedEvent> page) {
        Map<UUID, FeedEvent> cases = new LinkedHashMap<>();
        Map<UUID, FeedEvent> victims = new LinkedHashMap<>();
        for (FeedEvent event : page) {
            switch (event.aggregateType()) {
                case "case" -> cases.merge(event.aggregateId(), event, StatisticalStore::later);
                case "victim" -> victims.merge(event.aggregateId(), event, StatisticalStore::later);
                case "suspect" -> applySuspect(event);
                case "proceeding" -> applyProceeding(event);
                case "assistance" -> applyAssistance(event);
                default -> {
                    // an aggregate type this store does not keep
                }
            }
        }
        upsertCases(cases.values());
        upsertVictims(victims.values());
    }

    private static FeedEvent later(FeedEvent a, FeedEvent b) {
        return b.position() > a.position() ? b : a;
    }

    private void upsertCases(Collection<FeedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder rows = new StringBuilder(events.size() * 300);
        for (FeedEvent event : events) {
            Map<String, Object> p = event.payload();
            CopyText.row(rows, event.aggregateId(), event.country(), p.get("owningInstitution"),
                    p.get("owningInstitutionKind"), date(p.get("openedOn")), p.get("complaintChannel"),
                    array(p.get("exploitationForms")), p.get("flowLevel"), p.get("stage"), p.get("status"),
                    JSON.writeValueAsString(p.get("coding")), event.position());
        }
        stage("feed_page_case", CASE_COLUMNS, "stat_case", rows);
        jdbc.sql("""
                insert into stat_case (%s)
                select %s from feed_page_case
                on conflict (case_id) do update set country = excluded.country,
                    owning_institution = excluded.owning_institution,
                    owning_institution_kind = excluded.owning_institution_kind, opened_on = excluded.opened_on,
                    complaint_channel = excluded.complaint_channel,
                    exploitation_forms = excluded.exploitation_forms, flow_level = excluded.flow_level,
                    stage = excluded.stage, status = excluded.status, coding = excluded.coding,
                    source_position = excluded.source_position
                where stat_case.source_position < excluded.source_position""".formatted(CASE_COLUMNS, CASE_COLUMNS))
                .update();
        jdbc.sql("drop table feed_page_case").update();
    }

    private void upsertVictims(Collection<FeedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder rows = new StringBuilder(events.size() * 400);
        for (FeedEvent event : events) {
            Map<String, Object> p = event.payload();
            CopyText.row(rows, event.aggregateId(), uuid(p.get("victimKey")), event.caseId(), event.country(),
                    p.get("sex"), p.get("ageAtIdentification"), p.get("ageAtExploitation"), p.get("minor"),
                    p.get("nationality"), p.get("exploitationPrimary"), array(p.get("exploitationOther")),
                    date(p.get("identificationDate")), p.get("identifyingInstitution"),
                    p.get("identifyingInstitutionKind"), p.get("status"), JSON.writeValueAsString(p.get("coding")),
                    event.position());
        }
        stage("feed_page_victim", VICTIM_COLUMNS, "stat_victim", rows);
        jdbc.sql("""
                insert into stat_victim (%s)
                select %s from feed_page_victim
                on conflict (victim_id) do update set victim_key = excluded.victim_key,
                    country = excluded.country, sex = excluded.sex,
                    age_at_identification = excluded.age_at_identification,
                    age_at_exploitation = excluded.age_at_exploitation, minor = excluded.minor,
                    nationality = excluded.nationality, exploitation_primary = excluded.exploitation_primary,
                    exploitation_other = excluded.exploitation_other,
                    identification_date = excluded.identification_date,
                    identifying_institution = excluded.identifying_institution,
                    identifying_institution_kind = excluded.identifying_institution_kind,
                    status = excluded.status, coding = excluded.coding,
                    source_position = excluded.source_position
                where stat_victim.source_position < excluded.source_position"""
                .formatted(VICTIM_COLUMNS, VICTIM_COLUMNS)).update();
        markSharedKeys();
        jdbc.sql("drop table feed_page_victim").update();
    }

    /**
     * Flags every record of a victim key of the page that more than one record carries. Reports and indicators count
     * one person per key: only flagged records need the (sorting) de-duplication, the others are single by
     * construction. Only a key of the page can have become shared by the page, so only those are checked (keys of
     * events the upsert ignored too, as before). A flag may outlive a re-linkage (it is never cleared), which only
     * costs a sort, never a wrong count.
     * <p>
     * Written as a count per key of the page (an index lookup each) feeding an {@code = any (array)}: a join of the
     * page with the store was planned as a hash join over the whole of {@code stat_victim} (the temporary table has
     * no statistics), whose cost grows with the store instead of the page.
     */
    private void markSharedKeys() {
        jdbc.sql("""
                update stat_victim set shared_key = true
                where victim_key = any (array(
                        select k.victim_key from (select distinct victim_key from feed_page_victim) k
                        where (select count(*) from stat_victim s where s.victim_key = k.victim_key) > 1))
                  and not shared_key""")
                .update();
    }

    /**
     * COPYs rows into a new temporary table with the given columns of {@code like} (same types), dropped at the
     * latest when the transaction ends.
     */
    private void stage(String table, String columns, String like, CharSequence rows) {
        jdbc.sql("create temporary table %s on commit drop as select %s from %s with no data"
                .formatted(table, columns, like)).update();
        CopyText.copy(dataSource, "copy %s (%s) from stdin".formatted(table, columns), rows);
    }

    private void applySuspect(FeedEvent event) {
        Map<String, Object> p = event.payload();
        jdbc.sql("""
                        insert into stat_suspect (suspect_id, case_id, country, sex, age, nationality, role,
                            organization_type, source_position)
                        values (:id, :case, :country, :sex, :age, :nationality, :role, :org, :position)
                        on conflict (suspect_id) do update set sex = excluded.sex, age = excluded.age,
                            nationality = excluded.nationality, role = excluded.role,
                            organization_type = excluded.organization_type, source_position = excluded.source_position
                        where stat_suspect.source_position < excluded.source_position""")
                .param("id", event.aggregateId()).param("case", event.caseId()).param("country", event.country())
                .param("sex", p.get("sex")).param("age", p.get("age")).param("nationality", p.get("nationality"))
                .param("role", p.get("role")).param("org", p.get("organizationType"))
                .param("position", event.position()).update();
    }

    private void applyProceeding(FeedEvent event) {
        Map<String, Object> p = event.payload();
        jdbc.sql("""
                        insert into stat_proceeding (proceeding_id, case_id, country, type, occurred_on,
                            institution_kind, suspect_id, victim_key, outcome, source_position)
                        values (:id, :case, :country, :type, :occurred, :kind, :suspect, :victim, :outcome, :position)
                        on conflict (proceeding_id) do nothing""")
                .param("id", event.aggregateId()).param("case", event.caseId()).param("country", event.country())
                .param("type", p.get("type")).param("occurred", sqlDate(p.get("occurredOn")))
                .param("kind", p.get("institutionKind")).param("suspect", uuid(p.get("suspectId")))
                .param("victim", uuid(p.get("victimKey"))).param("outcome", p.get("outcome"))
                .param("position", event.position()).update();
    }

    private void applyAssistance(FeedEvent event) {
        Map<String, Object> p = event.payload();
        jdbc.sql("""
                        insert into stat_assistance (assistance_id, case_id, country, victim_key, type,
                            institution_kind, started_on, source_position)
                        values (:id, :case, :country, :victim, :type, :kind, :started, :position)
                        on conflict (assistance_id) do nothing""")
                .param("id", event.aggregateId()).param("case", event.caseId()).param("country", event.country())
                .param("victim", uuid(p.get("victimKey"))).param("type", p.get("type"))
                .param("kind", p.get("institutionKind")).param("started", sqlDate(p.get("startedOn")))
                .param("position", event.position()).update();
    }

    private static LocalDate date(Object value) {
        return value == null ? null : LocalDate.parse(value.toString());
    }

    private static Date sqlDate(Object value) {
        return value == null ? null : Date.valueOf(date(value));
    }

    private static UUID uuid(Object value) {
        return value == null ? null : UUID.fromString(value.toString());
    }

    /** A list of strings (an array column); anything but a collection becomes the empty array. */
    private static List<String> array(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
