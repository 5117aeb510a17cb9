package org.tipis.caseregistry.caserecord;

import java.time.Instant;
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

/** A suspected trafficker in a case. */
@Entity
@Table(name = "suspect")
@Audited
public class Suspect {

    @Id
    private UUID id;
    @Column(name = "case_id")
    private UUID caseId;
    @Column(name = "recorded_by_institution")
    private String recordedByInstitution;
    private String sex;
    private Integer age;
    private String nationality;
    private String role;
    @Column(name = "organization_type")
    private String organizationType;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "modus_operandi")
    private List<String> modusOperandi;
    @Column(name = "profile_note")
    private String profileNote;
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

    protected Suspect() {
    }

    Suspect(UUID id, UUID caseId, String recordedByInstitution, SuspectDetails details, Map<String, Integer> coding,
            Instant now) {
        this.id = id;
        this.caseId = caseId;
        this.recordedByInstitution = recordedByInstitution;
        this.createdAt = now;
        apply(details, coding, now);
    }

    void apply(SuspectDetails d, Map<String, Integer> coding, Instant now) {
        this.sex = d.sex();
        this.age = d.age();
        this.nationality = d.nationality();
        this.role = d.role();
        this.organizationType = d.organizationType();
        this.modusOperandi = List.copyOf(d.modusOperandi());
        this.profileNote = d.profileNote();
        this.coding = Map.copyOf(coding);
        this.updatedAt = now;
    }

    public SuspectDetails details() {
        return new SuspectDetails(sex, age, nationality, role, organizationType, modusOperandi, profileNote);
    }

    public UUID id() {
        return id;
    }

    public UUID caseId() {
        return caseId;
    }

    public String recordedByInstitution() {
        return recordedByInstitution;
    }

    public Map<String, Integer> coding() {
        return coding;
    }

    public long version() {
        return version;
    }
}
