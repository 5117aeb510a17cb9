package org.tipis.caseregistry.caserecord;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.tipis.caseregistry.audit.AccessLog;
import org.tipis.caseregistry.reference.InstitutionInfo;
import org.tipis.caseregistry.reference.ReferenceData;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.ProblemException;

/**
 * Who may read and write which case, enforced here (the gateway's role check is only the first layer).
 * <ul>
 * <li>Nobody sees another country's records: they do not exist for them (404).</li>
 * <li>Case officers and supervisors read their institution's cases, cases shared with it, and, when their
 * institution enters data on behalf of others (centralized entry), every case of their country.</li>
 * <li>National analysts read the statistical attributes of their country's cases: no identity, no free text.</li>
 * <li>Regional analysts, approvers, auditors, registry administrators and services read no records (403);
 * auditors and supervisors read the history.</li>
 * <li>Writing a section needs the section in the allowed sections of the acting institution's kind.</li>
 * </ul>
 */
@Component
public class CaseAccess {

    public static final String OFFICER = "case-officer";
    public static final String SUPERVISOR = "case-supervisor";
    public static final String ANALYST = "national-analyst";
    public static final String AUDITOR = "auditor";
    public static final String ON_BEHALF_ENTRY = "ON_BEHALF_ENTRY";

    /** How much of a case a caller may see. */
    public enum View { FULL, STATISTICAL }

    /** Why the caller may write to a case: as its owner, through a share, or on behalf of the owner. */
    public record Writer(String actingInstitution, InstitutionInfo sectionsFrom, boolean onBehalf) {
    }

    private final ReferenceData referenceData;
    private final AccessLog accessLog;

    CaseAccess(ReferenceData referenceData, AccessLog accessLog) {
        this.referenceData = referenceData;
        this.accessLog = accessLog;
    }

    /** Function-level: may this caller read case records at all? */
    public void requireRecordReader(Caller caller) {
        if (!caller.hasAnyRole(OFFICER, SUPERVISOR, ANALYST)) {
            throw ProblemException.forbidden("Your role does not read case records.");
        }
    }

    public void requireRecordWriter(Caller caller) {
        if (!caller.hasAnyRole(OFFICER, SUPERVISOR)) {
            throw ProblemException.forbidden("Only case officers and supervisors record case data.");
        }
    }

    /** The view the caller gets of this case; 404 (logged) when the case is not theirs to see. */
    public View read(Caller caller, CaseRecord record, List<CaseShare> shares) {
        requireRecordReader(caller);
        if (!sameCountry(caller, record)) {
            throw notFound(caller, record, "READ_CASE");
        }
        if (caller.hasAnyRole(OFFICER, SUPERVISOR) && (owns(caller, record) || sharedWith(caller, shares).isPresent()
                || entersOnBehalf(caller))) {
            return View.FULL;
        }
        if (caller.hasRole(ANALYST)) {
            return View.STATISTICAL;
        }
        throw notFound(caller, record, "READ_CASE");
    }

    /** Whether reading this case is a read from outside its owning institution (logged). */
    public boolean outsider(Caller caller, CaseRecord record) {
        return !owns(caller, record);
    }

    /** May the caller write {@code section} of this case? 404 when it is not theirs to see, 403 when the kind may not. */
    public Writer write(Caller caller, CaseRecord record, List<CaseShare> shares, String section) {
        requireRecordWriter(caller);
        View view = read(caller, record, shares);
        if (view != View.FULL) {
            throw ProblemException.forbidden("You may not change this case.");
        }
        InstitutionInfo own = institutionOf(caller);
        if (owns(caller, record) || sharedWith(caller, shares).filter(s -> s.rights() == CaseShare.Rights.CONTRIBUTE)
                .isPresent()) {
            requireSection(own, section);
            return new Writer(own.id(), own, false);
        }
        if (own.may(ON_BEHALF_ENTRY)) {
            InstitutionInfo owner = referenceData.institution(record.owningInstitution())
                    .orElseThrow(() -> ProblemException.forbidden("The owning institution is not in the directory."));
            requireSection(owner, section);
            return new Writer(owner.id(), owner, true);
        }
        throw ProblemException.forbidden("The case is shared with your institution for reading only.");
    }

    /** For opening a case: the caller's own institution, or one of its country it enters data for. */
    public Writer open(Caller caller, String onBehalfOf) {
        requireRecordWriter(caller);
        InstitutionInfo own = institutionOf(caller);
        if (onBehalfOf == null || onBehalfOf.equals(own.id())) {
            requireSection(own, "CASE_OPENING");
            return new Writer(own.id(), own, false);
        }
        if (!own.may(ON_BEHALF_ENTRY)) {
            throw ProblemException.forbidden("Your institution does not enter data on behalf of others.");
        }
        InstitutionInfo owner = referenceData.institution(onBehalfOf)
                .filter(i -> i.country() != null && caller.country().filter(i.country()::equals).isPresent())
                .orElseThrow(() -> new ProblemException(org.tipis.platform.problem.ProblemType.VALIDATION_FAILED,
                        "Unknown institution.", List.of(new org.tipis.platform.problem.FieldError("/onBehalfOf",
                        "InstitutionUnknown", "Not an institution of your country."))));
        requireSection(owner, "CASE_OPENING");
        return new Writer(owner.id(), owner, true);
    }

    public InstitutionInfo institutionOf(Caller caller) {
        return caller.institution().flatMap(referenceData::institution)
                .filter(i -> i.country() != null && caller.country().filter(i.country()::equals).isPresent())
                .orElseThrow(() -> ProblemException.forbidden(
                        "Your account's institution is not an active institution of your country in the directory."));
    }

    public boolean owns(Caller caller, CaseRecord record) {
        return caller.institution().filter(record.owningInstitution()::equals).isPresent();
    }

    public boolean entersOnBehalf(Caller caller) {
        return caller.institution().flatMap(referenceData::institution).map(i -> i.may(ON_BEHALF_ENTRY)).orElse(false);
    }

    public Optional<CaseShare> sharedWith(Caller caller, List<CaseShare> shares) {
        return caller.institution().flatMap(institution -> shares.stream()
                .filter(s -> s.active() && s.institution().equals(institution)).findFirst());
    }

    private static boolean sameCountry(Caller caller, CaseRecord record) {
        return caller.country().filter(record.country()::equals).isPresent();
    }

    private static void requireSection(InstitutionInfo institution, String section) {
        if (!institution.may(section)) {
            throw ProblemException.forbidden("Institutions of kind " + institution.kind() + " do not record "
                    + section + ".");
        }
    }

    private ProblemException notFound(Caller caller, CaseRecord record, String action) {
        accessLog.denied(caller, action, "case", record.id(), null);
        return ProblemException.notFound("There is no case " + record.id() + ".");
    }
}
