package org.tipis.indicators.statistics.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tipis.indicators.statistics.FeedEvent;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes feed events into the statistical tables. Each upsert only replaces a row with one from a later feed
 * position, so applying an event twice, or an older event after a newer one, changes nothing.
 */
@Repository
public class StatisticalStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public StatisticalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long cursor() {
        return jdbc.sql("select position from feed_cursor where id = 1").query(Long.class).single();
    }

    public void moveCursor(long position) {
        jdbc.sql("update feed_cursor set position = ?, updated_at = now() where id = 1 and position < ?")
                .params(position, position).update();
    }

    public void apply(FeedEvent event) {
        Map<String, Object> p = event.payload();
        switch (event.aggregateType()) {
            case "case" -> jdbc.sql("""
                            insert into stat_case (case_id, country, owning_institution, owning_institution_kind, opened_on,
                                complaint_channel, exploitation_forms, flow_level, stage, status, coding, source_position)
                            values (:id, :country, :owner, :kind, :opened, :channel, :forms, :flow, :stage, :status,
                                :coding, :position)
                            on conflict (case_id) do update set country = excluded.country,
                                owning_institution = excluded.owning_institution,
                                owning_institution_kind = excluded.owning_institution_kind, opened_on = excluded.opened_on,
                                complaint_channel = excluded.complaint_channel,
                                exploitation_forms = excluded.exploitation_forms, flow_level = excluded.flow_level,
                                stage = excluded.stage, status = excluded.status, coding = excluded.coding,
                                source_position = excluded.source_position
                            where stat_case.source_position < excluded.source_position""")
                    .param("id", event.aggregateId()).param("country", event.country())
                    .param("owner", p.get("owningInstitution")).param("kind", p.get("owningInstitutionKind"))
                    .param("opened", date(p.get("openedOn"))).param("channel", p.get("complaintChannel"))
                    .param("forms", array(p.get("exploitationForms"))).param("flow", p.get("flowLevel"))
                    .param("stage", p.get("stage")).param("status", p.get("status"))
                    .param("coding", JSON.writeValueAsString(p.get("coding"))).param("position", event.position())
                    .update();
            case "victim" -> {
                jdbc.sql("""
                            insert into stat_victim (victim_id, victim_key, case_id, country, sex, age_at_identification,
                                age_at_exploitation, minor, nationality, exploitation_primary, exploitation_other,
                                identification_date, identifying_institution, identifying_institution_kind, status, coding,
                                source_position)
                            values (:id, :key, :case, :country, :sex, :ageId, :ageEx, :minor, :nationality, :primary,
                                :other, :identified, :institution, :kind, :status, :coding, :position)
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
                            where stat_victim.source_position < excluded.source_position""")
                    .param("id", event.aggregateId()).param("key", uuid(p.get("victimKey")))
                    .param("case", event.caseId()).param("country", event.country()).param("sex", p.get("sex"))
                    .param("ageId", p.get("ageAtIdentification")).param("ageEx", p.get("ageAtExploitation"))
                    .param("minor", p.get("minor")).param("nationality", p.get("nationality"))
                    .param("primary", p.get("exploitationPrimary")).param("other", array(p.get("exploitationOther")))
                    .param("identified", date(p.get("identificationDate")))
                    .param("institution", p.get("identifyingInstitution"))
                    .param("kind", p.get("identifyingInstitutionKind")).param("status", p.get("status"))
                    .param("coding", JSON.writeValueAsString(p.get("coding"))).param("position", event.position())
                    .update();
                markSharedKey(uuid(p.get("victimKey")));
            }
            case "suspect" -> jdbc.sql("""
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
            case "proceeding" -> jdbc.sql("""
                            insert into stat_proceeding (proceeding_id, case_id, country, type, occurred_on,
                                institution_kind, suspect_id, victim_key, outcome, source_position)
                            values (:id, :case, :country, :type, :occurred, :kind, :suspect, :victim, :outcome, :position)
                            on conflict (proceeding_id) do nothing""")
                    .param("id", event.aggregateId()).param("case", event.caseId()).param("country", event.country())
                    .param("type", p.get("type")).param("occurred", date(p.get("occurredOn")))
                    .param("kind", p.get("institutionKind")).param("suspect", uuid(p.get("suspectId")))
                    .param("victim", uuid(p.get("victimKey"))).param("outcome", p.get("outcome"))
                    .param("position", event.position()).update();
            case "assistance" -> jdbc.sql("""
                            insert into stat_assistance (assistance_id, case_id, country, victim_key, type,
                                institution_kind, started_on, source_position)
                            values (:id, :case, :country, :victim, :type, :kind, :started, :position)
                            on conflict (assistance_id) do nothing""")
                    .param("id", event.aggregateId()).param("case", event.caseId()).param("country", event.country())
                    .param("victim", uuid(p.get("victimKey"))).param("type", p.get("type"))
                    .param("kind", p.get("institutionKind")).param("started", date(p.get("startedOn")))
                    .param("position", event.position()).update();
            default -> {
                // an aggregate type this store does not keep
            }
        }
    }

    private static Date date(Object value) {
        return value == null ? null : Date.valueOf(LocalDate.parse(value.toString()));
    }

    private static UUID uuid(Object value) {
        return value == null ? null : UUID.fromString(value.toString());
    }

    private static String[] array(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toArray(String[]::new);
        }
        return new String[0];
    }

    /**
     * Flags every record of a victim key that more than one record carries. Reports and indicators count one person
     * per key: only flagged records need the (sorting) de-duplication, the others are single by construction. A flag
     * may outlive a re-linkage (it is never cleared), which only costs a sort, never a wrong count.
     */
    private void markSharedKey(java.util.UUID key) {
        if (key == null) {
            return;
        }
        jdbc.sql("""
                        update stat_victim set shared_key = true
                        where victim_key = :key and not shared_key
                          and (select count(*) from stat_victim s where s.victim_key = :key) > 1""")
                .param("key", key).update();
    }
}
