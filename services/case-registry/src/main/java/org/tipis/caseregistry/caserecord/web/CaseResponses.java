package org.tipis.caseregistry.caserecord.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tipis.caseregistry.caserecord.AssistanceDetails;
import org.tipis.caseregistry.caserecord.AssistanceEvent;
import org.tipis.caseregistry.caserecord.CaseAccess;
import org.tipis.caseregistry.caserecord.CaseDetails;
import org.tipis.caseregistry.caserecord.CaseFile;
import org.tipis.caseregistry.caserecord.CaseRecord;
import org.tipis.caseregistry.caserecord.CaseShare;
import org.tipis.caseregistry.caserecord.ProceedingDetails;
import org.tipis.caseregistry.caserecord.ProceedingEvent;
import org.tipis.caseregistry.caserecord.Suspect;
import org.tipis.caseregistry.caserecord.SuspectDetails;
import org.tipis.caseregistry.caserecord.Victim;
import org.tipis.caseregistry.caserecord.VictimDetails;

/**
 * What the case endpoints answer. For the statistical view (national analysts) every free-text field is left out
 * and {@code redacted} is true; identities are never part of these responses.
 */
final class CaseResponses {

    private CaseResponses() {
    }

    record CaseResponse(UUID id, String country, String owningInstitution, String enteredByInstitution,
                        String entryMode, String fileReference, LocalDate openedOn, String complaintChannel,
                        List<String> investigationTypes, List<String> exploitationForms, String flowLevel,
                        String originCountry, List<String> transitCountries, String destinationCountry,
                        List<String> transportModes, String areaType, List<String> relatedOffences,
                        String placeDescription, String legalProvision, List<UUID> linkedCases, String status,
                        String stage, Map<String, Integer> coding, boolean redacted, long version,
                        Instant createdAt, Instant updatedAt, List<VictimResponse> victims,
                        List<SuspectResponse> suspects, List<ProceedingResponse> proceedings,
                        List<AssistanceResponse> assistance, List<ShareResponse> shares) {

        static CaseResponse of(CaseFile file) {
            CaseRecord r = file.record();
            CaseDetails d = r.details();
            boolean redact = file.view() == CaseAccess.View.STATISTICAL;
            return new CaseResponse(r.id(), r.country(), r.owningInstitution(), r.enteredByInstitution(),
                    r.entryMode().name(), d.fileReference(), d.openedOn(), d.complaintChannel(),
                    d.investigationTypes(), d.exploitationForms(), d.flowLevel(), d.originCountry(),
                    d.transitCountries(), d.destinationCountry(), d.transportModes(), d.areaType(),
                    d.relatedOffences(), redact ? null : d.placeDescription(), d.legalProvision(), d.linkedCases(),
                    d.status(), d.stage(), r.coding(), redact, r.version(), r.createdAt(), r.updatedAt(),
                    file.victims().stream().map(v -> VictimResponse.of(v, redact)).toList(),
                    file.suspects().stream().map(s -> SuspectResponse.of(s, redact)).toList(),
                    file.proceedings().stream().map(p -> ProceedingResponse.of(p, redact)).toList(),
                    file.assistance().stream().map(a -> AssistanceResponse.of(a, redact)).toList(),
                    file.shares().stream().map(ShareResponse::of).toList());
        }
    }

    record CaseSummary(UUID id, String owningInstitution, String fileReference, LocalDate openedOn, String status,
                       String stage, List<String> exploitationForms, Instant updatedAt) {

        static CaseSummary of(CaseRecord r) {
            CaseDetails d = r.details();
            return new CaseSummary(r.id(), r.owningInstitution(), d.fileReference(), d.openedOn(), d.status(),
                    d.stage(), d.exploitationForms(), r.updatedAt());
        }
    }

    record CasePage(List<CaseSummary> items, int page, int size, long totalItems, int totalPages) {
    }

