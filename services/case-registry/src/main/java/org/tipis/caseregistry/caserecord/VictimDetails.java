package org.tipis.caseregistry.caserecord;

import java.time.LocalDate;
import java.util.List;

/**
 * A person's role as a victim in a case: statistical attributes (coded) and, apart, two free-text fields
 * ({@code residenceRegion}, {@code situationNote}) that analysts never see. Identity lives elsewhere.
 *
 * @param victimRef            the recording institution's own reference for this victim
 * @param ageRangeMin          lower bound when the exact age is unknown
 * @param minor                optional; when given it must agree with the ages
 * @param status               victim-status code: PRESUMED, IDENTIFIED or CERTIFIED
 * @param identifyingInstitution the institution that identified the victim (defaults to the recording one)
 */
public record VictimDetails(String victimRef, String sex, Integer ageAtExploitation, Integer ageAtIdentification,
                            Integer ageRangeMin, Integer ageRangeMax, Boolean minor, String nationality,
                            String residenceCountry, String residenceRegion, String ethnicity, String disability,
                            String lgbti, String socioEconomicLevel, String occupation, String economicSector,
                            String migrationStatus, String exploitationPrimary, List<String> exploitationOther,
                            List<String> recruitmentMeans, LocalDate exploitationStart, LocalDate identificationDate,
                            String identifyingInstitution, String status, List<String> consentScope,
                            String situationNote) {

    public VictimDetails {
        exploitationOther = exploitationOther == null ? List.of() : List.copyOf(exploitationOther);
        recruitmentMeans = recruitmentMeans == null ? List.of() : List.copyOf(recruitmentMeans);
        consentScope = consentScope == null ? List.of() : List.copyOf(consentScope);
        status = status == null ? "PRESUMED" : status;
    }

    /** The minor flag the ages imply: under 18 at identification, or an age range entirely below or above 18. */
    public Boolean derivedMinor() {
        if (ageAtIdentification != null) {
            return ageAtIdentification < 18;
        }
        if (ageRangeMax != null && ageRangeMax < 18) {
            return true;
        }
        if (ageRangeMin != null && ageRangeMin >= 18) {
            return false;
        }
        return null;
    }

    List<CodedField> codedFields(String ethnicityList) {
        return List.of(
                CodedField.of("/sex", "sex", sex),
                CodedField.of("/nationality", "country", nationality),
                CodedField.of("/residenceCountry", "country", residenceCountry),
                CodedField.of("/ethnicity", ethnicityList, ethnicity),
                CodedField.of("/disability", "disability", disability),
                CodedField.of("/lgbti", "lgbti-self-identification", lgbti),
                CodedField.of("/socioEconomicLevel", "socio-economic-level", socioEconomicLevel),
                CodedField.of("/occupation", "occupation", occupation),
                CodedField.of("/economicSector", "economic-sector", economicSector),
                CodedField.of("/migrationStatus", "migration-status", migrationStatus),
                CodedField.of("/exploitationPrimary", "exploitation-form", exploitationPrimary),
                CodedField.of("/exploitationOther", "exploitation-form", exploitationOther),
                CodedField.of("/recruitmentMeans", "recruitment-means", recruitmentMeans),
                CodedField.of("/status", "victim-status", status),
                CodedField.of("/consentScope", "consent-scope", consentScope));
    }
}
