package org.tipis.caseregistry.caserecord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tipis.platform.problem.FieldError;

class VictimRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    private static VictimDetails victim(Integer ageAtExploitation, Integer ageAtIdentification, Integer rangeMin,
                                        Integer rangeMax, Boolean minor, LocalDate start, LocalDate identified,
                                        String status) {
        return new VictimDetails(null, "F", ageAtExploitation, ageAtIdentification, rangeMin, rangeMax, minor, null,
                null, null, null, null, null, null, null, null, null, "SEXUAL", null, null, start, identified, null,
                status, null, null);
    }

    private static List<String> codes(VictimDetails v) {
        return VictimRules.check(v, TODAY).stream().map(FieldError::code).toList();
    }

    @Test
    void aConsistentMinorPasses() {
        VictimDetails v = victim(14, 16, null, null, true, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 1),
                "IDENTIFIED");

        assertThat(codes(v)).isEmpty();
        assertThat(v.derivedMinor()).isTrue();
    }

    @Test
    void identificationCannotBeInTheFutureNorBeforeTheExploitation() {
        assertThat(codes(victim(null, 20, null, null, null, null, TODAY.plusDays(1), "IDENTIFIED")))
                .containsExactly("IdentificationDateNotInFuture");
        assertThat(codes(victim(null, 20, null, null, null, LocalDate.of(2024, 5, 1), LocalDate.of(2024, 4, 1),
                "IDENTIFIED"))).containsExactly("IdentificationNotBeforeExploitationStart");
    }

    @Test
    void theAgeAtIdentificationIsNotBelowTheAgeAtExploitation() {
        assertThat(codes(victim(17, 15, null, null, null, null, null, "PRESUMED")))
                .containsExactly("AgeAtIdentificationNotBelowAgeAtExploitation");
    }

    @Test
    void theMinorFlagFollowsTheAgeAtIdentificationOrTheRange() {
        assertThat(codes(victim(null, 17, null, null, false, null, null, "PRESUMED")))
                .containsExactly("MinorFlagMatchesAges");
        assertThat(victim(null, 18, null, null, null, null, null, "PRESUMED").derivedMinor()).isFalse();
        assertThat(victim(null, null, 12, 15, null, null, null, "PRESUMED").derivedMinor()).isTrue();
        assertThat(victim(null, null, 18, 25, null, null, null, "PRESUMED").derivedMinor()).isFalse();
        assertThat(victim(null, null, 15, 20, null, null, null, "PRESUMED").derivedMinor())
                .as("a range across 18 leaves it unknown").isNull();
        assertThat(codes(victim(null, null, 15, 20, true, null, null, "PRESUMED"))).isEmpty();
    }

    @Test
    void rangesAreOrderedAndOnlyForUnknownAges() {
        assertThat(codes(victim(null, null, 30, 20, null, null, null, "PRESUMED"))).containsExactly("AgeRangeOrdered");
        assertThat(codes(victim(null, 20, 18, 25, null, null, null, "PRESUMED")))
                .containsExactly("AgeRangeOnlyWhenAgeUnknown");
    }

    @Test
    void anIdentifiedVictimHasAnIdentificationDate() {
        assertThat(codes(victim(null, 20, null, null, null, null, null, "IDENTIFIED")))
                .containsExactly("IdentifiedVictimHasIdentificationDate");
        assertThat(codes(victim(null, 20, null, null, null, null, null, "PRESUMED"))).isEmpty();
    }
}
