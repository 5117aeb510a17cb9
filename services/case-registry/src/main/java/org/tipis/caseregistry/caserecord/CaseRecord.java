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

/**
 * One trafficking case as the system knows it: owned by one institution of one country, contributed to by others.
 */
@Entity
@Table(name = "case_record")
@Audited
public class CaseRecord {

    public enum EntryMode { DIRECT, ON_BEHALF }

    @Id
    private UUID id;
    private String country;
    @Column(name = "owning_institution")
    private String owningInstitution;
    @Column(name = "entered_by_institution")
    private String enteredByInstitution;
    @Column(name = "entry_mode")
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private EntryMode entryMode;
    @Column(name = "file_reference")
    private String fileReference;
    @Column(name = "opened_on")
    private LocalDate openedOn;
    @Column(name = "complaint_channel")
    private String complaintChannel;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "investigation_types")
    private List<String> investigationTypes;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "exploitation_forms")
    private List<String> exploitationForms;
    @Column(name = "flow_level")
    private String flowLevel;
    @Column(name = "origin_country")
    private String originCountry;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "transit_countries")
    private List<String> transitCountries;
    @Column(name = "destination_country")
    private String destinationCountry;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "transport_modes")
    private List<String> transportModes;
    @Column(name = "area_type")
    private String areaType;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "related_offences")
    private List<String> relatedOffences;
    @Column(name = "place_description")
    private String placeDescription;
    @Column(name = "legal_provision")
    private String legalProvision;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "linked_cases")
    private List<UUID> linkedCases;
    private String status;
    private String stage;
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

    protected CaseRecord() {
    }

    CaseRecord(UUID id, String country, String owningInstitution, String enteredByInstitution, EntryMode entryMode,
               CaseDetails details, Map<String, Integer> coding, Instant now) {
        this.id = id;
        this.country = country;
        this.owningInstitution = owningInstitution;
        this.enteredByInstitution = enteredByInstitution;
        this.entryMode = entryMode;
        this.createdAt = now;
        apply(details, coding, now);
    }

    void apply(CaseDetails d, Map<String, Integer> coding, Instant now) {
        this.fileReference = d.fileReference();
        this.openedOn = d.openedOn();
        this.complaintChannel = d.complaintChannel();
        this.investigationTypes = List.copyOf(d.investigationTypes());
        this.exploitationForms = List.copyOf(d.exploitationForms());
        this.flowLevel = d.flowLevel();
        this.originCountry = d.originCountry();
        this.transitCountries = List.copyOf(d.transitCountries());
        this.destinationCountry = d.destinationCountry();
        this.transportModes = List.copyOf(d.transportModes());
        this.areaType = d.areaType();
        this.relatedOffences = List.copyOf(d.relatedOffences());
        this.placeDescription = d.placeDescription();
        this.legalProvision = d.legalProvision();
        this.linkedCases = List.copyOf(d.linkedCases());
        this.status = d.status();
        this.stage = d.stage();
        this.coding = Map.copyOf(coding);
        this.updatedAt = now;
    }

    public CaseDetails details() {
        return new CaseDetails(fileReference, openedOn, complaintChannel, list(investigationTypes),
                list(exploitationForms), flowLevel, originCountry, list(transitCountries), destinationCountry,
                list(transportModes), areaType, list(relatedOffences), placeDescription, legalProvision,
                linkedCases == null ? List.of() : List.copyOf(linkedCases), status, stage);
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    public UUID id() {
        return id;
    }

    public String country() {
        return country;
    }

    public String owningInstitution() {
        return owningInstitution;
    }

    public String enteredByInstitution() {
        return enteredByInstitution;
    }

    public EntryMode entryMode() {
        return entryMode;
    }

    public Map<String, Integer> coding() {
        return coding;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
