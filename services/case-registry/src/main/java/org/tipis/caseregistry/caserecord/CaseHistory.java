package org.tipis.caseregistry.caserecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.hibernate.envers.AuditReader;
import org.hibernate.envers.AuditReaderFactory;
import org.hibernate.envers.RevisionType;
import org.hibernate.envers.query.AuditEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipis.caseregistry.audit.AccessLog;
import org.tipis.platform.audit.AuditRevision;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.ProblemException;

/**
 * Every revision of a case and of what was recorded in it: when, what kind of change, by whom, from which
 * institution and country, in which request and through which client. Values are not repeated here.
 */
@Service
public class CaseHistory {

    public record Entry(long revision, Instant at, String entity, UUID entityId, String change, String username,
                        String institution, String country, String requestId, String client, String origin) {
    }

    private final EntityManager entityManager;
    private final CaseRecordRepository cases;
    private final AccessLog accessLog;

    CaseHistory(EntityManager entityManager, CaseRecordRepository cases, AccessLog accessLog) {
        this.entityManager = entityManager;
        this.cases = cases;
        this.accessLog = accessLog;
    }

    /** For auditors of the case's country and supervisors of its owning institution. */
    @Transactional
    public List<Entry> of(Caller caller, UUID caseId) {
        if (!caller.hasAnyRole(CaseAccess.AUDITOR, CaseAccess.SUPERVISOR)) {
            throw ProblemException.forbidden("Only auditors and case supervisors read the history.");
        }
        CaseRecord record = cases.findById(caseId).orElse(null);
        boolean allowed = record != null && caller.country().filter(record.country()::equals).isPresent()
                && (caller.hasRole(CaseAccess.AUDITOR)
                || caller.institution().filter(record.owningInstitution()::equals).isPresent());
        if (!allowed) {
            accessLog.denied(caller, "READ_HISTORY", "case", caseId, null);
            throw ProblemException.notFound("There is no case " + caseId + ".");
        }
        accessLog.allowed(caller, "READ_HISTORY", "case", caseId, null);
        AuditReader reader = AuditReaderFactory.get(entityManager);
        List<Entry> entries = new ArrayList<>();
        collect(reader, CaseRecord.class, AuditEntity.id().eq(caseId), "case", entries);
        collect(reader, Victim.class, AuditEntity.property("caseId").eq(caseId), "victim", entries);
        collect(reader, Suspect.class, AuditEntity.property("caseId").eq(caseId), "suspect", entries);
        collect(reader, ProceedingEvent.class, AuditEntity.property("caseId").eq(caseId), "proceeding", entries);
        collect(reader, AssistanceEvent.class, AuditEntity.property("caseId").eq(caseId), "assistance", entries);
        collect(reader, CaseShare.class, AuditEntity.property("caseId").eq(caseId), "share", entries);
        entries.sort(Comparator.comparingLong(Entry::revision).thenComparing(Entry::entity));
        return entries;
    }

    private static void collect(AuditReader reader, Class<?> type, org.hibernate.envers.query.criteria.AuditCriterion where,
                                String name, List<Entry> entries) {
        List<?> rows = reader.createQuery().forRevisionsOfEntity(type, false, true).add(where).getResultList();
        for (Object row : rows) {
            Object[] triple = (Object[]) row;
            AuditRevision revision = (AuditRevision) triple[1];
            entries.add(new Entry(revision.id(), Instant.ofEpochMilli(revision.timestamp()), name, idOf(triple[0]),
                    ((RevisionType) triple[2]).name(), revision.username(), revision.institution(), revision.country(),
                    revision.requestId(), revision.client(), revision.origin()));
        }
    }

    private static UUID idOf(Object entity) {
        return switch (entity) {
            case CaseRecord c -> c.id();
            case Victim v -> v.id();
            case Suspect s -> s.id();
            case ProceedingEvent p -> p.id();
            case AssistanceEvent a -> a.id();
            case CaseShare s -> s.id();
            default -> null;
        };
    }
}
