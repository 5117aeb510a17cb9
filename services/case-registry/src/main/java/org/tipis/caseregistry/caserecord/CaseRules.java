package org.tipis.caseregistry.caserecord;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tipis.platform.problem.FieldError;

/** Rules on case attributes, suspects, proceedings and assistance; each rule name is its stable code. */
public final class CaseRules {

    private CaseRules() {
    }

    public static List<FieldError> checkCase(CaseDetails c, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (c.fileReference() == null || c.fileReference().isBlank()) {
            errors.add(new FieldError("/fileReference", "FileReferenceRequired", "The institution's file reference is required."));
        } else if (c.fileReference().length() > 128) {
            errors.add(new FieldError("/fileReference", "FileReferenceTooLong", "At most 128 characters."));
        }
        if (c.openedOn() == null) {
            errors.add(new FieldError("/openedOn", "OpenedOnRequired", "The opening date is required."));
        } else if (c.openedOn().isAfter(today)) {
            errors.add(new FieldError("/openedOn", "OpenedOnNotInFuture", "A case cannot be opened in the future."));
        }
        if (!Set.of("OPEN", "CLOSED").contains(c.status())) {
            errors.add(new FieldError("/status", "StatusUnknown", "The status is OPEN or CLOSED."));
        }
        if (c.legalProvision() != null && c.legalProvision().length() > 255) {
            errors.add(new FieldError("/legalProvision", "LegalProvisionTooLong", "At most 255 characters."));
        }
        return errors;
    }

    public static List<FieldError> checkSuspect(SuspectDetails s) {
        List<FieldError> errors = new ArrayList<>();
        if (s.age() != null && (s.age() < 0 || s.age() > 120)) {
            errors.add(new FieldError("/age", "AgePlausible", "An age is between 0 and 120."));
        }
        return errors;
    }

    /**
     * @param chargedSuspects suspects of the case with a charge or indictment recorded before
     */
    private static final java.math.BigDecimal MAX_AMOUNT = java.math.BigDecimal.TEN.pow(16);

    public static List<FieldError> checkProceeding(ProceedingDetails p, LocalDate today, Set<java.util.UUID> suspects,
                                                   Set<java.util.UUID> victims, Set<java.util.UUID> chargedSuspects) {
        List<FieldError> errors = new ArrayList<>();
        if (p.type() == null) {
            errors.add(new FieldError("/type", "TypeRequired", "The kind of act is required."));
        }
        if (p.occurredOn() == null) {
            errors.add(new FieldError("/occurredOn", "OccurredOnRequired", "The date of the act is required."));
        } else if (p.occurredOn().isAfter(today)) {
            errors.add(new FieldError("/occurredOn", "OccurredOnNotInFuture", "An act cannot be recorded before it happens."));
        }
        if (p.suspectId() != null && !suspects.contains(p.suspectId())) {
            errors.add(new FieldError("/suspectId", "SuspectBelongsToCase", "No such suspect in this case."));
        }
        if (p.victimId() != null && !victims.contains(p.victimId())) {
            errors.add(new FieldError("/victimId", "VictimBelongsToCase", "No such victim in this case."));
        }
        boolean judgment = "JUDGMENT".equals(p.type());
        if (judgment && p.outcome() == null) {
            errors.add(new FieldError("/outcome", "JudgmentHasOutcome", "A judgment states conviction or acquittal."));
        }
        if (!judgment && p.outcome() != null) {
            errors.add(new FieldError("/outcome", "OutcomeOnlyForJudgment", "Only judgments have an outcome."));
        }
        if (Set.of("JUDGMENT", "SENTENCE", "CHARGE", "INDICTMENT", "ARREST").contains(p.type()) && p.suspectId() == null) {
            errors.add(new FieldError("/suspectId", "SuspectRequired", "This act concerns a suspect: name them."));
        }
        if (judgment && p.suspectId() != null && suspects.contains(p.suspectId())
                && !chargedSuspects.contains(p.suspectId())) {
            errors.add(new FieldError("/suspectId", "JudgmentOnlyAfterCharge",
                    "A judgment needs a charge or indictment of this suspect recorded first."));
        }
        if (p.sentenceMonths() != null && !"SENTENCE".equals(p.type())) {
            errors.add(new FieldError("/sentenceMonths", "SentenceOnlyForSentence", "Only sentences have a length."));
        }
        if (p.amount() != null && p.amount().signum() < 0) {
            errors.add(new FieldError("/amount", "AmountNotNegative", "An amount cannot be negative."));
        }
        // stored as numeric(18, 2): 16 digits before the decimal point, cents after it (not rounded away silently)
        if (p.amount() != null && (p.amount().abs().compareTo(MAX_AMOUNT) >= 0
                || p.amount().stripTrailingZeros().scale() > 2)) {
            errors.add(new FieldError("/amount", "AmountFormat",
                    "An amount has at most 16 digits before the decimal point and 2 after it."));
        }
        if (p.amount() != null && (p.currency() == null || !p.currency().matches("[A-Z]{3}"))) {
            errors.add(new FieldError("/currency", "CurrencyRequired", "Give the ISO 4217 currency of the amount."));
        }
        if ("COMPENSATION".equals(p.type()) && p.victimId() == null) {
            errors.add(new FieldError("/victimId", "VictimRequired", "Compensation is paid to a victim: name them."));
        }
        return errors;
    }

    public static List<FieldError> checkAssistance(AssistanceDetails a, LocalDate today, Set<java.util.UUID> victims) {
        List<FieldError> errors = new ArrayList<>();
        if (a.victimId() == null || !victims.contains(a.victimId())) {
            errors.add(new FieldError("/victimId", "VictimBelongsToCase", "Name a victim of this case."));
        }
        if (a.type() == null) {
            errors.add(new FieldError("/type", "TypeRequired", "The type of assistance is required."));
        }
        if (a.startedOn() == null) {
            errors.add(new FieldError("/startedOn", "StartedOnRequired", "The start date is required."));
        } else if (a.startedOn().isAfter(today)) {
            errors.add(new FieldError("/startedOn", "StartedOnNotInFuture", "Assistance cannot start in the future."));
        }
        if (a.startedOn() != null && a.endedOn() != null && a.endedOn().isBefore(a.startedOn())) {
            errors.add(new FieldError("/endedOn", "EndNotBeforeStart", "Assistance cannot end before it started."));
        }
        boolean shelter = "SHELTER".equals(a.type());
        if (!shelter && (a.shelterProvider() != null || a.shelterType() != null || a.womenOnly() != null
                || a.withChildren() != null)) {
            errors.add(new FieldError("/shelterType", "ShelterAttributesOnlyForShelter",
                    "Shelter attributes apply to shelter only."));
        }
        return errors;
    }
}
