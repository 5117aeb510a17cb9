package org.tipis.caseregistry.caserecord;

import java.math.BigDecimal;
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

/** An investigation, arrest, charge, judgment, sentence, asset measure or compensation in a case. */
@Entity
@Table(name = "proceeding_event")
@Audited
public class ProceedingEvent {

    @Id
    private UUID id;
    @Column(name = "case_id")
    private UUID caseId;
    private String type;
    @Column(name = "occurred_on")
    private LocalDate occurredOn;
    private String institution;
    @Column(name = "suspect_id")
    private UUID suspectId;
    @Column(name = "victim_id")
    private UUID victimId;
    private String outcome;
    @Column(name = "sentence_months")
    private Integer sentenceMonths;
    private BigDecimal amount;
    private String currency;
    private String note;
    @Convert(converter = CodingConverter.class)
    private Map<String, Integer> coding;
    @NotAudited
    @Column(name = "created_at")
    private Instant createdAt;
    @NotAudited
    @Version
    private long version;

    protected ProceedingEvent() {
    }

    ProceedingEvent(UUID id, UUID caseId, String institution, ProceedingDetails d, Map<String, Integer> coding,
                    Instant now) {
        this.id = id;
        this.caseId = caseId;
        this.institution = institution;
        this.type = d.type();
        this.occurredOn = d.occurredOn();
        this.suspectId = d.suspectId();
        this.victimId = d.victimId();
        this.outcome = d.outcome();
        this.sentenceMonths = d.sentenceMonths();
        this.amount = d.amount();
        this.currency = d.currency();
        this.note = d.note();
        this.coding = Map.copyOf(coding);
        this.createdAt = now;
    }

    public ProceedingDetails details() {
        return new ProceedingDetails(type, occurredOn, suspectId, victimId, outcome, sentenceMonths, amount, currency,
                note);
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

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
