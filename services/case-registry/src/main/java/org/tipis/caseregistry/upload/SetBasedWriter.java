package org.tipis.caseregistry.upload;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.MDC;
import org.tipis.caseregistry.caserecord.CaseAccess;
import org.tipis.caseregistry.caserecord.CaseDetails;
import org.tipis.caseregistry.caserecord.CaseRecord;
import org.tipis.caseregistry.caserecord.CaseRecordService;
import org.tipis.caseregistry.caserecord.RecordIds;
import org.tipis.caseregistry.caserecord.StatisticalEvents;
import org.tipis.caseregistry.caserecord.VictimDetails;
import org.tipis.caseregistry.feed.Outbox;
import org.tipis.caseregistry.upload.persistence.BatchStore;
import org.tipis.caseregistry.upload.persistence.BatchStore.NewCase;
import org.tipis.caseregistry.upload.persistence.BatchStore.StoredVictim;
import org.tipis.platform.audit.AuditOrigin;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.requestid.RequestId;

/**
 * Writes an upload's valid rows batch by batch, set-based, with the same outcome as the registry's per-row use
 * cases ({@code open}, {@code addVictim}, {@code updateVictim}): the same checks (domain rules on the merged
 * record, status changes by supervisors only, certification by institutions that may certify, codes against the
 * record's code-list versions), the same stored values (stable victim key, identifying institution, derived minor
 * flag, status decision, coding, timestamps, versions) and the same change-feed events in the same order. What
 * differs: one Envers revision per batch instead of one per row, and a victim whose row changes nothing gets no
 * revision, no version and no event. Each {@link #write} runs in the caller's transaction.
 */
