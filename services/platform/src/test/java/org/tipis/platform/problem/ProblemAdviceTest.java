package org.tipis.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;

/** Messages of errors in the caller's language, as the services configure messages (always MessageFormat). */
class ProblemAdviceTest {

    private final StaticMessageSource messages = new StaticMessageSource();
    private final ProblemAdvice advice = new ProblemAdvice(messages);

    ProblemAdviceTest() {
        messages.setAlwaysUseMessageFormat(true);
        messages.addMessage("problem.CodeUnknown", Locale.of("es"), "''{0}'' no es un código de la lista {1}.");
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void messagesAreTranslatedWhereATranslationExistsAndOtherwiseKeptAsTheyAreEvenWhenTheyLookLikePatterns() {
        LocaleContextHolder.setLocale(Locale.of("es"));

        List<FieldError> localized = advice.localized(List.of(
                FieldError.withArgs("/sex", "CodeUnknown", "'a'{b' is not a code of sex.", "a'{b", "sex"),
                new FieldError("/x", "NotTranslated", "'a'{b' is not what this field takes.")));

        assertThat(localized).extracting(FieldError::message).containsExactly(
                "'a'{b' no es un código de la lista sex.", "'a'{b' is not what this field takes.");
    }
}
