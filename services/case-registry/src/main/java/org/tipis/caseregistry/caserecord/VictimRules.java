package org.tipis.caseregistry.caserecord;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.tipis.platform.problem.FieldError;

/**
 * The domain rules on a victim's attributes. Each rule's name is its stable code in problems' {@code errors[]}.
 * No Spring, no I/O: unit-tested directly.
 */
public final class VictimRules {

    private VictimRules() {
    }

    public static List<FieldError> check(VictimDetails v, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        identificationDateNotInFuture(v, today, errors);
        identificationNotBeforeExploitationStart(v, errors);
        ageAtIdentificationNotBelowAgeAtExploitation(v, errors);
        ageRangeOrdered(v, errors);
        minorFlagMatchesAges(v, errors);
        identifiedVictimHasIdentificationDate(v, errors);
        return errors;
    }

    static void identificationDateNotInFuture(VictimDetails v, LocalDate today, List<FieldError> errors) {
        if (v.identificationDate() != null && v.identificationDate().isAfter(today)) {
            errors.add(new FieldError("/identificationDate", "IdentificationDateNotInFuture",
                    "The identification date cannot be in the future."));
        }
        if (v.exploitationStart() != null && v.exploitationStart().isAfter(today)) {
            errors.add(new FieldError("/exploitationStart", "ExploitationStartNotInFuture",
                    "The start of exploitation cannot be in the future."));
        }
    }

    static void identificationNotBeforeExploitationStart(VictimDetails v, List<FieldError> errors) {
        if (v.identificationDate() != null && v.exploitationStart() != null
                && v.identificationDate().isBefore(v.exploitationStart())) {
            errors.add(new FieldError("/identificationDate", "IdentificationNotBeforeExploitationStart",
                    "A victim cannot be identified before the exploitation started."));
        }
    }

    static void ageAtIdentificationNotBelowAgeAtExploitation(VictimDetails v, List<FieldError> errors) {
        if (v.ageAtIdentification() != null && v.ageAtExploitation() != null
                && v.ageAtIdentification() < v.ageAtExploitation()) {
            errors.add(new FieldError("/ageAtIdentification", "AgeAtIdentificationNotBelowAgeAtExploitation",
                    "The age at identification cannot be below the age when the exploitation started."));
        }
    }

    static void ageRangeOrdered(VictimDetails v, List<FieldError> errors) {
        if (v.ageRangeMin() != null && v.ageRangeMax() != null && v.ageRangeMin() > v.ageRangeMax()) {
            errors.add(new FieldError("/ageRangeMax", "AgeRangeOrdered", "The age range's maximum is below its minimum."));
        }
        if (v.ageAtIdentification() != null && (v.ageRangeMin() != null || v.ageRangeMax() != null)) {
            errors.add(new FieldError("/ageRangeMin", "AgeRangeOnlyWhenAgeUnknown",
                    "Give an age range only when the exact age at identification is unknown."));
        }
    }

    static void minorFlagMatchesAges(VictimDetails v, List<FieldError> errors) {
        Boolean derived = v.derivedMinor();
        if (v.minor() != null && derived != null && !Objects.equals(v.minor(), derived)) {
            errors.add(new FieldError("/minor", "MinorFlagMatchesAges",
                    "The minor flag contradicts the age: under 18 at identification is a minor."));
        }
    }

    static void identifiedVictimHasIdentificationDate(VictimDetails v, List<FieldError> errors) {
        if (!"PRESUMED".equals(v.status()) && v.identificationDate() == null) {
            errors.add(new FieldError("/identificationDate", "IdentifiedVictimHasIdentificationDate",
                    "An identified or certified victim needs the date of identification."));
        }
    }
}
