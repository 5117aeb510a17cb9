package org.tipis.caseregistry.caserecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.envers.Audited;
import org.hibernate.envers.NotAudited;
import org.hibernate.type.SqlTypes;

/** A person's role as a victim in one case. The victim key is stable and carries no identity. */
@Entity
@Table(name = "victim")
@Audited
public class Victim {

    @Id
    private UUID id;
    @Column(name = "case_id")
    private UUID caseId;
    @Column(name = "victim_key")
    private UUID victimKey;
    @Column(name = "victim_ref")
    private String victimRef;
    @Column(name = "recorded_by_institution")
    private String recordedByInstitution;
    private String sex;
    @Column(name = "age_at_exploitation")
    private Integer ageAtExploitation;
    @Column(name = "age_at_identification")
    private Integer ageAtIdentification;
    @Column(name = "age_range_min")
    private Integer ageRangeMin;
    @Column(name = "age_range_max")
    private Integer ageRangeMax;
    private Boolean minor;
    private String nationality;
    @Column(name = "residence_country")
    private String residenceCountry;
    @Column(name = "residence_region")
    private String residenceRegion;
    private String ethnicity;
    private String disability;
    private String lgbti;
    @Column(name = "socio_economic_level")
    private String socioEconomicLevel;
    private String occupation;
    @Column(name = "economic_sector")
    private String economicSector;
    @Column(name = "migration_status")
    private String migrationStatus;
    @Column(name = "exploitation_primary")
    private String exploitationPrimary;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "exploitation_other")
    private List<String> exploitationOther;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "recruitment_means")
    private List<String> recruitmentMeans;
    @Column(name = "exploitation_start")
    private LocalDate exploitationStart;
    @Column(name = "identification_date")
    private LocalDate identificationDate;
    @Column(name = "identifying_institution")
    private String identifyingInstitution;
    private String status;
    @Column(name = "status_decided_by")
    private String statusDecidedBy;
    @Column(name = "status_decided_by_institution")
    private String statusDecidedByInstitution;
    @Column(name = "status_decided_at")
    private Instant statusDecidedAt;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "consent_scope")
    private List<String> consentScope;
    @Column(name = "situation_note")
    private String situationNote;
    @Convert(converter = CodingConverter.class)
    private Map<String, Integer> coding;
    @NotAudited
    @Column(name = "created_at")
    private Instant createdAt;
    @NotAudited
    @Column(name = "updated_at")
    private Instant updatedAt;
    @NotAudited
    @Version
    private long version;

    protected Victim() {
    }

    Victim(UUID id, UUID caseId, UUID victimKey, String recordedByInstitution, VictimDetails details,
           Map<String, Integer> coding, String decidedBy, Instant now) {
        this.id = id;
        this.caseId = caseId;
        this.victimKey = victimKey;
        this.recordedByInstitution = recordedByInstitution;
        this.createdAt = now;
        apply(details, coding, decidedBy, now);
    }

    void apply(VictimDetails d, Map<String, Integer> coding, String decidedBy, Instant now) {
        if (!d.status().equals(this.status)) {
            this.statusDecidedBy = decidedBy;
            this.statusDecidedByInstitution = recordedByInstitution.equals(d.identifyingInstitution())
                    || d.identifyingInstitution() == null ? recordedByInstitution : d.identifyingInstitution();
            this.statusDecidedAt = now;
        }
        this.victimRef = d.victimRef();
        this.sex = d.sex();
        this.ageAtExploitation = d.ageAtExploitation();
        this.ageAtIdentification = d.ageAtIdentification();
        this.ageRangeMin = d.ageRangeMin();
        this.ageRangeMax = d.ageRangeMax();
        this.minor = d.derivedMinor();
        this.nationality = d.nationality();
        this.residenceCountry = d.residenceCountry();
        this.residenceRegion = d.residenceRegion();
        this.ethnicity = d.ethnicity();
        this.disability = d.disability();
        this.lgbti = d.lgbti();
        this.socioEconomicLevel = d.socioEconomicLevel();
        this.occupation = d.occupation();
        this.economicSector = d.economicSector();
        this.migrationStatus = d.migrationStatus();
        this.exploitationPrimary = d.exploitationPrimary();
        this.exploitationOther = List.copyOf(d.exploitationOther());
        this.recruitmentMeans = List.copyOf(d.recruitmentMeans());
        this.exploitationStart = d.exploitationStart();
        this.identificationDate = d.identificationDate();
        this.identifyingInstitution = d.identifyingInstitution() == null ? recordedByInstitution
                : d.identifyingInstitution();
        this.status = d.status();
        this.consentScope = List.copyOf(d.consentScope());
        this.situationNote = d.situationNote();
        this.coding = Map.copyOf(coding);
        this.updatedAt = now;
    }

    public VictimDetails details() {
        return new VictimDetails(victimRef, sex, ageAtExploitation, ageAtIdentification, ageRangeMin, ageRangeMax,
                minor, nationality, residenceCountry, residenceRegion, ethnicity, disability, lgbti, socioEconomicLevel,
                occupation, economicSector, migrationStatus, exploitationPrimary, exploitationOther, recruitmentMeans,
                exploitationStart, identificationDate, identifyingInstitution, status, consentScope, situationNote);
    }

    public UUID id() {
        return id;
    }

    public UUID caseId() {
        return caseId;
    }

    public UUID victimKey() {
        return victimKey;
    }

    public String recordedByInstitution() {
        return recordedByInstitution;
    }

    public Boolean minor() {
        return minor;
    }

    public String status() {
        return status;
    }

    public String statusDecidedBy() {
        return statusDecidedBy;
    }

    public String statusDecidedByInstitution() {
        return statusDecidedByInstitution;
    }

    public Instant statusDecidedAt() {
        return statusDecidedAt;
    }

    public Map<String, Integer> coding() {
        return coding;
    }

    public long version() {
        return version;
    }
}