final class SetBasedWriter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SetBasedWriter.class);

    private final CaseRecordService cases;
    private final BatchStore store;
    private final Outbox outbox;
    private final Clock clock;
    private final Caller caller;
    private final CaseAccess.Writer writer;
    private final String enteredBy;
    private final String country;
    private final String origin;
    private final String requestId;
    private final boolean stageEvents;
    private final java.util.function.Predicate<UploadRow> elsewhere;
    private final Map<String, String> kinds = new HashMap<>();

    /**
     * A valid victim row of the file and its line. The rows of one line (an NDJSON case with several victims) are
     * written together or not at all: one refused row refuses its line.
     */
    record Row(long line, UploadRow row) {
    }

    /** What one accepted row writes, kept until its whole line is known to be accepted. */
    private record Accepted(long line, NewCase opened, StoredVictim victim, boolean insert, List<Outbox.Pending> events,
                            UploadRow elsewhere) {
    }

    /**
     * What a batch did: rows (lines of the file) applied, changed or already equal; of them the rows that inserted
     * or changed a victim; and rows refused with their problems.
     */
    record Outcome(int written, int changed, Map<Long, List<FieldError>> refused) {
    }

    SetBasedWriter(CaseRecordService cases, BatchStore store, Outbox outbox, Clock clock, Caller caller,
                   CaseAccess.Writer writer, String enteredBy, boolean stageEvents,
                   java.util.function.Predicate<UploadRow> elsewhere) {
        this.cases = cases;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
        this.caller = caller;
        this.writer = writer;
        this.enteredBy = enteredBy;
        this.stageEvents = stageEvents;
        this.elsewhere = elsewhere;
        this.country = caller.country().orElseThrow();
        this.origin = AuditOrigin.current();
        this.requestId = MDC.get(RequestId.MDC_KEY);
    }

    /**
     * Writes a batch in the current transaction. Its events go to the feed (under the feed's ordering lock, held to
     * commit), or when staging, to the transaction's staging table (see {@link Outbox#publishStaged()}).
     */
    Outcome write(List<Row> batch) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        String owner = writer.actingInstitution();
        Map<String, UUID> caseIds = store.cases(owner, List.copyOf(distinct(batch, true)));
        Map<String, StoredVictim> existing = store.victims(owner, List.copyOf(distinct(batch, false)));
        List<Accepted> accepted = new ArrayList<>();
        Map<Long, List<FieldError>> refused = new HashMap<>();
        for (Row r : batch) {
            UploadRow row = r.row();
            UUID caseId = caseIds.get(row.caseRef());
            NewCase opened = null;
            if (caseId == null) {
                CaseRecordService.Checked checked = cases.checkNewCase(row.caseDetails());
                if (!checked.valid()) {
                    refuse(refused, r.line(), checked.errors());
                    continue;
                }
                opened = new NewCase(RecordIds.next(), country, owner, enteredBy,
                        writer.onBehalf() ? CaseRecord.EntryMode.ON_BEHALF : CaseRecord.EntryMode.DIRECT,
                        row.caseDetails(), checked.coding());
                caseId = opened.id();
            }
            StoredVictim current = existing.get(row.victimRef());
            if (current != null && !owner.equals(current.caseOwner())) {
                accepted.add(new Accepted(r.line(), null, null, false, List.of(), row));
                continue;
            }
            StoredVictim after;
            String type;
            if (current == null) {
                VictimDetails recorded = cases.asRecorded(row.victim(), writer);
                CaseRecordService.Checked checked = cases.checkNewVictim(caller, writer, country, recorded);
                if (!checked.valid()) {
                    refuse(refused, r.line(), checked.errors());
                    continue;
                }
                // a new victim: built from a "before" without details, so that its status is a decision now
                after = stored(new StoredVictim(RecordIds.next(), caseId, UUID.randomUUID(), owner, null, null,
                        null, null, null, checked.coding(), 0, owner), recorded, null, now);
                type = "VictimRecorded";
            } else {
                VictimDetails merged = mergeInto(current.details(), row.victim());
                CaseRecordService.Checked checked = cases.checkVictimChange(caller, writer, country, merged,
                        current.coding(), current.details().status());
                if (!checked.valid()) {
                    refuse(refused, r.line(), checked.errors());
                    continue;
                }
                after = stored(current, merged, checked.coding(), now);
                type = sameStoredValues(current, after) ? null : "VictimUpdated";
            }
            List<Outbox.Pending> events = new ArrayList<>(2);
            if (opened != null) {
                caseIds.put(row.caseRef(), opened.id());
                events.add(new Outbox.Pending("CaseOpened", "case", opened.id(), opened.id(), country,
                        StatisticalEvents.caseRecord(opened.id(), country, owner, writer.sectionsFrom().kind(),
                                opened.entryMode(), opened.details(), new java.util.TreeMap<>(opened.coding()))));
            }
            if (type != null) {
                events.add(new Outbox.Pending(type, "victim", after.id(), after.caseId(), country,
                        StatisticalEvents.victim(after.id(), after.victimKey(), after.caseId(), country,
                                after.recordedByInstitution(), after.details(), after.minor(),
                                new java.util.TreeMap<>(after.coding()), kind(after.details().identifyingInstitution()))));
            }
            accepted.add(new Accepted(r.line(), opened, type == null ? null : after, current == null, events, null));
        }
        // a line is written whole: the accepted rows of a line with a refused row are dropped (a case such a line
        // opened is not referenced elsewhere: case references are unique in a file whose lines carry several rows)
        List<NewCase> newCases = new ArrayList<>();
        List<StoredVictim> inserts = new ArrayList<>();
        List<StoredVictim> updates = new ArrayList<>();
        List<Outbox.Pending> events = new ArrayList<>();
        // counted by line: an NDJSON line (a case with several victims) is one row of the file
        java.util.Set<Long> writtenLines = new java.util.HashSet<>();
        java.util.Set<Long> changedLines = new java.util.HashSet<>();
        for (Accepted a : accepted) {
            if (refused.containsKey(a.line())) {
                continue;
            }
            if (a.elsewhere() != null) {
                // a victim the institution recorded in another institution's case (shared with it): the use case
                // checks the share at this moment; a refusal fails the batch, which is then written row by row
                if (elsewhere.test(a.elsewhere())) {
                    changedLines.add(a.line());
                }
            } else {
                if (a.opened() != null) {
                    newCases.add(a.opened());
                }
                if (a.victim() != null) {
                    (a.insert() ? inserts : updates).add(a.victim());
                    changedLines.add(a.line());
                }
                events.addAll(a.events());
            }
            writtenLines.add(a.line());
        }
        long checked = System.nanoTime();
        if (!events.isEmpty()) {
            long rev = store.revision(caller, requestId, origin, now);
            if (!newCases.isEmpty()) {
                store.insertCases(newCases, rev, now);
            }
            if (!inserts.isEmpty()) {
                store.insertVictims(inserts, rev, now);
            }
            store.updateVictims(updates, rev, now);
            long stored = System.nanoTime();
            if (stageEvents) {
                outbox.stage(events);
            } else {
                outbox.recordAll(events);
            }
            if (log.isDebugEnabled()) {
                log.debug("batch of {} rows: read and checked in {} ms, records written in {} ms, {} events in {} ms",
                        batch.size(), (checked - started) / 1_000_000, (stored - checked) / 1_000_000, events.size(),
                        (System.nanoTime() - stored) / 1_000_000);
            }
        }
        return new Outcome(writtenLines.size(), changedLines.size(), refused);
    }

    /**
     * The victim as {@code Victim.apply} leaves it: minor derived from the ages, identifying institution defaulted
     * to the recording one, a changed status decided by the caller now, the given coding (null: keep).
     */
    private StoredVictim stored(StoredVictim before, VictimDetails d, Map<String, Integer> coding, Instant now) {
        String identifying = d.identifyingInstitution() == null ? before.recordedByInstitution()
                : d.identifyingInstitution();
        Boolean minor = d.derivedMinor();
        VictimDetails details = new VictimDetails(d.victimRef(), d.sex(), d.ageAtExploitation(), d.ageAtIdentification(),
                d.ageRangeMin(), d.ageRangeMax(), minor, d.nationality(), d.residenceCountry(), d.residenceRegion(),
                d.ethnicity(), d.disability(), d.lgbti(), d.socioEconomicLevel(), d.occupation(), d.economicSector(),
                d.migrationStatus(), d.exploitationPrimary(), d.exploitationOther(), d.recruitmentMeans(),
                d.exploitationStart(), d.identificationDate(), identifying, d.status(), d.consentScope(),
                d.situationNote());
        boolean statusChanges = !d.status().equals(before.details() == null ? null : before.details().status());
        String decidedBy = before.statusDecidedBy();
        String decidedByInstitution = before.statusDecidedByInstitution();
        Instant decidedAt = before.statusDecidedAt();
        if (statusChanges) {
            decidedBy = caller.username();
            decidedByInstitution = before.recordedByInstitution().equals(d.identifyingInstitution())
                    || d.identifyingInstitution() == null ? before.recordedByInstitution() : d.identifyingInstitution();
            decidedAt = now;
        }
        return new StoredVictim(before.id(), before.caseId(), before.victimKey(), before.recordedByInstitution(),
                details, minor, decidedBy, decidedByInstitution, decidedAt, coding == null ? before.coding() : coding,
                before.version(), before.caseOwner());
    }

    private static boolean sameStoredValues(StoredVictim a, StoredVictim b) {
        return a.details().equals(b.details()) && Objects.equals(a.minor(), b.minor())
                && Objects.equals(a.statusDecidedBy(), b.statusDecidedBy())
                && Objects.equals(a.statusDecidedByInstitution(), b.statusDecidedByInstitution())
                && Objects.equals(a.statusDecidedAt(), b.statusDecidedAt()) && a.coding().equals(b.coding());
    }

    /** The file's columns replace the record's; what the format does not carry stays as recorded. */
    static VictimDetails mergeInto(VictimDetails current, VictimDetails file) {
        return new VictimDetails(file.victimRef(), file.sex(), file.ageAtExploitation(), file.ageAtIdentification(),
                current.ageRangeMin(), current.ageRangeMax(), null, file.nationality(), current.residenceCountry(),
                current.residenceRegion(), current.ethnicity(), current.disability(), current.lgbti(),
                current.socioEconomicLevel(), current.occupation(), current.economicSector(),
                current.migrationStatus(), file.exploitationPrimary(), file.exploitationOther(),
                current.recruitmentMeans(), current.exploitationStart(), file.identificationDate(),
                current.identifyingInstitution(), file.status(), current.consentScope(), current.situationNote());
    }

    private String kind(String institution) {
        return kinds.computeIfAbsent(institution, i -> Optional.ofNullable(cases.institutionKind(i)).orElse(""))
                .transform(k -> k.isEmpty() ? null : k);
    }

    private static LinkedHashSet<String> distinct(List<Row> batch, boolean caseRefs) {
        LinkedHashSet<String> refs = new LinkedHashSet<>();
        batch.forEach(r -> refs.add(caseRefs ? r.row().caseRef() : r.row().victimRef()));
        return refs;
    }

    private static void refuse(Map<Long, List<FieldError>> refused, long line, List<FieldError> errors) {
        refused.merge(line, at(line, errors), (a, b) -> {
            List<FieldError> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        });
    }

    private static List<FieldError> at(long line, List<FieldError> errors) {
        return errors.stream().map(x -> new FieldError("/rows/" + line + "/" + x.pointer().replaceFirst("^/", ""),
                x.code(), x.message(), x.args())).toList();
    }
}
