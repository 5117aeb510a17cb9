package org.tipis.caseregistry.caserecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.envers.Audited;
import org.hibernate.envers.NotAudited;

/** Shelter, medical, psychological, legal, social, security, residence, return or reintegration assistance. */
@Entity
@Table(name = "assistance_event")
@Audited
public class AssistanceEvent {

    @Id
    private UUID id;
    @Column(name = "case_id")
    private UUID caseId;
    @Column(name = "victim_id")
    private UUID victimId;
    private String type;
    private String institution;
    @Column(name = "provider_name")
    private String providerName;
    @Column(name = "shelter_provider")
    private String shelterProvider;
    @Column(name = "shelter_type")
    private String shelterType;
    @Column(name = "women_only")
    private Boolean womenOnly;
    @Column(name = "with_children")
    private Boolean withChildren;
    @Column(name = "started_on")
    private LocalDate startedOn;
    @Column(name = "ended_on")
    private LocalDate endedOn;
    @Column(name = "risk_level")
    private String riskLevel;
    private String note;
    @Convert(converter = CodingConverter.class)
    private Map<String, Integer> coding;
    @NotAudited
    @Column(name = "created_at")
    private Instant createdAt;
    @NotAudited
    @Version
    private long version;

    protected AssistanceEvent() {
    }

    AssistanceEvent(UUID id, UUID caseId, String institution, AssistanceDetails d, Map<String, Integer> coding,
                    Instant now) {
        this.id = id;
        this.caseId = caseId;
        this.institution = institution;
        this.victimId = d.victimId();
        this.type = d.type();
        this.providerName = d.providerName();
        this.shelterProvider = d.shelterProvider();
        this.shelterType = d.shelterType();
        this.womenOnly = d.womenOnly();
        this.withChildren = d.withChildren();
        this.startedOn = d.startedOn();
        this.endedOn = d.endedOn();
        this.riskLevel = d.riskLevel();
        this.note = d.note();
        this.coding = Map.copyOf(coding);
        this.createdAt = now;
    }

    public AssistanceDetails details() {
        return new AssistanceDetails(victimId, type, providerName, shelterProvider, shelterType, womenOnly,
                withChildren, startedOn, endedOn, riskLevel, note);
    }

    public UUID id() {
        return id;
    }

    public UUID caseId() {
        return caseId;
    }

    public String institution() {
        return institution;
    }

    public Map<String, Integer> coding() {
        return coding;
    }

    public long version() {
        return version;
    }
}
