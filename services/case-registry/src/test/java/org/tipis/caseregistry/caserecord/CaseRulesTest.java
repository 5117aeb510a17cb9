package org.tipis.caseregistry.caserecord;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tipis.platform.problem.FieldError;

class CaseRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private static final UUID SUSPECT = UUID.randomUUID();

    private static java.util.List<String> proceeding(ProceedingDetails p, Set<UUID> charged) {
        return CaseRules.checkProceeding(p, TODAY, Set.of(SUSPECT), Set.of(), charged).stream()
                .map(FieldError::code).toList();
    }

    @Test
    void aJudgmentNeedsAnEarlierChargeAndAnOutcome() {
        ProceedingDetails judgment = new ProceedingDetails("JUDGMENT", TODAY, SUSPECT, null, "CONVICTION", null, null,
                null, null);

        assertThat(proceeding(judgment, Set.of())).containsExactly("JudgmentOnlyAfterCharge");
        assertThat(proceeding(judgment, Set.of(SUSPECT))).isEmpty();
        assertThat(proceeding(new ProceedingDetails("JUDGMENT", TODAY, SUSPECT, null, null, null, null, null, null),
                Set.of(SUSPECT))).containsExactly("JudgmentHasOutcome");
    }

    @Test
    void actsAreNotInTheFutureAndConcernThisCase() {
        assertThat(proceeding(new ProceedingDetails("ARREST", TODAY.plusDays(1), UUID.randomUUID(), null, null, null,
                null, null, null), Set.of())).containsExactly("OccurredOnNotInFuture", "SuspectBelongsToCase");
    }

    @Test
    void amountsNeedACurrencyAndCompensationAVictim() {
        assertThat(proceeding(new ProceedingDetails("COMPENSATION", TODAY, null, null, null, null,
                new BigDecimal("1000"), null, null), Set.of())).containsExactly("CurrencyRequired", "VictimRequired");
    }

    @Test
    void anAmountFitsItsColumnWithoutRounding() {
        UUID victim = UUID.randomUUID();
        java.util.function.Function<String, java.util.List<String>> amount = a -> CaseRules.checkProceeding(
                new ProceedingDetails("COMPENSATION", TODAY, null, victim, null, null, new BigDecimal(a), "USD", null),
                TODAY, Set.of(), Set.of(victim), Set.of()).stream().map(FieldError::code).toList();
        assertThat(amount.apply("9999999999999999.99")).isEmpty();
        assertThat(amount.apply("1500.50")).isEmpty();
        assertThat(amount.apply("1500.500")).as("trailing zeros are not more precision").isEmpty();
        assertThat(amount.apply("10000000000000000")).containsExactly("AmountFormat");
        assertThat(amount.apply("1e20")).containsExactly("AmountFormat");
        assertThat(amount.apply("0.001")).containsExactly("AmountFormat");
    }

    @Test
    void shelterAttributesOnlyForShelterAndEndsAfterStarts() {
        UUID victim = UUID.randomUUID();
        AssistanceDetails medical = new AssistanceDetails(victim, "MEDICAL", null, "STATE", null, null, null,
                TODAY.minusDays(3), TODAY.minusDays(5), null, null);

        assertThat(CaseRules.checkAssistance(medical, TODAY, Set.of(victim))).extracting(FieldError::code)
                .containsExactly("EndNotBeforeStart", "ShelterAttributesOnlyForShelter");
    }

    @Test
    void aCaseHasAReferenceAndAnOpeningDateNotInTheFuture() {
        CaseDetails empty = new CaseDetails(" ", TODAY.plusDays(2), null, null, null, null, null, null, null, null,
                null, null, null, null, null, "MAYBE", null);

        assertThat(CaseRules.checkCase(empty, TODAY)).extracting(FieldError::code)
                .containsExactly("FileReferenceRequired", "OpenedOnNotInFuture", "StatusUnknown");
    }
}
