package org.tipis.caseregistry.caserecord;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface CaseRecordRepository extends JpaRepository<CaseRecord, UUID>, JpaSpecificationExecutor<CaseRecord> {

    Optional<CaseRecord> findByOwningInstitutionAndFileReference(String owningInstitution, String fileReference);
}

interface VictimRepository extends JpaRepository<Victim, UUID> {

    List<Victim> findByCaseIdOrderByCreatedAt(UUID caseId);

    Optional<Victim> findByRecordedByInstitutionAndVictimRef(String institution, String victimRef);

    @org.springframework.data.jpa.repository.Query("""
            select count(v) > 0 from Victim v, CaseRecord c
            where v.caseId = c.id and v.victimKey = :key and c.country = :country""")
    boolean victimKeyKnownIn(UUID key, String country);
}

interface SuspectRepository extends JpaRepository<Suspect, UUID> {

    List<Suspect> findByCaseIdOrderByCreatedAt(UUID caseId);
}

interface ProceedingEventRepository extends JpaRepository<ProceedingEvent, UUID> {

    List<ProceedingEvent> findByCaseIdOrderByOccurredOnAscCreatedAtAsc(UUID caseId);
}

interface AssistanceEventRepository extends JpaRepository<AssistanceEvent, UUID> {

    List<AssistanceEvent> findByCaseIdOrderByStartedOnAscCreatedAtAsc(UUID caseId);
}

interface CaseShareRepository extends JpaRepository<CaseShare, UUID> {

    List<CaseShare> findByCaseIdOrderByGrantedAt(UUID caseId);
}
