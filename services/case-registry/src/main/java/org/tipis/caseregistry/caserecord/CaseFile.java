package org.tipis.caseregistry.caserecord;

import java.util.List;

/** A case with everything recorded in it, as one caller may see it. */
public record CaseFile(CaseRecord record, List<Victim> victims, List<Suspect> suspects,
                       List<ProceedingEvent> proceedings, List<AssistanceEvent> assistance, List<CaseShare> shares,
                       CaseAccess.View view, boolean owner) {
}
