package org.tipis.caseregistry.upload.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tipis.caseregistry.caserecord.CaseDetails;
import org.tipis.caseregistry.caserecord.CaseRecord;
import org.tipis.caseregistry.caserecord.CodingConverter;
import org.tipis.caseregistry.caserecord.VictimDetails;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.jdbc.CopyText;

/**
 * Set-based writes of a batch of an upload, in the caller's transaction: cases and victims with PostgreSQL COPY,
 * changed victims with one UPDATE from a COPY-filled temporary table, and the Envers columns written by hand: one
 * {@code revinfo} row per batch and the {@code *_aud} rows of every record the batch inserts (revtype 0) or
 * changes (revtype 1), in the column layout of the migrations. Only for the upload's batch writer.
 */
@Repository
public class BatchStore {

    private static final CodingConverter CODING = new CodingConverter();
    private static final String CASE_COLUMNS = "id, country, owning_institution, entered_by_institution, entry_mode, "
            + "file_reference, opened_on, complaint_channel, investigation_types, exploitation_forms, flow_level, "
            + "origin_country, transit_countries, destination_country, transport_modes, area_type, related_offences, "
            + "place_description, legal_provision, linked_cases, status, stage, coding";
    private static final String VICTIM_AUDITED = "case_id, victim_key, victim_ref, recorded_by_institution, sex, "
            + "age_at_exploitation, age_at_identification, age_range_min, age_range_max, minor, nationality, "
            + "residence_country, residence_region, ethnicity, disability, lgbti, socio_economic_level, occupation, "
            + "economic_sector, migration_status, exploitation_primary, exploitation_other, recruitment_means, "
            + "exploitation_start, identification_date, identifying_institution, status, status_decided_by, "
            + "status_decided_by_institution, status_decided_at, consent_scope, situation_note, coding";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    BatchStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** A new case as {@code CaseRecordService.open} would store it. */
    public record NewCase(UUID id, String country, String owningInstitution, String enteredByInstitution,
                          CaseRecord.EntryMode entryMode, CaseDetails details, Map<String, Integer> coding) {
    }

    /**
     * A victim as stored: details with the identifying institution defaulted; {@code minor} as derived;
     * {@code caseOwner} the institution that owns its case (read only).
     */
    public record StoredVictim(UUID id, UUID caseId, UUID victimKey, String recordedByInstitution,
                               VictimDetails details, Boolean minor, String statusDecidedBy,
                               String statusDecidedByInstitution, Instant statusDecidedAt,
                               Map<String, Integer> coding, long version, String caseOwner) {
    }