    record VictimResponse(UUID id, UUID victimKey, String victimRef, String recordedByInstitution, String sex,
                          Integer ageAtExploitation, Integer ageAtIdentification, Integer ageRangeMin,
                          Integer ageRangeMax, Boolean minor, String nationality, String residenceCountry,
                          String residenceRegion, String ethnicity, String disability, String lgbti,
                          String socioEconomicLevel, String occupation, String economicSector, String migrationStatus,
                          String exploitationPrimary, List<String> exploitationOther, List<String> recruitmentMeans,
                          LocalDate exploitationStart, LocalDate identificationDate, String identifyingInstitution,
                          String status, String statusDecidedBy, String statusDecidedByInstitution,
                          Instant statusDecidedAt, List<String> consentScope, String situationNote,
                          Map<String, Integer> coding, long version) {

        static VictimResponse of(Victim v, boolean redact) {
            VictimDetails d = v.details();
            return new VictimResponse(v.id(), v.victimKey(), d.victimRef(), v.recordedByInstitution(), d.sex(),
                    d.ageAtExploitation(), d.ageAtIdentification(), d.ageRangeMin(), d.ageRangeMax(), v.minor(),
                    d.nationality(), d.residenceCountry(), redact ? null : d.residenceRegion(), d.ethnicity(),
                    d.disability(), d.lgbti(), d.socioEconomicLevel(), d.occupation(), d.economicSector(),
                    d.migrationStatus(), d.exploitationPrimary(), d.exploitationOther(), d.recruitmentMeans(),
                    d.exploitationStart(), d.identificationDate(), d.identifyingInstitution(), d.status(),
                    redact ? null : v.statusDecidedBy(), v.statusDecidedByInstitution(), v.statusDecidedAt(),
                    d.consentScope(), redact ? null : d.situationNote(), v.coding(), v.version());
        }
    }

    record SuspectResponse(UUID id, String recordedByInstitution, String sex, Integer age, String nationality,
                           String role, String organizationType, List<String> modusOperandi, String profileNote,
                           Map<String, Integer> coding, long version) {

        static SuspectResponse of(Suspect s, boolean redact) {
            SuspectDetails d = s.details();
            return new SuspectResponse(s.id(), s.recordedByInstitution(), d.sex(), d.age(), d.nationality(), d.role(),
                    d.organizationType(), d.modusOperandi(), redact ? null : d.profileNote(), s.coding(), s.version());
        }
    }

    record ProceedingResponse(UUID id, String type, LocalDate occurredOn, String institution, UUID suspectId,
                              UUID victimId, String outcome, Integer sentenceMonths, BigDecimal amount,
                              String currency, String note, Map<String, Integer> coding) {

        static ProceedingResponse of(ProceedingEvent e, boolean redact) {
            ProceedingDetails d = e.details();
            return new ProceedingResponse(e.id(), d.type(), d.occurredOn(), e.institution(), d.suspectId(),
                    d.victimId(), d.outcome(), d.sentenceMonths(), d.amount(), d.currency(),
                    redact ? null : d.note(), e.coding());
        }
    }

    record AssistanceResponse(UUID id, UUID victimId, String type, String institution, String providerName,
                              String shelterProvider, String shelterType, Boolean womenOnly, Boolean withChildren,
                              LocalDate startedOn, LocalDate endedOn, String riskLevel, String note,
                              Map<String, Integer> coding) {

        static AssistanceResponse of(AssistanceEvent e, boolean redact) {
            AssistanceDetails d = e.details();
            return new AssistanceResponse(e.id(), d.victimId(), d.type(), e.institution(),
                    redact ? null : d.providerName(), d.shelterProvider(), d.shelterType(), d.womenOnly(),
                    d.withChildren(), d.startedOn(), d.endedOn(), d.riskLevel(), redact ? null : d.note(), e.coding());
        }
    }

    record ShareResponse(UUID id, String institution, UUID victimId, String rights, String reason, String grantedBy,
                         Instant grantedAt, String revokedBy, Instant revokedAt, boolean active) {

        static ShareResponse of(CaseShare s) {
            return new ShareResponse(s.id(), s.institution(), s.victimId(), s.rights().name(), s.reason(),
                    s.grantedBy(), s.grantedAt(), s.revokedBy(), s.revokedAt(), s.active());
        }
    }

    record ShareRequest(String institution, UUID victimId, CaseShare.Rights rights, String reason) {
    }
}
