package org.tipis.caseregistry.caserecord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The de-identified payloads of the change feed: codes, dates, ages, keys and institution kinds. Never identity
 * fields, never free text (place descriptions, notes, provider names, residence regions, profiles).
 */
public final class StatisticalEvents {

    private StatisticalEvents() {
    }

    static Map<String, Object> caseRecord(CaseRecord c, String owningInstitutionKind) {
        return caseRecord(c.id(), c.country(), c.owningInstitution(), owningInstitutionKind, c.entryMode(), c.details(),
                c.coding());
    }

    /** The payload of CaseOpened/CaseUpdated from a case's values (bulk writers build it without an entity). */
    public static Map<String, Object> caseRecord(java.util.UUID caseId, String country, String owningInstitution,
                                                 String owningInstitutionKind, CaseRecord.EntryMode entryMode,
                                                 CaseDetails d, Map<String, Integer> coding) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("caseId", caseId);
        p.put("country", country);
        p.put("owningInstitution", owningInstitution);
        p.put("owningInstitutionKind", owningInstitutionKind);
        p.put("entryMode", entryMode.name());
        p.put("openedOn", d.openedOn());
        p.put("complaintChannel", d.complaintChannel());
        p.put("investigationTypes", d.investigationTypes());
        p.put("exploitationForms", d.exploitationForms());
        p.put("flowLevel", d.flowLevel());
        p.put("originCountry", d.originCountry());
        p.put("transitCountries", d.transitCountries());
        p.put("destinationCountry", d.destinationCountry());
        p.put("transportModes", d.transportModes());
        p.put("areaType", d.areaType());
        p.put("relatedOffences", d.relatedOffences());
        p.put("status", d.status());
        p.put("stage", d.stage());
        p.put("coding", coding);
        return p;
    }

    static Map<String, Object> victim(CaseRecord c, Victim v, String identifyingInstitutionKind) {
        return victim(v.id(), v.victimKey(), c.id(), c.country(), v.recordedByInstitution(), v.details(), v.minor(),
                v.coding(), identifyingInstitutionKind);
    }

    /**
     * The payload of VictimRecorded/VictimUpdated from a victim's stored values (bulk writers build it without an
     * entity): {@code d} as stored, i.e. with the identifying institution defaulted and {@code minor} derived.
     */
    public static Map<String, Object> victim(java.util.UUID victimId, java.util.UUID victimKey, java.util.UUID caseId,
                                             String country, String recordedByInstitution, VictimDetails d,
                                             Boolean minor, Map<String, Integer> coding,
                                             String identifyingInstitutionKind) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("victimId", victimId);
        p.put("victimKey", victimKey);
        p.put("caseId", caseId);
        p.put("country", country);
        p.put("recordedByInstitution", recordedByInstitution);
        p.put("sex", d.sex());
        p.put("ageAtExploitation", d.ageAtExploitation());
        p.put("ageAtIdentification", d.ageAtIdentification());
        p.put("ageRangeMin", d.ageRangeMin());
        p.put("ageRangeMax", d.ageRangeMax());
        p.put("minor", minor);
        p.put("nationality", d.nationality());
        p.put("residenceCountry", d.residenceCountry());
        p.put("ethnicity", d.ethnicity());
        p.put("disability", d.disability());
        p.put("lgbti", d.lgbti());
        p.put("socioEconomicLevel", d.socioEconomicLevel());
        p.put("occupation", d.occupation());
        p.put("economicSector", d.economicSector());
        p.put("migrationStatus", d.migrationStatus());
        p.put("exploitationPrimary", d.exploitationPrimary());
        p.put("exploitationOther", d.exploitationOther());
        p.put("recruitmentMeans", d.recruitmentMeans());
        p.put("exploitationStart", d.exploitationStart());
        p.put("identificationDate", d.identificationDate());
        p.put("identifyingInstitution", d.identifyingInstitution());
        p.put("identifyingInstitutionKind", identifyingInstitutionKind);
        p.put("status", d.status());
        p.put("consentScope", d.consentScope());
        p.put("coding", coding);
        return p;
    }

    static Map<String, Object> suspect(CaseRecord c, Suspect s) {
        SuspectDetails d = s.details();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("suspectId", s.id());
        p.put("caseId", c.id());
        p.put("country", c.country());
        p.put("sex", d.sex());
        p.put("age", d.age());
        p.put("nationality", d.nationality());
        p.put("role", d.role());
        p.put("organizationType", d.organizationType());
        p.put("modusOperandi", d.modusOperandi());
        p.put("coding", s.coding());
        return p;
    }

    static Map<String, Object> proceeding(CaseRecord c, ProceedingEvent e, String institutionKind, Object victimKey) {
        ProceedingDetails d = e.details();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("proceedingId", e.id());
        p.put("caseId", c.id());
        p.put("country", c.country());
        p.put("type", d.type());
        p.put("occurredOn", d.occurredOn());
        p.put("institution", e.institution());
        p.put("institutionKind", institutionKind);
        p.put("suspectId", d.suspectId());
        p.put("victimKey", victimKey);
        p.put("outcome", d.outcome());
        p.put("sentenceMonths", d.sentenceMonths());
        p.put("amount", d.amount());
        p.put("currency", d.currency());
        p.put("coding", e.coding());
        return p;
    }

    static Map<String, Object> assistance(CaseRecord c, AssistanceEvent e, String institutionKind, Object victimKey) {
        AssistanceDetails d = e.details();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("assistanceId", e.id());
        p.put("caseId", c.id());
        p.put("country", c.country());
        p.put("victimKey", victimKey);
        p.put("type", d.type());
        p.put("institution", e.institution());
        p.put("institutionKind", institutionKind);
        p.put("shelterProvider", d.shelterProvider());
        p.put("shelterType", d.shelterType());
        p.put("womenOnly", d.womenOnly());
        p.put("withChildren", d.withChildren());
        p.put("startedOn", d.startedOn());
        p.put("endedOn", d.endedOn());
        p.put("riskLevel", d.riskLevel());
        p.put("coding", e.coding());
        return p;
    }
}
