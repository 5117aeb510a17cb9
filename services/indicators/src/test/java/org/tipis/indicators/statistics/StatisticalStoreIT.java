package org.tipis.indicators.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import org.tipis.indicators.statistics.persistence.StatisticalStore;

import tools.jackson.databind.json.JsonMapper;

/**
 * Pages of feed events applied with {@link StatisticalStore#applyAll} on the real store (embedded PostgreSQL, the
 * real migrations): every stored row is compared with the row the test expects from the event it built. Each test
 * uses its own random ids and keys, so tests do not see each other's rows.
 */
@SpringBootTest(properties = {"tipis.feed.enabled=false", "tipis.feed.uri=http://127.0.0.1:9",
        "tipis.reference-data.uri=http://127.0.0.1:9"})
class StatisticalStoreIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the registry says about a victim. */
    record Victim(UUID key, UUID caseId, String country, String sex, Integer ageAtIdentification,
                  Integer ageAtExploitation, Boolean minor, String nationality, String primary, List<String> other,
                  LocalDate identified, String institution, String institutionKind, String status,
                  Map<String, Integer> coding) {

        Victim withKey(UUID newKey) {
            return new Victim(newKey, caseId, country, sex, ageAtIdentification, ageAtExploitation, minor,
                    nationality, primary, other, identified, institution, institutionKind, status, coding);
        }

        Victim inCase(UUID newCaseId) {
            return new Victim(key, newCaseId, country, sex, ageAtIdentification, ageAtExploitation, minor,
                    nationality, primary, other, identified, institution, institutionKind, status, coding);
        }
    }

    /** What the registry says about a case. */
    record Case(String country, String owner, String ownerKind, LocalDate opened, String channel, List<String> forms,
                String flow, String stage, String status, Map<String, Integer> coding) {
    }

    record StoredVictim(UUID victimId, UUID key, UUID caseId, String country, String sex, Integer ageAtIdentification,
                        Integer ageAtExploitation, Boolean minor, String nationality, String primary,
                        List<String> other, LocalDate identified, String institution, String institutionKind,
                        String status, String coding, long position, boolean sharedKey) {
    }

    record StoredCase(UUID caseId, String country, String owner, String ownerKind, LocalDate opened, String channel,
                      List<String> forms, String flow, String stage, String status, String coding, long position) {
    }

    @Autowired
    StatisticalStore store;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theLatestEventOfAVictimInAPageWins() {
        UUID twice = UUID.randomUUID();
        UUID once = UUID.randomUUID();
        UUID backwards = UUID.randomUUID();
        Victim first = aVictim();
        Victim second = new Victim(first.key(), first.caseId(), "ARG", "M", 31, 29, false, "PRY", "FORCED_LABOUR",
                List.of("BEGGING"), LocalDate.of(2024, 3, 2), "INST-9", "PROSECUTOR", "CERTIFIED",
                Map.of("sex", 2));
        Victim other = aVictim();
        Victim newer = aVictim();
        Victim older = aVictim().withKey(newer.key());

        apply(victim(1, twice, first), victim(2, once, other), victim(3, twice, second),
                victim(5, backwards, newer), victim(4, backwards, older));

        assertThat(storedVictim(twice)).isEqualTo(expected(twice, 3, second, false));
        assertThat(storedVictim(once)).isEqualTo(expected(once, 2, other, false));
        assertThat(storedVictim(backwards)).isEqualTo(expected(backwards, 5, newer, false));
    }

    @Test
    void aLaterPageUpdatesAndAnOlderEventAfterANewerOneIsIgnored() {
        UUID victimId = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        Victim recorded = aVictim();
        Victim updated = new Victim(recorded.key(), recorded.caseId(), "ARG", "F", 17, 16, true, "BOL", "SEXUAL",
                List.of(), LocalDate.of(2024, 5, 5), "INST-2", "NGO", "IDENTIFIED", Map.of("age", 3));
        Victim stale = aVictim().withKey(recorded.key());
        Case opened = aCase();
        Case changed = new Case("ARG", "INST-3", "PROSECUTOR", LocalDate.of(2022, 2, 2), "HOTLINE",
                List.of("FORCED_LABOUR"), "INTRA_REGIONAL", "JUDGMENT", "CLOSED", Map.of("stage", 1));

        apply(kase(10, caseId, opened), victim(11, victimId, recorded));
        apply(kase(20, caseId, changed), victim(21, victimId, updated));
        apply(kase(15, caseId, opened), victim(16, victimId, stale));

        assertThat(storedVictim(victimId)).isEqualTo(expected(victimId, 21, updated, false));
        assertThat(storedCase(caseId)).isEqualTo(expected(caseId, 20, changed));
    }

    @Test
    void aReplayedPageChangesNothing() {
        UUID sharedKey = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        UUID suspectId = UUID.randomUUID();
        List<FeedEvent> page = List.of(
                kase(1, caseId, aCase()),
                victim(2, UUID.randomUUID(), aVictim().withKey(sharedKey).inCase(caseId)),
                victim(3, UUID.randomUUID(), aVictim().withKey(sharedKey).inCase(caseId)),
                victim(4, UUID.randomUUID(), aVictim().inCase(caseId)),
                suspect(5, suspectId, caseId, "M", 40),
                proceeding(6, UUID.randomUUID(), caseId, suspectId, sharedKey, "CHARGE", LocalDate.of(2024, 6, 1)),
                assistance(7, UUID.randomUUID(), caseId, sharedKey, "SHELTER", LocalDate.of(2024, 6, 2)));
        apply(page);
        List<Map<String, Object>> before = snapshotOf(caseId);

        apply(page);
        apply(page.reversed());

        assertThat(snapshotOf(caseId)).isEqualTo(before);
        assertThat(before).hasSize(7);
    }

    @Test
    void recordsOfAKeyThatSeveralRecordsCarryAreFlaggedAndSingleKeysAreNot() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        UUID e = UUID.randomUUID();
        UUID f = UUID.randomUUID();
        Victim ofA = aVictim();
        Victim ofB = aVictim();
        Victim ofC = aVictim().withKey(ofA.key());
        Victim ofD = aVictim();
        Victim ofE = aVictim().withKey(ofD.key());
        Victim ofF = aVictim();

        apply(victim(1, a, ofA), victim(2, b, ofB));
        assertThat(storedVictim(a).sharedKey()).isFalse();
        assertThat(storedVictim(b).sharedKey()).isFalse();

        apply(victim(3, c, ofC), victim(4, d, ofD), victim(5, e, ofE), victim(6, f, ofF));
        assertThat(storedVictim(a)).isEqualTo(expected(a, 1, ofA, true)); // flagged although not in the page
        assertThat(storedVictim(c)).isEqualTo(expected(c, 3, ofC, true));
        assertThat(storedVictim(d)).isEqualTo(expected(d, 4, ofD, true));
        assertThat(storedVictim(e)).isEqualTo(expected(e, 5, ofE, true));
        assertThat(storedVictim(b)).isEqualTo(expected(b, 2, ofB, false));
        assertThat(storedVictim(f)).isEqualTo(expected(f, 6, ofF, false));

        Victim relinked = ofB.withKey(ofA.key()); // b turns out to be the same person as a and c
        apply(victim(7, b, relinked));
        assertThat(storedVictim(b)).isEqualTo(expected(b, 7, relinked, true));
        assertThat(storedVictim(f).sharedKey()).isFalse();
    }

    @Test
    void casesAreInsertedThenUpdatedFromALaterPosition() {
        UUID caseId = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Case opened = aCase();
        Case updated = new Case("BRA", null, null, null, null, null, null, null, null, Map.of());
        Case second = new Case("BRA", "INST-7", "POLICE", LocalDate.of(2021, 12, 31), "WEB",
                List.of("SEXUAL", "FORCED_LABOUR"), "DOMESTIC", "INVESTIGATION", "OPEN", null);

        apply(kase(1, caseId, opened), kase(2, other, second));
        assertThat(storedCase(caseId)).isEqualTo(expected(caseId, 1, opened));

        apply(kase(3, caseId, updated));
        assertThat(storedCase(caseId)).isEqualTo(expected(caseId, 3, updated));
        assertThat(storedCase(other)).isEqualTo(expected(other, 2, second));
        assertThat(storedCase(caseId).forms()).isEmpty();
        assertThat(storedCase(caseId).coding()).isEqualTo("{}");
        assertThat(storedCase(other).coding()).isEqualTo("null"); // as written before pages were applied set-based
    }

    @Test
    void unknownSexAndAgesAndMissingValuesAreStoredAsNull() {
        UUID victimId = UUID.randomUUID();
        Victim unknown = new Victim(UUID.randomUUID(), UUID.randomUUID(), "ARG", null, null, null, null, null, null,
                null, null, null, null, "PRESUMED", Map.of());

        apply(victim(1, victimId, unknown));

        StoredVictim stored = storedVictim(victimId);
        assertThat(stored).isEqualTo(expected(victimId, 1, unknown, false));
        assertThat(stored.sex()).isNull();
        assertThat(stored.ageAtIdentification()).isNull();
        assertThat(stored.ageAtExploitation()).isNull();
        assertThat(stored.minor()).isNull();
        assertThat(stored.identified()).isNull();
        assertThat(stored.other()).isEmpty();
    }

    @Test
    void arraysTextAndCodingJsonArriveUnchangedThroughCopy() {
        UUID victimId = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        List<String> awkward = List.of("SEXUAL", "with space", "comma,inside", "quote\"inside", "back\\slash",
                "tab\there", "new\nline", "{braces}", "", "NULL", "Peña");
        Map<String, Integer> coding = new LinkedHashMap<>();
        coding.put("sex", 1);
        coding.put("odd \"key\\ with\ttab\nand newline", 2);
        Victim victim = new Victim(UUID.randomUUID(), caseId, "ARG", "F", 0, 120, true, "ARG", "SEXUAL", awkward,
                LocalDate.of(2000, 2, 29), "INST\\1\ttab", "NGO", "IDENTIFIED", coding);
        Case kase = new Case("ARG", "INST\\1", "NGO", LocalDate.of(1999, 12, 31), "a\\b", awkward, null, null, null,
                coding);

        apply(victim(1, victimId, victim), kase(2, caseId, kase));

        assertThat(storedVictim(victimId)).isEqualTo(expected(victimId, 1, victim, false));
        assertThat(storedCase(caseId)).isEqualTo(expected(caseId, 2, kase));
        assertThat(storedVictim(victimId).other()).containsExactlyElementsOf(awkward);
        assertThat(storedVictim(victimId).coding())
                .isEqualTo("{\"sex\":1,\"odd \\\"key\\\\ with\\ttab\\nand newline\":2}");
    }

    @Test
    void suspectsProceedingsAndAssistanceAreWrittenWithTheirPage() {
        UUID caseId = UUID.randomUUID();
        UUID suspectId = UUID.randomUUID();
        UUID proceedingId = UUID.randomUUID();
        UUID assistanceId = UUID.randomUUID();
        UUID key = UUID.randomUUID();

        apply(suspect(1, suspectId, caseId, "F", null), suspect(2, suspectId, caseId, "M", 33),
                proceeding(3, proceedingId, caseId, suspectId, null, "CHARGE", LocalDate.of(2024, 1, 2)),
                assistance(4, assistanceId, caseId, key, "SHELTER", null),
                new FeedEvent(5, "ReferralMade", "referral", UUID.randomUUID(), caseId, "ARG", Map.of()));
        apply(proceeding(6, proceedingId, caseId, null, key, "CONVICTION", LocalDate.of(2025, 1, 2)));

        assertThat(jdbc.queryForMap("select sex, age, source_position from stat_suspect where suspect_id = ?",
                suspectId)).isEqualTo(Map.of("sex", "M", "age", 33, "source_position", 2L));
        assertThat(jdbc.queryForMap("""
                select type, occurred_on, suspect_id, victim_key, source_position from stat_proceeding
                where proceeding_id = ?""", proceedingId)).containsEntry("type", "CHARGE")
                .containsEntry("suspect_id", suspectId).containsEntry("victim_key", null)
                .containsEntry("source_position", 3L)
                .containsEntry("occurred_on", java.sql.Date.valueOf(LocalDate.of(2024, 1, 2)));
        assertThat(jdbc.queryForMap("""
                select victim_key, type, started_on, source_position from stat_assistance where assistance_id = ?""",
                assistanceId)).containsEntry("victim_key", key).containsEntry("type", "SHELTER")
                .containsEntry("started_on", null).containsEntry("source_position", 4L);
    }

    @Test
    void aPageIsAppliedOnlyInsideTheCallersTransaction() {
        List<FeedEvent> page = List.of(victim(1, UUID.randomUUID(), aVictim()));

        assertThatThrownBy(() -> store.applyAll(page)).isInstanceOf(IllegalTransactionStateException.class);
    }

    // --- fixtures

    private int serial;

    private Victim aVictim() {
        serial++;
        Map<String, Integer> coding = new LinkedHashMap<>();
        coding.put("sex", serial % 3);
        coding.put("ageAtIdentification", 1);
        return new Victim(UUID.randomUUID(), UUID.randomUUID(), "ARG", serial % 2 == 0 ? "F" : "M", 10 + serial,
                9 + serial, 10 + serial < 18, "ARG", "SEXUAL", List.of("BEGGING", "FORCED_LABOUR"),
                LocalDate.of(2024, 1, 1).plusDays(serial), "INST-" + serial, "POLICE", "IDENTIFIED", coding);
    }

    private Case aCase() {
        return new Case("ARG", "INST-1", "POLICE", LocalDate.of(2023, 4, 5), "COMPLAINT", List.of("SEXUAL"),
                "DOMESTIC", "INVESTIGATION", "OPEN", Map.of("openedOn", 1));
    }

    /** An event as it arrives over HTTP: dates and ids as strings, absent values as nulls. */
    private static FeedEvent victim(long position, UUID victimId, Victim v) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("victimId", victimId.toString());
        p.put("victimKey", v.key().toString());
        p.put("caseId", v.caseId().toString());
        p.put("country", v.country());
        p.put("sex", v.sex());
        p.put("ageAtExploitation", v.ageAtExploitation());
        p.put("ageAtIdentification", v.ageAtIdentification());
        p.put("minor", v.minor());
        p.put("nationality", v.nationality());
        p.put("exploitationPrimary", v.primary());
        p.put("exploitationOther", v.other());
        p.put("identificationDate", v.identified() == null ? null : v.identified().toString());
        p.put("identifyingInstitution", v.institution());
        p.put("identifyingInstitutionKind", v.institutionKind());
        p.put("status", v.status());
        p.put("coding", v.coding());
        return new FeedEvent(position, "VictimUpdated", "victim", victimId, v.caseId(), v.country(), p);
    }

    private static FeedEvent kase(long position, UUID caseId, Case c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("caseId", caseId.toString());
        p.put("country", c.country());
        p.put("owningInstitution", c.owner());
        p.put("owningInstitutionKind", c.ownerKind());
        p.put("openedOn", c.opened() == null ? null : c.opened().toString());
        p.put("complaintChannel", c.channel());
        p.put("exploitationForms", c.forms());
        p.put("flowLevel", c.flow());
        p.put("status", c.status());
        p.put("stage", c.stage());
        p.put("coding", c.coding());
        return new FeedEvent(position, "CaseUpdated", "case", caseId, caseId, c.country(), p);
    }

    private static FeedEvent suspect(long position, UUID suspectId, UUID caseId, String sex, Integer age) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sex", sex);
        p.put("age", age);
        p.put("nationality", "ARG");
        p.put("role", "RECRUITER");
        p.put("organizationType", null);
        return new FeedEvent(position, "SuspectUpdated", "suspect", suspectId, caseId, "ARG", p);
    }

    private static FeedEvent proceeding(long position, UUID id, UUID caseId, UUID suspectId, UUID victimKey,
                                        String type, LocalDate on) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", type);
        p.put("occurredOn", on.toString());
        p.put("institutionKind", "COURT");
        p.put("suspectId", suspectId == null ? null : suspectId.toString());
        p.put("victimKey", victimKey == null ? null : victimKey.toString());
        p.put("outcome", null);
        return new FeedEvent(position, "ProceedingRecorded", "proceeding", id, caseId, "ARG", p);
    }

    private static FeedEvent assistance(long position, UUID id, UUID caseId, UUID victimKey, String type,
                                        LocalDate startedOn) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("victimKey", victimKey.toString());
        p.put("type", type);
        p.put("institutionKind", "NGO");
        p.put("startedOn", startedOn == null ? null : startedOn.toString());
        return new FeedEvent(position, "AssistanceRecorded", "assistance", id, caseId, "ARG", p);
    }

    // --- expectations and the stored rows

    private static StoredVictim expected(UUID victimId, long position, Victim v, boolean sharedKey) {
        return new StoredVictim(victimId, v.key(), v.caseId(), v.country(), v.sex(), v.ageAtIdentification(),
                v.ageAtExploitation(), v.minor(), v.nationality(), v.primary(), v.other() == null ? List.of() : v.other(),
                v.identified(), v.institution(), v.institutionKind(), v.status(), JSON.writeValueAsString(v.coding()),
                position, sharedKey);
    }

    private static StoredCase expected(UUID caseId, long position, Case c) {
        return new StoredCase(caseId, c.country(), c.owner(), c.ownerKind(), c.opened(), c.channel(),
                c.forms() == null ? List.of() : c.forms(), c.flow(), c.stage(), c.status(),
                JSON.writeValueAsString(c.coding()), position);
    }

    private void apply(FeedEvent... page) {
        apply(List.of(page));
    }

    private void apply(List<FeedEvent> page) {
        transactions.executeWithoutResult(status -> store.applyAll(page));
    }

    private StoredVictim storedVictim(UUID victimId) {
        return jdbc.queryForObject("select * from stat_victim where victim_id = ?", (rs, n) -> new StoredVictim(
                rs.getObject("victim_id", UUID.class), rs.getObject("victim_key", UUID.class),
                rs.getObject("case_id", UUID.class), rs.getString("country"), rs.getString("sex"),
                rs.getObject("age_at_identification", Integer.class), rs.getObject("age_at_exploitation", Integer.class),
                rs.getObject("minor", Boolean.class), rs.getString("nationality"), rs.getString("exploitation_primary"),
                strings(rs.getArray("exploitation_other")), rs.getObject("identification_date", LocalDate.class),
                rs.getString("identifying_institution"), rs.getString("identifying_institution_kind"),
                rs.getString("status"), rs.getString("coding"), rs.getLong("source_position"),
                rs.getBoolean("shared_key")), victimId);
    }

    private StoredCase storedCase(UUID caseId) {
        return jdbc.queryForObject("select * from stat_case where case_id = ?", (rs, n) -> new StoredCase(
                rs.getObject("case_id", UUID.class), rs.getString("country"), rs.getString("owning_institution"),
                rs.getString("owning_institution_kind"), rs.getObject("opened_on", LocalDate.class),
                rs.getString("complaint_channel"), strings(rs.getArray("exploitation_forms")),
                rs.getString("flow_level"), rs.getString("stage"), rs.getString("status"), rs.getString("coding"),
                rs.getLong("source_position")), caseId);
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    /** Every row of the case in every statistical table, with its row version ({@code xmin}): a rewrite shows. */
    private List<Map<String, Object>> snapshotOf(UUID caseId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String table : List.of("stat_case", "stat_victim", "stat_suspect", "stat_proceeding", "stat_assistance")) {
            rows.addAll(jdbc.query("select t.*, t.xmin::text as row_version from " + table + " t where case_id = ?"
                    + " order by source_position", (ResultSet rs, int n) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.put(rs.getMetaData().getColumnLabel(i), value instanceof Array a ? strings(a) : value);
                }
                return row;
            }, caseId));
        }
        return rows;
    }
}
