package org.tipis.indicators.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.tipis.indicators.approval.Snapshot;
import org.tipis.indicators.indicator.Sdg1622;
import org.tipis.indicators.indicator.Sdg1622Rules;
import org.tipis.indicators.report.ReportCatalog;
import org.tipis.indicators.report.ReportFiles;
import org.tipis.indicators.report.ReportTable;

/**
 * An approved snapshot as a workbook laid out like the tables of the UNODC Global Report on Trafficking in Persons
 * questionnaire: detected victims by form of exploitation, sex and age (girls, women, boys, men), victims by
 * citizenship, persons suspected, prosecuted and convicted by sex, age and citizenship, and criminal-justice
 * attrition. Values are those the caller may see: suppressed cells read {@code Q}, as in SDMX.
 */
public final class GlotipWorkbook {

    /** GLOTIP's columns: total, then girls, women, boys, men, then the sex and age totals. */
    static final List<String[]> SEX_AGE = List.of(new String[] {"_T", "_T", "Total"},
            new String[] {"F", "Y0T17", "Girls (under 18)"}, new String[] {"F", "Y_GE18", "Women (18 and over)"},
            new String[] {"M", "Y0T17", "Boys (under 18)"}, new String[] {"M", "Y_GE18", "Men (18 and over)"},
            new String[] {"F", "_T", "Females, all ages"}, new String[] {"M", "_T", "Males, all ages"},
            new String[] {"_T", "Y0T17", "Children, both sexes"}, new String[] {"_T", "Y_GE18", "Adults, both sexes"});

    static final Map<String, String> SERIES = Map.of(Sdg1622Rules.TOTAL, "All forms of exploitation",
            "VC_HTF_DETVSX", "Sexual exploitation", "VC_HTF_DETVFL", "Forced labour, servitude and slavery",
            "VC_HTF_DETVOG", "Removal of organs", "VC_HTF_DETVOP", "Other purposes");

    private GlotipWorkbook() {
    }

