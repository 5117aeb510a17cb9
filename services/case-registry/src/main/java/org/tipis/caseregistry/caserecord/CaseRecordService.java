package org.tipis.caseregistry.caserecord;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipis.caseregistry.audit.AccessLog;
import org.tipis.caseregistry.feed.Outbox;
import org.tipis.caseregistry.reference.InstitutionInfo;
import org.tipis.caseregistry.reference.ReferenceData;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;

/**
 * The use cases of the registry. Every write validates the whole request first (codes against the named
 * code-list versions, then the domain rules), then writes the record, its Envers revision and its outbox event
 * in one transaction: nothing is written unless everything is valid.
 */
@Service
public class CaseRecordService {

    private final CaseRecordRepository cases;
    private final VictimRepository victims;
    private final SuspectRepository suspects;
    private final ProceedingEventRepository proceedings;
    private final AssistanceEventRepository assistance;
    private final CaseShareRepository shares;
    private final CaseAccess access;
    private final CodeChecker codes;
    private final ReferenceData referenceData;
    private final Outbox outbox;
    private final AccessLog accessLog;
    private final Clock clock;

    CaseRecordService(CaseRecordRepository cases, VictimRepository victims, SuspectRepository suspects,
                      ProceedingEventRepository proceedings, AssistanceEventRepository assistance,
                      CaseShareRepository shares, CaseAccess access, CodeChecker codes, ReferenceData referenceData,
                      Outbox outbox, AccessLog accessLog, Clock clock) {
        this.cases = cases;
        this.victims = victims;
        this.suspects = suspects;
        this.proceedings = proceedings;
        this.assistance = assistance;
        this.shares = shares;
        this.access = access;
        this.codes = codes;
        this.referenceData = referenceData;
        this.outbox = outbox;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ cases

    @Transactional
    public CaseFile open(Caller caller, CaseDetails details, String onBehalfOf, Map<String, Integer> coding) {
        CaseAccess.Writer writer = access.open(caller, onBehalfOf);
        Map<String, Integer> versions = validate(details.codedFields(), coding, CaseRules.checkCase(details, today()));
        if (cases.findByOwningInstitutionAndFileReference(writer.actingInstitution(), details.fileReference())
                .isPresent()) {
            throw duplicateFileReference();
        }
        String enteredBy = access.institutionOf(caller).id();
        CaseRecord record = new CaseRecord(RecordIds.next(), caller.country().orElseThrow(),
                writer.actingInstitution(), enteredBy,
                writer.onBehalf() ? CaseRecord.EntryMode.ON_BEHALF : CaseRecord.EntryMode.DIRECT, details, versions,
                clock.instant());
        try {
            cases.saveAndFlush(record);
        } catch (DataIntegrityViolationException concurrent) {
            throw duplicateFileReference();
        }
        outbox.record("CaseOpened", "case", record.id(), record.id(), record.country(),
                StatisticalEvents.caseRecord(record, writer.sectionsFrom().kind()));
        return file(caller, record);
    }

    @Transactional
    public CaseFile get(Caller caller, UUID caseId) {
        CaseRecord record = load(caller, caseId, "READ_CASE");
        CaseFile file = file(caller, record);
        if (access.outsider(caller, record)) {
            accessLog.allowed(caller, "READ_CASE", "case", caseId, file.view() == CaseAccess.View.STATISTICAL
                    ? "statistical view" : null);
        }
        return file;
    }

    @Transactional
    public CaseFile update(Caller caller, UUID caseId, UnaryOperator<CaseDetails> change, Long expectedVersion) {
        CaseRecord record = load(caller, caseId, "UPDATE_CASE");
        CaseAccess.Writer writer = access.write(caller, record, shares.findByCaseIdOrderByGrantedAt(caseId), "CASE_OPENING");
        if (!access.owns(caller, record) && !writer.onBehalf()) {
            throw ProblemException.forbidden("Only the owning institution changes the case's own attributes.");
        }
        requireVersion(expectedVersion, record.version());
        CaseDetails details = change.apply(record.details());
        Map<String, Integer> versions = validate(details.codedFields(), record.coding(),
                CaseRules.checkCase(details, today()));
        if (!details.fileReference().equals(record.details().fileReference()) && cases
                .findByOwningInstitutionAndFileReference(record.owningInstitution(), details.fileReference()).isPresent()) {
            throw duplicateFileReference();
        }
        for (UUID linked : details.linkedCases()) {
            if (linked.equals(caseId) || cases.findById(linked).filter(c -> c.country().equals(record.country())).isEmpty()) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "A linked case does not exist.", List.of(
                        new FieldError("/linkedCases", "LinkedCaseExists", "Link cases of your country only.")));
            }
        }
        record.apply(details, versions, clock.instant());
        cases.saveAndFlush(record);
        outbox.record("CaseUpdated", "case", record.id(), record.id(), record.country(),
                StatisticalEvents.caseRecord(record, referenceData.institution(record.owningInstitution())
                        .map(InstitutionInfo::kind).orElse(null)));
        return file(caller, record);
    }

    public record Search(String country, String stage, String exploitation, LocalDate identifiedFrom,
                         LocalDate identifiedTo) {
    }

    @Transactional
    public Page<CaseRecord> search(Caller caller, Search search, Pageable pageable) {
        access.requireRecordReader(caller);
        String own = caller.country().orElseThrow(() -> ProblemException.forbidden("Your account has no country."));
        if (search.country() != null && !search.country().equals(own)) {
            throw ProblemException.forbidden("You may search the cases of your own country only.");
        }
        String institution = null;
        if (!caller.hasRole(CaseAccess.ANALYST) && !access.entersOnBehalf(caller)) {
            institution = caller.institution().orElseThrow(() -> ProblemException.forbidden("No institution."));
        }
        Page<CaseRecord> page = cases.findAll(CaseSearch.of(own, institution, search), pageable);
        if (caller.hasRole(CaseAccess.ANALYST) || institution == null) {
            accessLog.allowed(caller, "SEARCH_CASES", "case-search", null, null);
        }
        return page;
    }

    // ------------------------------------------------------------------ sharing

    @Transactional
    public CaseShare share(Caller caller, UUID caseId, String institution, UUID victimId, CaseShare.Rights rights,
                           String reason) {
        CaseRecord record = load(caller, caseId, "SHARE_CASE");
        List<CaseShare> current = shares.findByCaseIdOrderByGrantedAt(caseId);
        access.write(caller, record, current, "REFERRAL");
        if (!access.owns(caller, record)) {
            throw ProblemException.forbidden("Only the owning institution shares a case.");
        }
        List<FieldError> errors = new ArrayList<>();
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            errors.add(new FieldError("/reason", "ShareReasonRequired", "State why, in at most 500 characters."));
        }
        if (rights == null) {
            errors.add(new FieldError("/rights", "RightsRequired", "READ or CONTRIBUTE."));
        }
        boolean knownInstitution = referenceData.institution(institution)
                .filter(i -> i.active() && record.country().equals(i.country())).isPresent();
        if (!knownInstitution || institution.equals(record.owningInstitution())) {
            errors.add(new FieldError("/institution", "ShareWithInstitutionOfCountry",
                    "Share with another active institution of the case's country."));
        }
        if (victimId != null && victims.findById(victimId).filter(v -> v.caseId().equals(caseId)).isEmpty()) {
            errors.add(new FieldError("/victimId", "VictimBelongsToCase", "No such victim in this case."));
        }
        if (current.stream().anyMatch(s -> s.active() && s.institution().equals(institution))) {
            errors.add(new FieldError("/institution", "ShareNotDuplicated", "Already shared; revoke it first."));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The case was not shared.", errors);
        }
        return shares.saveAndFlush(new CaseShare(RecordIds.next(), caseId, victimId, institution, rights, reason,
                caller.username(), clock.instant()));
    }

    @Transactional
    public CaseShare revoke(Caller caller, UUID caseId, UUID shareId) {
        CaseRecord record = load(caller, caseId, "REVOKE_SHARE");
        access.write(caller, record, shares.findByCaseIdOrderByGrantedAt(caseId), "REFERRAL");
        if (!access.owns(caller, record)) {
            throw ProblemException.forbidden("Only the owning institution revokes a share.");
        }
        CaseShare share = shares.findById(shareId).filter(s -> s.caseId().equals(caseId))
                .orElseThrow(() -> ProblemException.notFound("No such share."));
        if (share.active()) {
            share.revoke(caller.username(), clock.instant());
            shares.saveAndFlush(share);
        }
        return share;
    }

    // ------------------------------------------------------------------ contributions

    @Transactional
    public Victim addVictim(Caller caller, UUID caseId, VictimDetails details, Map<String, Integer> coding) {
        return addVictim(caller, caseId, details, coding, null);
    }

    /**
     * @param sameVictimKey the key of a person already recorded in this country (by any institution) when this
     *                      record is the same person; statistics then count the person once
     */
    @Transactional
    public Victim addVictim(Caller caller, UUID caseId, VictimDetails details, Map<String, Integer> coding,
                            UUID sameVictimKey) {
        CaseRecord record = load(caller, caseId, "ADD_VICTIM");
        CaseAccess.Writer writer = access.write(caller, record, shares.findByCaseIdOrderByGrantedAt(caseId),
                "VICTIM_IDENTIFICATION");
        VictimDetails withInstitution = identifyingDefault(details, writer);
        List<FieldError> ruleErrors = new ArrayList<>(victimRules(withInstitution, writer, null, caller));
        if (sameVictimKey != null && !victims.victimKeyKnownIn(sameVictimKey, record.country())) {
            ruleErrors.add(new FieldError("/victimKey", "VictimKeyKnownInCountry",
                    "No victim with this key is recorded in the case's country."));
        }
        Map<String, Integer> versions = validate(withInstitution.codedFields(ethnicityList(record.country())), coding,
                ruleErrors);
        if (details.victimRef() != null && victims.findByRecordedByInstitutionAndVictimRef(writer.actingInstitution(),
                details.victimRef()).isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "This victim reference exists already.", List.of(
                    new FieldError("/victimRef", "VictimRefUnique", "Each victim reference once per institution.")));
        }
        Victim victim = new Victim(RecordIds.next(), caseId, sameVictimKey != null ? sameVictimKey : UUID.randomUUID(),
                writer.actingInstitution(),
                withInstitution, versions, caller.username(), clock.instant());
        victims.saveAndFlush(victim);
        outbox.record("VictimRecorded", "victim", victim.id(), caseId, record.country(),
                StatisticalEvents.victim(record, victim, kindOf(withInstitution.identifyingInstitution())));
        return victim;
    }

    @Transactional
    public Victim updateVictim(Caller caller, UUID caseId, UUID victimId, UnaryOperator<VictimDetails> change,
                               Long expectedVersion) {
        CaseRecord record = load(caller, caseId, "UPDATE_VICTIM");
        CaseAccess.Writer writer = access.write(caller, record, shares.findByCaseIdOrderByGrantedAt(caseId),
                "VICTIM_IDENTIFICATION");
        Victim victim = victims.findById(victimId).filter(v -> v.caseId().equals(caseId))
                .orElseThrow(() -> ProblemException.notFound("No such victim in this case."));
        requireVersion(expectedVersion, victim.version());
        VictimDetails details = change.apply(victim.details());
        Map<String, Integer> versions = validate(details.codedFields(ethnicityList(record.country())),
                victim.coding(), victimRules(details, writer, victim.status(), caller));
        victim.apply(details, versions, caller.username(), clock.instant());
        victims.saveAndFlush(victim);
        outbox.record("VictimUpdated", "victim", victim.id(), caseId, record.country(),
                StatisticalEvents.victim(record, victim, kindOf(details.identifyingInstitution())));
        return victim;
    }

    @Transactional
    public Suspect addSuspect(Caller caller, UUID caseId, SuspectDetails details, Map<String, Integer> coding) {
        CaseRecord record = load(caller, caseId, "ADD_SUSPECT");
        CaseAccess.Writer writer = access.write(caller, record, shares.findByCaseIdOrderByGrantedAt(caseId), "SUSPECT");
        Map<String, Integer> versions = validate(details.codedFields(), coding, CaseRules.checkSuspect(details));
        Suspect suspect = new Suspect(RecordIds.next(), caseId, writer.actingInstitution(), details, versions,
                clock.instant());
        suspects.saveAndFlush(suspect);
        outbox.record("SuspectRecorded", "suspect", suspect.id(), caseId, record.country(),
                StatisticalEvents.suspect(record, suspect));
        return suspect;
    }

    @Transactional
    public Suspect updateSuspect(Caller caller, UUID caseId, UUID suspectId, UnaryOperator<SuspectDetails> change,
                                 Long expectedVersion) {
        CaseRecord record = load(caller, caseId, "UPDATE_SUSPECT");
        access.write(caller, record, shares.findByCaseIdOrderByGrantedAt(caseId), "SUSPECT");
        Suspect suspect = suspects.findById(suspectId).filter(s -> s.caseId().equals(caseId))
                .orElseThrow(() -> ProblemException.notFound("No such suspect in this case."));
        requireVersion(expectedVersion, suspect.version());
        SuspectDetails details = change.apply(suspect.details());
        Map<String, Integer> versions = validate(details.codedFields(), suspect.coding(), CaseRules.checkSuspect(details));
        suspect.apply(details, versions, clock.instant());
        suspects.saveAndFlush(suspect);
        outbox.record("SuspectUpdated", "suspect", suspect.id(), caseId, record.country(),
                StatisticalEvents.suspect(record, suspect));
        return suspect;
    }

    @Transactional
    public ProceedingEvent addProceeding(Caller caller, UUID caseId, ProceedingDetails details,
                                         Map<String, Integer> coding) {
        CaseRecord record = load(caller, caseId, "ADD_PROCEEDING");
        CaseAccess.Writer writer = access.write(caller, record, shares.findByCaseIdOrderByGrantedAt(caseId),
                details.section());
        List<ProceedingEvent> earlier = proceedings.findByCaseIdOrderByOccurredOnAscCreatedAtAsc(caseId);
        Set<UUID> charged = earlier.stream().filter(e -> Set.of("CHARGE", "INDICTMENT").contains(e.details().type())
                        && (details.occurredOn() == null || !e.details().occurredOn().isAfter(details.occurredOn())))
                .map(e -> e.details().suspectId()).collect(Collectors.toSet());
        Map<String, Integer> versions = validate(details.codedFields(), coding, CaseRules.checkProceeding(details,
                today(), ids(suspects.findByCaseIdOrderByCreatedAt(caseId)), victimIds(caseId), charged));
        ProceedingEvent event = new ProceedingEvent(RecordIds.next(), caseId, writer.actingInstitution(), details,
                versions, clock.instant());
        proceedings.saveAndFlush(event);
        Object victimKey = details.victimId() == null ? null
                : victims.findById(details.victimId()).map(Victim::victimKey).orElse(null);
        outbox.record("ProceedingRecorded", "proceeding", event.id(), caseId, record.country(),
                StatisticalEvents.proceeding(record, event, writer.sectionsFrom().kind(), victimKey));
        return event;
    }

    @Transactional
    public AssistanceEvent addAssistance(Caller caller, UUID caseId, AssistanceDetails details,
                                         Map<String, Integer> coding) {
        CaseRecord record = load(caller, caseId, "ADD_ASSISTANCE");
        List<CaseShare> current = shares.findByCaseIdOrderByGrantedAt(caseId);
        CaseAccess.Writer writer = access.write(caller, record, current, "ASSISTANCE");
        access.sharedWith(caller, current).filter(s -> s.victimId() != null && !s.victimId().equals(details.victimId()))
                .ifPresent(s -> {
                    throw ProblemException.forbidden("The case is shared with you for another victim only.");
                });
        Map<String, Integer> versions = validate(details.codedFields(), coding,
                CaseRules.checkAssistance(details, today(), victimIds(caseId)));
        AssistanceEvent event = new AssistanceEvent(RecordIds.next(), caseId, writer.actingInstitution(), details,
                versions, clock.instant());
        assistance.saveAndFlush(event);
        Object victimKey = victims.findById(details.victimId()).map(Victim::victimKey).orElse(null);
        outbox.record("AssistanceRecorded", "assistance", event.id(), caseId, record.country(),
                StatisticalEvents.assistance(record, event, writer.sectionsFrom().kind(), victimKey));
        return event;
    }

    /**
     * A victim whose identity the caller may handle: only officers and supervisors of the institution that owns
     * the case or recorded the victim. Others who may see the case get 403; everyone else 404. Refusals are logged.
     */
    @Transactional
    public Victim victimForIdentity(Caller caller, UUID victimId, String action) {
        if (!caller.hasAnyRole(CaseAccess.OFFICER, CaseAccess.SUPERVISOR)) {
            accessLog.denied(caller, action, "victim", victimId, null);
            throw ProblemException.forbidden("Only the owning institution's case officers and supervisors handle identities.");
        }
        Victim victim = victims.findById(victimId).orElse(null);
        CaseRecord record = victim == null ? null : cases.findById(victim.caseId()).orElse(null);
        if (record == null || !caller.country().filter(record.country()::equals).isPresent()) {
            accessLog.denied(caller, action, "victim", victimId, null);
            throw ProblemException.notFound("There is no victim " + victimId + ".");
        }
        boolean own = caller.institution().filter(i -> i.equals(record.owningInstitution())
                || i.equals(victim.recordedByInstitution())).isPresent();
        if (!own) {
            accessLog.denied(caller, action, "victim", victimId, null);
            boolean seesCase = access.sharedWith(caller, shares.findByCaseIdOrderByGrantedAt(record.id())).isPresent()
                    || access.entersOnBehalf(caller);
            throw seesCase ? ProblemException.forbidden("Only the owning institution handles this victim's identity.")
                    : ProblemException.notFound("There is no victim " + victimId + ".");
        }
        return victim;
    }

    /** An institution's case by its own file reference (bulk upload matches rows to cases this way). */
    @Transactional(readOnly = true)
    public java.util.Optional<CaseRecord> caseByReference(String institution, String fileReference) {
        return cases.findByOwningInstitutionAndFileReference(institution, fileReference);
    }

    /** An institution's victim by its own victim reference. */
    @Transactional(readOnly = true)
    public java.util.Optional<Victim> victimByReference(String institution, String victimRef) {
        return victims.findByRecordedByInstitutionAndVictimRef(institution, victimRef);
    }

    // ------------------------------------------------------------------ checks for bulk writers

    /**
     * What a bulk writer needs to write a record the way the use cases above would: the code-list versions to store
     * (the {@code coding} column) and every problem that would have refused the write.
     */
    public record Checked(Map<String, Integer> coding, List<FieldError> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** The checks of {@link #open} on a new case's details, without writing. */
    public Checked checkNewCase(CaseDetails details) {
        return check(details.codedFields(), Map.of(), CaseRules.checkCase(details, today()));
    }

    /**
     * The victim as {@link #addVictim} stores it: the identifying institution defaults to the acting one.
     */
    public VictimDetails asRecorded(VictimDetails details, CaseAccess.Writer writer) {
        return identifyingDefault(details, writer);
    }

    /** The checks of {@link #addVictim} on {@link #asRecorded recorded} details, without writing. */
    public Checked checkNewVictim(Caller caller, CaseAccess.Writer writer, String country, VictimDetails recorded) {
        return check(recorded.codedFields(ethnicityList(country)), Map.of(), victimRules(recorded, writer, null, caller));
    }

    /** The checks of {@link #updateVictim} on the changed details of a victim, without writing. */
    public Checked checkVictimChange(Caller caller, CaseAccess.Writer writer, String country, VictimDetails changed,
                                     Map<String, Integer> currentCoding, String previousStatus) {
        return check(changed.codedFields(ethnicityList(country)), currentCoding,
                victimRules(changed, writer, previousStatus, caller));
    }

    /** The kind of an institution of the directory (change-feed payloads carry it). */
    public String institutionKind(String institution) {
        return kindOf(institution);
    }

    private Checked check(List<CodedField> fields, Map<String, Integer> coding, List<FieldError> ruleErrors) {
        List<FieldError> errors = new ArrayList<>(ruleErrors);
        Map<String, Integer> versions = codes.versions(fields, coding, errors);
        errors.addAll(codes.check(fields, versions));
        return new Checked(versions, errors);
    }

    // ------------------------------------------------------------------ helpers

    /** The case, or 404 (and a logged denial) when it does not exist. */
    CaseRecord load(Caller caller, UUID caseId, String action) {
        access.requireRecordReader(caller);
        return cases.findById(caseId).orElseThrow(() -> {
            accessLog.denied(caller, action, "case", caseId, null);
            return ProblemException.notFound("There is no case " + caseId + ".");
        });
    }

    CaseFile file(Caller caller, CaseRecord record) {
        List<CaseShare> caseShares = shares.findByCaseIdOrderByGrantedAt(record.id());
        CaseAccess.View view = access.read(caller, record, caseShares);
        List<Victim> caseVictims = victims.findByCaseIdOrderByCreatedAt(record.id());
        List<AssistanceEvent> caseAssistance = assistance.findByCaseIdOrderByStartedOnAscCreatedAtAsc(record.id());
        UUID onlyVictim = access.owns(caller, record) ? null
                : access.sharedWith(caller, caseShares).map(CaseShare::victimId).orElse(null);
        if (onlyVictim != null) {
            caseVictims = caseVictims.stream().filter(v -> v.id().equals(onlyVictim)).toList();
            caseAssistance = caseAssistance.stream().filter(a -> onlyVictim.equals(a.details().victimId())).toList();
        }
        return new CaseFile(record, caseVictims, suspects.findByCaseIdOrderByCreatedAt(record.id()),
                proceedings.findByCaseIdOrderByOccurredOnAscCreatedAtAsc(record.id()), caseAssistance,
                access.owns(caller, record) ? caseShares : List.of(), view, access.owns(caller, record));
    }

    private Map<String, Integer> validate(List<CodedField> fields, Map<String, Integer> coding, List<FieldError> ruleErrors) {
        List<FieldError> errors = new ArrayList<>(ruleErrors);
        Map<String, Integer> versions = codes.versions(fields, coding, errors);
        errors.addAll(codes.check(fields, versions));
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Nothing was written: " + errors.size()
                    + " problem(s).", errors);
        }
        return versions;
    }

    private List<FieldError> victimRules(VictimDetails details, CaseAccess.Writer writer, String previousStatus,
                                         Caller caller) {
        List<FieldError> errors = new ArrayList<>(VictimRules.check(details, today()));
        boolean statusChanges = previousStatus != null && !previousStatus.equals(details.status());
        if (statusChanges && !caller.hasRole(CaseAccess.SUPERVISOR)) {
            errors.add(new FieldError("/status", "StatusChangeApprovedBySupervisor",
                    "A case supervisor decides changes of victim status."));
        }
        if ("CERTIFIED".equals(details.status()) && !"CERTIFIED".equals(previousStatus)
                && !writer.sectionsFrom().may("VICTIM_STATUS_CERTIFICATION")) {
            errors.add(new FieldError("/status", "CertifiedOnlyByAuthorizedInstitution",
                    "Institutions of kind " + writer.sectionsFrom().kind() + " do not certify victims."));
        }
        return errors;
    }

    private VictimDetails identifyingDefault(VictimDetails d, CaseAccess.Writer writer) {
        if (d.identifyingInstitution() != null) {
            return d;
        }
        return new VictimDetails(d.victimRef(), d.sex(), d.ageAtExploitation(), d.ageAtIdentification(),
                d.ageRangeMin(), d.ageRangeMax(), d.minor(), d.nationality(), d.residenceCountry(), d.residenceRegion(),
                d.ethnicity(), d.disability(), d.lgbti(), d.socioEconomicLevel(), d.occupation(), d.economicSector(),
                d.migrationStatus(), d.exploitationPrimary(), d.exploitationOther(), d.recruitmentMeans(),
                d.exploitationStart(), d.identificationDate(), writer.actingInstitution(), d.status(),
                d.consentScope(), d.situationNote());
    }

    /** Countries may ship their own ethnicity list ("ethnicity-bra"); others use the generic one. */
    private String ethnicityList(String country) {
        String specific = "ethnicity-" + country.toLowerCase(java.util.Locale.ROOT);
        return referenceData.hasList(specific) ? specific : "ethnicity";
    }

    private String kindOf(String institution) {
        return referenceData.institution(institution).map(InstitutionInfo::kind).orElse(null);
    }

    private Set<UUID> victimIds(UUID caseId) {
        return victims.findByCaseIdOrderByCreatedAt(caseId).stream().map(Victim::id).collect(Collectors.toSet());
    }

    private static Set<UUID> ids(List<Suspect> list) {
        Set<UUID> ids = new HashSet<>();
        list.forEach(s -> ids.add(s.id()));
        return ids;
    }

    private static void requireVersion(Long expected, long actual) {
        if (expected == null) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag you read, so that no one's change is lost.");
        }
        if (expected != actual) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The record was changed since you read it; read it again.");
        }
    }

    private static ProblemException duplicateFileReference() {
        return new ProblemException(ProblemType.CONFLICT, "Your institution already has a case with this file reference.",
                List.of(new FieldError("/fileReference", "FileReferenceUnique", "Use the existing case.")));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
