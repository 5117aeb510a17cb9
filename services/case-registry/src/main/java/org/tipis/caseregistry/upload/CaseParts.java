package org.tipis.caseregistry.upload;

import java.util.List;

import org.tipis.caseregistry.caserecord.AssistanceDetails;
import org.tipis.caseregistry.caserecord.ProceedingDetails;
import org.tipis.caseregistry.caserecord.SuspectDetails;

/**
 * What an NDJSON line says about its case beyond the victims, with references inside the line instead of ids:
 * a proceeding names its suspect by position in {@code suspects} and its victim by {@code victimRef}; assistance
 * names its victim by {@code victimRef}. {@link CasePartsWriter} resolves them when writing.
 *
 * @param victimPointer the JSON pointer pattern of the line's victims ({@code /victims/%d/}), null for flat formats
 */
record CaseParts(String victimPointer, List<SuspectDetails> suspects, List<Proceeding> proceedings,
                 List<Assistance> assistance) {

    static final CaseParts NONE = new CaseParts(null, List.of(), List.of(), List.of());

    CaseParts {
        suspects = List.copyOf(suspects);
        proceedings = List.copyOf(proceedings);
        assistance = List.copyOf(assistance);
    }

    boolean isEmpty() {
        return suspects.isEmpty() && proceedings.isEmpty() && assistance.isEmpty();
    }

    /** @param details without ids; {@code suspect} and {@code victimRef} say whom it concerns */
    record Proceeding(ProceedingDetails details, Integer suspect, String victimRef) {
    }

    /** @param details without the victim id; {@code victimRef} names the victim */
    record Assistance(AssistanceDetails details, String victimRef) {
    }
}
