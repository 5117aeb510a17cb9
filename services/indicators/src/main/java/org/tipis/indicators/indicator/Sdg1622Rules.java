package org.tipis.indicators.indicator;

import java.util.List;

/**
 * The counting rules of SDG indicator 16.2.2 in TIPIS, and the only place they are written in code (the prose is
 * {@code docs/methodology/sdg-16-2-2.md}). Version them: each figure names the version it was computed with.
 */
public final class Sdg1622Rules {

    public static final String VERSION = "sdg-16-2-2/1";

    public static final String TOTAL = "VC_HTF_DETV";
    public static final List<String> FORMS = List.of("VC_HTF_DETVSX", "VC_HTF_DETVFL", "VC_HTF_DETVOG", "VC_HTF_DETVOP");
    public static final String DISTRIBUTION = "VC_VAW_DIST";
    public static final List<String> SEXES = List.of("_T", "F", "M");
    public static final List<String> AGES = List.of("_T", "Y0T17", "Y_GE18");
    /** Only identified and certified victims are detected victims; presumed victims are reported apart. */
    public static final List<String> DETECTED_STATUSES = List.of("IDENTIFIED", "CERTIFIED");

    private Sdg1622Rules() {
    }

    /** F or M through the sex list's SDMX mapping; anything else (other, unknown, missing) counts in _T only. */
    public static String sex(String sdmx) {
        return "F".equals(sdmx) || "M".equals(sdmx) ? sdmx : null;
    }

    /**
     * Y0T17 under 18 at identification, Y_GE18 from 18; when the exact age is unknown, the registry's minor flag
     * (derived from an age range entirely below or above 18); otherwise unknown, counted in _T only.
     */
    public static String age(Integer ageAtIdentification, Boolean minor) {
        if (ageAtIdentification != null) {
            return ageAtIdentification < 18 ? "Y0T17" : "Y_GE18";
        }
        if (minor != null) {
            return minor ? "Y0T17" : "Y_GE18";
        }
        return null;
    }

    /** The rate series of a count series. */
    public static String rate(String series) {
        return series + "R";
    }

    public static double perHundredThousand(long count, long population) {
        return count * 100_000.0 / population;
    }
}