    /** The ids of an institution's cases by file reference, for those of {@code references} that exist. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, UUID> cases(String institution, List<String> references) {
        Map<String, UUID> found = new HashMap<>();
        if (references.isEmpty()) {
            return found;
        }
        jdbc.sql("select file_reference, id from case_record where owning_institution = ? and file_reference = any(?)")
                .params(institution, references.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString(1), rs.getObject(2, UUID.class));
                });
        return found;
    }

    /** An institution's victims by victim reference, for those of {@code references} that exist. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, StoredVictim> victims(String institution, List<String> references) {
        Map<String, StoredVictim> found = new HashMap<>();
        if (references.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select v.*, c.owning_institution as case_owner from victim v join case_record c on c.id = v.case_id
                        where v.recorded_by_institution = ? and v.victim_ref = any(?)""")
                .params(institution, references.toArray(String[]::new))
                .query(rs -> {
                    StoredVictim v = victim(rs);
                    found.put(v.details().victimRef(), v);
                });
        return found;
    }

    /** One Envers revision for the batch, attributed like the revision listener attributes API writes. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long revision(Caller caller, String requestId, String origin, Instant at) {
        return jdbc.sql("""
                        insert into revinfo (rev, revtstmp, user_id, username, institution, country, request_id, client, origin)
                        values (nextval('revinfo_seq'), ?, ?, ?, ?, ?, ?, ?, ?) returning rev""")
                .params(at.toEpochMilli(), caller.userId(), caller.username(), caller.institution().orElse(null),
                        caller.country().orElse(null), requestId, caller.client().orElse(null), origin)
                .query(Long.class).single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void insertCases(List<NewCase> cases, long rev, Instant at) {
        StringBuilder rows = new StringBuilder(cases.size() * 300);
        StringBuilder audit = new StringBuilder(cases.size() * 300);
        for (NewCase c : cases) {
            CaseDetails d = c.details();
            Object[] values = {c.id(), c.country(), c.owningInstitution(), c.enteredByInstitution(), c.entryMode().name(),
                    d.fileReference(), d.openedOn(), d.complaintChannel(), d.investigationTypes(),
                    d.exploitationForms(), d.flowLevel(), d.originCountry(), d.transitCountries(),
                    d.destinationCountry(), d.transportModes(), d.areaType(), d.relatedOffences(),
                    d.placeDescription(), d.legalProvision(), d.linkedCases(), d.status(), d.stage(),
                    CODING.convertToDatabaseColumn(c.coding())};
            CopyText.row(rows, append(values, at, at, 0L));
            CopyText.row(audit, prepend(values, rev, 0));
        }
        CopyText.copy(dataSource, "copy case_record (" + CASE_COLUMNS + ", created_at, updated_at, version) from stdin",
                rows);
        CopyText.copy(dataSource, "copy case_record_aud (rev, revtype, " + CASE_COLUMNS + ") from stdin",
                audit);
    }

    /** New victims (version 0, created now) and their revtype-0 audit rows. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void insertVictims(List<StoredVictim> victims, long rev, Instant at) {
        List<Object[]> values = victims.stream().map(BatchStore::audited).toList();
        try (CopyText.Rows rows = CopyText.open(dataSource, "copy victim (id, " + VICTIM_AUDITED
                + ", created_at, updated_at, version) from stdin")) {
            for (int i = 0; i < victims.size(); i++) {
                rows.row(append(prepend(values.get(i), victims.get(i).id()), at, at, 0L));
            }
            rows.finish();
        }
        try (CopyText.Rows audit = CopyText.open(dataSource, "copy victim_aud (id, rev, revtype, " + VICTIM_AUDITED
                + ") from stdin")) {
            for (int i = 0; i < victims.size(); i++) {
                audit.row(prepend(values.get(i), victims.get(i).id(), rev, 0));
            }
            audit.finish();
        }
    }

    /**
     * Changed victims, each only if still at the version read (else {@link OptimisticLockingFailureException}: the
     * batch is retried), and their revtype-1 audit rows.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void updateVictims(List<StoredVictim> victims, long rev, Instant at) {
        if (victims.isEmpty()) {
            return;
        }
        jdbc.sql("create temporary table if not exists victim_change (like victim) on commit drop").update();
        StringBuilder rows = new StringBuilder(victims.size() * 400);
        StringBuilder audit = new StringBuilder(victims.size() * 400);
        for (StoredVictim v : victims) {
            Object[] values = audited(v);
            CopyText.row(rows, append(prepend(values, v.id()), at, at, v.version()));
            CopyText.row(audit, prepend(values, v.id(), rev, 1));
        }
        CopyText.copy(dataSource, "copy victim_change (id, " + VICTIM_AUDITED + ", created_at, updated_at, version) "
                + "from stdin", rows);
        String set = java.util.Arrays.stream(VICTIM_AUDITED.split(", ")).filter(c -> !c.equals("case_id")
                        && !c.equals("victim_key") && !c.equals("recorded_by_institution"))
                .map(c -> c + " = s." + c).reduce((a, b) -> a + ", " + b).orElseThrow();
        int updated = jdbc.sql("update victim v set " + set + ", updated_at = s.updated_at, version = v.version + 1 "
                + "from victim_change s where v.id = s.id and v.version = s.version").update();
        jdbc.sql("truncate victim_change").update();
        if (updated != victims.size()) {
            throw new OptimisticLockingFailureException((victims.size() - updated)
                    + " victim(s) were changed by someone else during the upload's batch.");
        }
        CopyText.copy(dataSource, "copy victim_aud (id, rev, revtype, " + VICTIM_AUDITED + ") from stdin", audit);
    }

    private static Object[] audited(StoredVictim v) {
        VictimDetails d = v.details();
        return new Object[] {v.caseId(), v.victimKey(), d.victimRef(), v.recordedByInstitution(), d.sex(),
                d.ageAtExploitation(), d.ageAtIdentification(), d.ageRangeMin(), d.ageRangeMax(), v.minor(),
                d.nationality(), d.residenceCountry(), d.residenceRegion(), d.ethnicity(), d.disability(), d.lgbti(),
                d.socioEconomicLevel(), d.occupation(), d.economicSector(), d.migrationStatus(),
                d.exploitationPrimary(), d.exploitationOther(), d.recruitmentMeans(), d.exploitationStart(),
                d.identificationDate(), d.identifyingInstitution(), d.status(), v.statusDecidedBy(),
                v.statusDecidedByInstitution(), v.statusDecidedAt(), d.consentScope(), d.situationNote(),
                CODING.convertToDatabaseColumn(v.coding())};
    }

    private static StoredVictim victim(ResultSet rs) throws SQLException {
        VictimDetails d = new VictimDetails(rs.getString("victim_ref"), rs.getString("sex"),
                integer(rs, "age_at_exploitation"), integer(rs, "age_at_identification"), integer(rs, "age_range_min"),
                integer(rs, "age_range_max"), bool(rs, "minor"), rs.getString("nationality"),
                rs.getString("residence_country"), rs.getString("residence_region"), rs.getString("ethnicity"),
                rs.getString("disability"), rs.getString("lgbti"), rs.getString("socio_economic_level"),
                rs.getString("occupation"), rs.getString("economic_sector"), rs.getString("migration_status"),
                rs.getString("exploitation_primary"), strings(rs, "exploitation_other"),
                strings(rs, "recruitment_means"), rs.getObject("exploitation_start", java.time.LocalDate.class),
                rs.getObject("identification_date", java.time.LocalDate.class),
                rs.getString("identifying_institution"), rs.getString("status"), strings(rs, "consent_scope"),
                rs.getString("situation_note"));
        Timestamp decidedAt = rs.getTimestamp("status_decided_at");
        return new StoredVictim(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                rs.getObject("victim_key", UUID.class), rs.getString("recorded_by_institution"), d, d.minor(),
                rs.getString("status_decided_by"), rs.getString("status_decided_by_institution"),
                decidedAt == null ? null : decidedAt.toInstant(),
                CODING.convertToEntityAttribute(rs.getString("coding")), rs.getLong("version"),
                rs.getString("case_owner"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Object[] prepend(Object[] values, Object... first) {
        Object[] all = new Object[first.length + values.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(values, 0, all, first.length, values.length);
        return all;
    }

    private static Object[] append(Object[] values, Object... last) {
        Object[] all = new Object[values.length + last.length];
        System.arraycopy(values, 0, all, 0, values.length);
        System.arraycopy(last, 0, all, values.length, last.length);
        return all;
    }
}
