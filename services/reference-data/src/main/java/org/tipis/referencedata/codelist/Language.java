package org.tipis.referencedata.codelist;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;

/** The four official languages of the OAS, in which every code carries a label. */
public enum Language {
    EN, ES, FR, PT;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Language> fromTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String primary = tag.trim().toLowerCase(Locale.ROOT).split("[-_]")[0];
        for (Language language : values()) {
            if (language.tag().equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code ?lang=} wins and must be one of the four; otherwise the best of {@code Accept-Language}; otherwise
     * English.
     */
    public static Language choose(String lang, String acceptLanguage) {
        if (lang != null && !lang.isBlank()) {
            return fromTag(lang).orElseThrow(() -> new ProblemException(ProblemType.VALIDATION_FAILED,
                    "Labels exist in en, es, fr and pt only.",
                    List.of(new FieldError("/query/lang", "UnsupportedLanguage", "Use en, es, fr or pt."))));
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    Optional<Language> match = fromTag(range.getRange());
                    if (match.isPresent() && range.getWeight() > 0) {
                        return match.get();
                    }
                }
            } catch (IllegalArgumentException malformed) {
                return EN;
            }
        }
        return EN;
    }
}
