package org.tipis.caseregistry.caserecord;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Assistance given to a victim. Shelter attributes apply to {@code SHELTER} only.
 *
 * @param providerName free text, hidden from analysts
 */
public record AssistanceDetails(UUID victimId, String type, String providerName, String shelterProvider,
                                String shelterType, Boolean womenOnly, Boolean withChildren, LocalDate startedOn,
                                LocalDate endedOn, String riskLevel, String note) {

    List<CodedField> codedFields() {
        return List.of(CodedField.of("/type", "assistance-type", type),
                CodedField.of("/shelterProvider", "shelter-provider", shelterProvider),
                CodedField.of("/shelterType", "shelter-type", shelterType),
                CodedField.of("/riskLevel", "risk-level", riskLevel));
    }
}
