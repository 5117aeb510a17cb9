package org.tipis.caseregistry.caserecord;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An act of criminal justice, recorded by the institution whose act it is.
 *
 * @param type           proceeding-event code
 * @param suspectId      the suspect it concerns (arrest, charge, indictment, judgment, sentence, appeal)
 * @param victimId       the victim it concerns (compensation)
 * @param outcome        judgment-outcome code, for judgments
 * @param sentenceMonths for sentences
 * @param amount         for asset seizure/forfeiture and compensation, in {@code currency} (ISO 4217)
 */
public record ProceedingDetails(String type, LocalDate occurredOn, UUID suspectId, UUID victimId, String outcome,
                                Integer sentenceMonths, BigDecimal amount, String currency, String note) {

    /** Which section of a case each kind of act belongs to (institution kinds are allowed sections). */
    static final Map<String, String> SECTION = Map.ofEntries(
            Map.entry("INVESTIGATION_OPENED", "INVESTIGATION"), Map.entry("ARREST", "ARREST"),
            Map.entry("CHARGE", "CHARGE"), Map.entry("INDICTMENT", "CHARGE"),
            Map.entry("TRIAL_OPENED", "JUDGMENT"), Map.entry("JUDGMENT", "JUDGMENT"),
            Map.entry("SENTENCE", "JUDGMENT"), Map.entry("APPEAL", "JUDGMENT"),
            Map.entry("ASSET_SEIZURE", "ASSET_MEASURE"), Map.entry("ASSET_FORFEITURE", "ASSET_MEASURE"),
            Map.entry("COMPENSATION", "COMPENSATION"));

    String section() {
        return SECTION.getOrDefault(type, "JUDGMENT");
    }

    List<CodedField> codedFields() {
        return List.of(CodedField.of("/type", "proceeding-event", type),
                CodedField.of("/outcome", "judgment-outcome", outcome));
    }
}
