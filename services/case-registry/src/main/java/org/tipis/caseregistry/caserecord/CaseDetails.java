package org.tipis.caseregistry.caserecord;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What institutions state about a case. Codes are from reference-data lists (complaint-channel,
 * investigation-type, exploitation-form, flow-level, country, transport-mode, area-type, related-offence,
 * case-stage); {@code placeDescription} and {@code legalProvision} are free text, hidden from analysts.
 *
 * @param status OPEN or CLOSED
 */
public record CaseDetails(String fileReference, LocalDate openedOn, String complaintChannel,
                          List<String> investigationTypes, List<String> exploitationForms, String flowLevel,
                          String originCountry, List<String> transitCountries, String destinationCountry,
                          List<String> transportModes, String areaType, List<String> relatedOffences,
                          String placeDescription, String legalProvision, List<UUID> linkedCases, String status,
                          String stage) {

    public CaseDetails {
        investigationTypes = nonNull(investigationTypes);
        exploitationForms = nonNull(exploitationForms);
        transitCountries = nonNull(transitCountries);
        transportModes = nonNull(transportModes);
        relatedOffences = nonNull(relatedOffences);
        linkedCases = linkedCases == null ? List.of() : List.copyOf(linkedCases);
        status = status == null ? "OPEN" : status;
        stage = stage == null ? "COMPLAINT" : stage;
    }

    private static List<String> nonNull(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    List<CodedField> codedFields() {
        return List.of(
                CodedField.of("/complaintChannel", "complaint-channel", complaintChannel),
                CodedField.of("/investigationTypes", "investigation-type", investigationTypes),
                CodedField.of("/exploitationForms", "exploitation-form", exploitationForms),
                CodedField.of("/flowLevel", "flow-level", flowLevel),
                CodedField.of("/originCountry", "country", originCountry),
                CodedField.of("/transitCountries", "country", transitCountries),
                CodedField.of("/destinationCountry", "country", destinationCountry),
                CodedField.of("/transportModes", "transport-mode", transportModes),
                CodedField.of("/areaType", "area-type", areaType),
                CodedField.of("/relatedOffences", "related-offence", relatedOffences),
                CodedField.of("/stage", "case-stage", stage));
    }
}
