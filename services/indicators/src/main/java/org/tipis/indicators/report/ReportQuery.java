package org.tipis.indicators.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A dynamic report: what to count ({@code measures}), what to break it down by ({@code dimensions}), which units
 * to keep ({@code filters}: dimension → accepted codes) and the period of the reference date. {@code preset} names a
 * built-in layout (GLOTIP tables, attrition) whose parts the other fields may override.
 *
 * @param audience {@code public} applies the public threshold k (11 by default) even for the country's approvers
 */
public record ReportQuery(String preset, String country, List<String> measures, List<String> dimensions,
                          Map<String, List<String>> filters, Period period, Boolean roundToFive, String audience) {

    public record Period(LocalDate from, LocalDate to) {
    }

    public static final Map<String, ReportQuery> PRESETS = Map.of(
            "glotip-victims", new ReportQuery(null, null, List.of("victims"),
                    List.of("exploitationForm", "sex", "ageGroup"), Map.of("victimStatus", List.of("IDENTIFIED", "CERTIFIED")),
                    null, null, null),
            "glotip-victims-citizenship", new ReportQuery(null, null, List.of("victims"),
                    List.of("nationality", "sex", "ageGroup"), Map.of("victimStatus", List.of("IDENTIFIED", "CERTIFIED")),
                    null, null, null),
            "glotip-persons", new ReportQuery(null, null, List.of("suspects", "prosecuted", "convicted"),
                    List.of("sex", "ageGroup"), Map.of(), null, null, null),
            "glotip-persons-citizenship", new ReportQuery(null, null, List.of("suspects", "prosecuted", "convicted"),
                    List.of("nationality", "sex"), Map.of(), null, null, null),
            "attrition", new ReportQuery(null, null, List.of("cases", "casesCharged", "casesConvicted"),
                    List.of("year"), Map.of(), null, null, null));

    /** This query with the preset's parts filled in where the query leaves them out. */
    public ReportQuery withPreset(ReportQuery base) {
        return new ReportQuery(preset, country, measures == null || measures.isEmpty() ? base.measures : measures,
                dimensions == null ? base.dimensions : dimensions, filters == null ? base.filters : filters, period,
                roundToFive, audience);
    }

    public boolean rounded() {
        return Boolean.TRUE.equals(roundToFive);
    }

    public boolean forPublic() {
        return "public".equalsIgnoreCase(audience);
    }
}
