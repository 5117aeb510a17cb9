package org.tipis.indicators.approval;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tipis.indicators.indicator.Sdg1622;
import org.tipis.indicators.report.ReportTable;

/**
 * Approved national figures, frozen. A correction is a new version with its reason and its difference.
 * {@code tables} are the GLOTIP-style report tables of the year frozen with the figures (preset name → table).
 */
public record Snapshot(UUID id, String country, int year, int version, String approvedBy, Instant approvedAt,
                       String reason, Sdg1622.Table figures, List<Change> changes, Map<String, ReportTable> tables) {

    public Snapshot {
        tables = tables == null ? Map.of() : tables;
    }

    /** An observation whose value changed from the previous version. */
    public record Change(String series, String sex, String age, java.math.BigDecimal before, java.math.BigDecimal after) {
    }

    public Snapshot withFigures(Sdg1622.Table shown, Map<String, ReportTable> shownTables) {
        return new Snapshot(id, country, year, version, approvedBy, approvedAt, reason, shown, changes, shownTables);
    }
}