    public static byte[] of(Snapshot snapshot) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            CellStyle bold = ReportFiles.bold(workbook);
            about(workbook.createSheet("About"), bold, snapshot);
            victimsByForm(workbook.createSheet("1 Victims by form"), bold, snapshot.figures());
            Map<String, ReportTable> tables = snapshot.tables();
            pivot(workbook.createSheet("2 Victims by detailed form"), bold, tables.get("glotip-victims"),
                    "Detected victims by detailed form of exploitation, sex and age", "exploitationForm");
            pivot(workbook.createSheet("3 Victims by citizenship"), bold, tables.get("glotip-victims-citizenship"),
                    "Detected victims by citizenship, sex and age", "nationality");
            pivot(workbook.createSheet("4 Persons by sex and age"), bold, tables.get("glotip-persons"),
                    "Persons suspected, prosecuted and convicted, by sex and age", null);
            pivot(workbook.createSheet("5 Persons by citizenship"), bold, tables.get("glotip-persons-citizenship"),
                    "Persons suspected, prosecuted and convicted, by citizenship and sex", "nationality");
            pivot(workbook.createSheet("6 Attrition"), bold, tables.get("attrition"),
                    "Criminal-justice attrition: cases opened, of which someone was charged, and convicted", "year");
            return ReportFiles.bytes(workbook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void about(Sheet sheet, CellStyle bold, Snapshot snapshot) {
        Sdg1622.Table figures = snapshot.figures();
        Sdg1622.Disclosure disclosure = figures.disclosure();
        String[][] lines = {
                {"Trafficking in persons: questionnaire tables (UNODC GLOTIP layout)", ""},
                {"Country", snapshot.country()}, {"Year", String.valueOf(snapshot.year())},
                {"Approved snapshot version", String.valueOf(snapshot.version())},
                {"Approved by", snapshot.approvedBy()}, {"Approved at", String.valueOf(snapshot.approvedAt())},
                {"Correction reason", snapshot.reason() == null ? "" : snapshot.reason()},
                {"Counting rules", figures.provenance().ruleVersion() + " (docs/methodology/sdg-16-2-2.md, reports.md)"},
                {"Change-feed position", String.valueOf(figures.provenance().feedPosition())},
                {"Population version", String.valueOf(figures.provenance().populationVersion())},
                {"Disclosure control", disclosure == null || disclosure.k() <= 1 ? "none (exact figures)"
                        : "counts of 1 to " + (disclosure.k() - 1) + " persons suppressed with their complements"},
                {"Q", "value suppressed by disclosure control"}, {"UNKNOWN", "not recorded"},
                {"Tables 2 to 6", snapshot.tables().isEmpty() ? "not frozen with this snapshot (approved before "
                        + "TIPIS froze report tables); approve a new version to add them" : "frozen with the snapshot"}};
        for (int i = 0; i < lines.length; i++) {
            Row row = sheet.createRow(i);
            ReportFiles.text(row, 0, lines[i][0], i == 0 ? bold : null);
            ReportFiles.text(row, 1, lines[i][1], null);
        }
    }

    private static void victimsByForm(Sheet sheet, CellStyle bold, Sdg1622.Table figures) {
        ReportFiles.text(sheet.createRow(0), 0, "Detected victims by form of exploitation, sex and age (SDG 16.2.2)", bold);
        Row head = sheet.createRow(1);
        ReportFiles.text(head, 0, "Form of exploitation", bold);
        for (int c = 0; c < SEX_AGE.size(); c++) {
            ReportFiles.text(head, c + 1, SEX_AGE.get(c)[2], bold);
        }
        List<String> series = new ArrayList<>();
        series.add(Sdg1622Rules.TOTAL);
        series.addAll(Sdg1622Rules.FORMS);
        int r = 2;
        for (String s : series) {
            Row row = sheet.createRow(r++);
            ReportFiles.text(row, 0, SERIES.get(s), null);
            for (int c = 0; c < SEX_AGE.size(); c++) {
                String[] column = SEX_AGE.get(c);
                Sdg1622.Observation o = figures.observations().stream().filter(x -> x.series().equals(s)
                        && x.sex().equals(column[0]) && x.age().equals(column[1])).findFirst().orElse(null);
                if (o == null || o.value() == null) {
                    ReportFiles.text(row, c + 1, o == null ? "" : o.obsStatus(), null);
                } else {
                    row.createCell(c + 1).setCellValue(o.value().doubleValue());
                }
            }
        }
        Row presumed = sheet.createRow(r + 1);
        ReportFiles.text(presumed, 0, "Presumed victims (not in the figures above)", null);
        if (figures.presumedVictims() == null) {
            ReportFiles.text(presumed, 1, "Q", null);
        } else {
            presumed.createCell(1).setCellValue(figures.presumedVictims());
        }
    }

    /**
     * A report table as a grid: one row per value of {@code rowDimension} (or per measure when null), one column per
     * measure and combination of the other dimensions.
     */
    private static void pivot(Sheet sheet, CellStyle bold, ReportTable table, String title, String rowDimension) {
        ReportFiles.text(sheet.createRow(0), 0, title, bold);
        if (table == null) {
            ReportFiles.text(sheet.createRow(2), 0, "Not frozen with this snapshot.", null);
            return;
        }
        List<String> others = table.dimensions().stream().filter(d -> !d.equals(rowDimension)).toList();
        Set<List<String>> combos = new LinkedHashSet<>();
        Set<String> rowValues = new LinkedHashSet<>();
        for (ReportTable.Row row : table.rows()) {
            combos.add(others.stream().map(d -> row.key().get(d)).toList());
            if (rowDimension != null) {
                rowValues.add(row.key().get(rowDimension));
            }
        }
        List<String> rowKeys = rowDimension == null ? table.measures() : List.copyOf(rowValues);
        List<String> measures = rowDimension == null ? List.of("") : table.measures();
        Row head = sheet.createRow(1);
        ReportFiles.text(head, 0, rowDimension == null ? "" : rowDimension, bold);
        int c = 1;
        for (String measure : measures) {
            for (List<String> combo : combos) {
                String label = label(others, combo);
                ReportFiles.text(head, c++, measure.isEmpty() ? label : label.isEmpty() ? measure : measure + ": " + label, bold);
            }
        }
        int r = 2;
        for (String rowKey : rowKeys) {
            Row row = sheet.createRow(r++);
            ReportFiles.text(row, 0, ReportCatalog.TOTAL.equals(rowKey) ? "Total" : rowKey, null);
            c = 1;
            for (String measure : measures) {
                for (List<String> combo : combos) {
                    String m = measure.isEmpty() ? rowKey : measure;
                    ReportTable.Row match = table.rows().stream().filter(x -> (rowDimension == null
                            || Objects.equals(x.key().get(rowDimension), rowKey))
                            && others.stream().map(d -> x.key().get(d)).toList().equals(combo)).findFirst().orElse(null);
                    ReportTable.Cell value = match == null ? null : match.values().get(m);
                    if (value == null || value.value() == null) {
                        ReportFiles.text(row, c++, value == null ? "" : value.status(), null);
                    } else {
                        row.createCell(c++).setCellValue(value.value());
                    }
                }
            }
        }
    }

    private static String label(List<String> dimensions, List<String> combo) {
        if (dimensions.equals(List.of("sex", "ageGroup"))) {
            for (String[] column : SEX_AGE) {
                if (column[0].equals(combo.get(0)) && column[1].equals(combo.get(1))) {
                    return column[2];
                }
            }
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            parts.add(ReportCatalog.TOTAL.equals(combo.get(i)) ? "total " + dimensions.get(i) : combo.get(i));
        }
        return String.join(", ", parts);
    }
}
