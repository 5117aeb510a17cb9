package org.tipis.caseregistry.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.tipis.caseregistry.caserecord.AssistanceDetails;
import org.tipis.caseregistry.caserecord.AssistanceEvent;
import org.tipis.caseregistry.caserecord.CaseFile;
import org.tipis.caseregistry.caserecord.CaseRecord;
import org.tipis.caseregistry.caserecord.CaseRecordService;
import org.tipis.caseregistry.caserecord.ProceedingDetails;
import org.tipis.caseregistry.caserecord.ProceedingEvent;
import org.tipis.caseregistry.caserecord.Suspect;
import org.tipis.caseregistry.caserecord.SuspectDetails;
import org.tipis.caseregistry.caserecord.Victim;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.ProblemException;

/**
 * Writes what an NDJSON line says beyond its victims, through the registry's use cases (rules, audit, change
 * feed), after the line's victims are written. The registry keeps no institution references for these, so
 * re-sending a line is made safe this way (docs/upload-format.md):
 * <ul>
 * <li>suspects by position: the n-th suspect of the line is the n-th suspect the institution recorded in the case;
 * it is updated when it differs, added when there is none; none is ever removed;</li>
 * <li>proceedings by content: an act with the same type, date, suspect, victim, outcome, sentence and amount that the
 * institution recorded already is not recorded again (acts are events; they are never updated);</li>
 * <li>assistance by victim, type and start date: recorded once, never updated by an upload.</li>
 * </ul>
 * Apart from the upload's writer on purpose: the set-based victim writer may change without touching this.
 */
@Component
class CasePartsWriter {

    private final CaseRecordService cases;

    CasePartsWriter(CaseRecordService cases) {
        this.cases = cases;
    }

    /** @param owner the institution whose references the file uses (the uploader, or the one it uploads for) */
    void write(Caller caller, String owner, UploadRecord record) {
        if (record.parts().isEmpty() || record.rows().isEmpty()) {
            return;
        }
        CaseParts parts = record.parts();
        UUID caseId = cases.caseByReference(owner, record.rows().getFirst().caseRef()).map(CaseRecord::id)
                .orElseThrow(() -> ProblemException.notFound("The line's case was not written."));
        CaseFile file = cases.get(caller, caseId);
        List<Suspect> recorded = file.suspects().stream().filter(s -> owner.equals(s.recordedByInstitution())).toList();
        List<UUID> suspectIds = new ArrayList<>();
        for (int i = 0; i < parts.suspects().size(); i++) {
            SuspectDetails wanted = parts.suspects().get(i);
            if (i < recorded.size()) {
                Suspect current = recorded.get(i);
                SuspectDetails merged = new SuspectDetails(wanted.sex(), wanted.age(), wanted.nationality(),
                        wanted.role(), wanted.organizationType(), wanted.modusOperandi(),
                        current.details().profileNote());
                if (!Objects.equals(current.details(), merged)) {
                    cases.updateSuspect(caller, caseId, current.id(), d -> merged, current.version());
                }
                suspectIds.add(current.id());
            } else {
                suspectIds.add(cases.addSuspect(caller, caseId, wanted, Map.of()).id());
            }
        }
        List<ProceedingEvent> acts = new ArrayList<>(file.proceedings().stream()
                .filter(p -> owner.equals(p.institution())).toList());
        List<ProceedingDetails> known = new ArrayList<>(acts.stream().map(ProceedingEvent::details).toList());
        for (CaseParts.Proceeding p : parts.proceedings()) {
            ProceedingDetails d = p.details();
            UUID suspectId = p.suspect() == null ? null : suspectIds.get(p.suspect());
            UUID victimId = p.victimRef() == null ? null : victimId(owner, p.victimRef());
            ProceedingDetails resolved = new ProceedingDetails(d.type(), d.occurredOn(), suspectId, victimId,
                    d.outcome(), d.sentenceMonths(), d.amount(), d.currency(), null);
            if (known.stream().noneMatch(k -> sameAct(k, resolved))) {
                cases.addProceeding(caller, caseId, resolved, Map.of());
                known.add(resolved);
            }
        }
        List<AssistanceDetails> given = new ArrayList<>(file.assistance().stream()
                .filter(a -> owner.equals(a.institution())).map(AssistanceEvent::details).toList());
        for (CaseParts.Assistance a : parts.assistance()) {
            AssistanceDetails d = a.details();
            UUID victimId = victimId(owner, a.victimRef());
            AssistanceDetails resolved = new AssistanceDetails(victimId, d.type(), null, d.shelterProvider(),
                    d.shelterType(), d.womenOnly(), d.withChildren(), d.startedOn(), d.endedOn(), d.riskLevel(), null);
            boolean exists = given.stream().anyMatch(g -> Objects.equals(g.victimId(), victimId)
                    && Objects.equals(g.type(), d.type()) && Objects.equals(g.startedOn(), d.startedOn()));
            if (!exists) {
                cases.addAssistance(caller, caseId, resolved, Map.of());
                given.add(resolved);
            }
        }
    }

    private UUID victimId(String owner, String victimRef) {
        return cases.victimByReference(owner, victimRef).map(Victim::id)
                .orElseThrow(() -> ProblemException.notFound("The line's victim was not written."));
    }

    private static boolean sameAct(ProceedingDetails a, ProceedingDetails b) {
        return Objects.equals(a.type(), b.type()) && Objects.equals(a.occurredOn(), b.occurredOn())
                && Objects.equals(a.suspectId(), b.suspectId()) && Objects.equals(a.victimId(), b.victimId())
                && Objects.equals(a.outcome(), b.outcome()) && Objects.equals(a.sentenceMonths(), b.sentenceMonths())
                && (a.amount() == null ? b.amount() == null : b.amount() != null && a.amount().compareTo(b.amount()) == 0)
                && Objects.equals(a.currency(), b.currency());
    }
}
