package org.tipis.referencedata.codelist;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The external classifications a code can be mapped to, each with the targets it accepts. A mapping to a target
 * outside these sets is refused when a version is published, so every figure computed through a mapping lands on
 * a code that the receiving standard knows.
 */
public enum MappingScheme {
    /** SDMX CL_SEX, as used by the SDG DSD. */
    SDMX_SEX(Set.of("F", "M", "_O", "_U"), null),
    /** SDMX CL_AGE codes used by SDG 16.2.2. */
    SDMX_AGE(Set.of("Y0T17", "Y_GE18"), null),
    /** SDG 16.2.2 series by form of exploitation (IAEG-SDGs CL_SERIES 1.14). */
    SDG_SERIES(Set.of("VC_HTF_DETVSX", "VC_HTF_DETVFL", "VC_HTF_DETVOG", "VC_HTF_DETVOP"), null),
    /** Forms of exploitation as reported in the UNODC Global Report on Trafficking in Persons. */
    GLOTIP_FORM(Set.of("SEXUAL_EXPLOITATION", "FORCED_LABOUR", "FORCED_CRIMINAL_ACTIVITY", "MIXED_EXPLOITATION",
            "FORCED_MARRIAGE", "BEGGING", "BABY_SELLING", "ILLEGAL_ADOPTION", "ORGAN_REMOVAL", "OTHER_PURPOSES"), null),
    /** International Classification of Crime for Statistical Purposes: 0204 trafficking in persons. */
    ICCS(Set.of("0204"), null),
    ISO3166_ALPHA2(null, Pattern.compile("[A-Z]{2}")),
    ISO3166_ALPHA3(null, Pattern.compile("[A-Z]{3}")),
    /** UN M49, three digits. */
    M49(null, Pattern.compile("[0-9]{3}")),
    /** ISIC Rev.4 section letters. */
    ISIC_SECTION(null, Pattern.compile("[A-U]")),
    /** ISCO-08 major groups. */
    ISCO_MAJOR(null, Pattern.compile("[0-9]")),
    /** Sections of a case an institution kind may write: codes of the case-section list. */
    TIPIS_SECTION(null, Pattern.compile("[A-Z][A-Z0-9_]{1,63}"));

    private final Set<String> targets;
    private final Pattern pattern;

    MappingScheme(Set<String> targets, Pattern pattern) {
        this.targets = targets;
        this.pattern = pattern;
    }

    public boolean accepts(String target) {
        if (target == null) {
            return false;
        }
        return targets != null ? targets.contains(target) : pattern.matcher(target).matches();
    }

    public Optional<Set<String>> targets() {
        return Optional.ofNullable(targets);
    }

    public static Optional<MappingScheme> named(String name) {
        for (MappingScheme scheme : values()) {
            if (scheme.name().equals(name)) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }
}
