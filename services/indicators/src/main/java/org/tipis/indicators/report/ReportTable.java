package org.tipis.indicators.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A report's table: one row per cell of the cube of its dimensions, totals included ({@code _T}), and per row the
 * value of every measure. A suppressed value is {@code null} with status {@code Q}; published ones have {@code A}.
 */
public record ReportTable(String country, ReportQuery.Period period, List<String> measures, List<String> dimensions,
                         Map<String, List<String>> filters, List<Row> rows, Disclosure disclosure,
                         Provenance provenance) {

    public record Row(Map<String, String> key, Map<String, Cell> values) {
    }

    public record Cell(Long value, String status) {

        public static Cell published(long value) {
            return new Cell(value, "A");
        }

        public static final Cell SUPPRESSED = new Cell(null, "Q");
    }

    /** @param k 0 when shown unprotected to the country's approvers */
    public record Disclosure(int k, int suppressedCells, boolean roundedToFive) {
    }

    public record Provenance(long feedPosition, String ruleVersion, Instant computedAt) {
    }

    public ReportTable with(List<Row> changed, Disclosure applied) {
        return new ReportTable(country, period, measures, dimensions, filters, changed, applied, provenance);
    }
}
