package org.tipis.indicators.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A report table as a file: CSV (one column per dimension, then per measure its value and status) or an XLSX
 * workbook (the table, then a sheet saying what it is and how it was protected). Suppressed values are empty in CSV
 * and {@code Q} in XLSX, with status {@code Q} beside them, as in SDMX.
 */
public final class ReportFiles {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private ReportFiles() {
    }

    public static byte[] csv(ReportTable table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> header = new ArrayList<>(table.dimensions());
        for (String measure : table.measures()) {
            header.add(measure);
            header.add(measure + "_status");
        }
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (ReportTable.Row row : table.rows()) {
                List<Object> record = new ArrayList<>();
                table.dimensions().forEach(d -> record.add(row.key().get(d)));
                for (String measure : table.measures()) {
                    ReportTable.Cell cell = row.values().get(measure);
                    record.add(cell.value() == null ? "" : cell.value());
                    record.add(cell.status());
                }
                csv.printRecord(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] xlsx(ReportTable table, String title) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            CellStyle bold = bold(workbook);
            Sheet sheet = workbook.createSheet("Report");
            Row head = sheet.createRow(0);
            int c = 0;
            for (String dimension : table.dimensions()) {
                text(head, c++, dimension, bold);
            }
            for (String measure : table.measures()) {
                text(head, c++, measure, bold);
            }
            int r = 1;
            for (ReportTable.Row row : table.rows()) {
                Row line = sheet.createRow(r++);
                c = 0;
                for (String dimension : table.dimensions()) {
                    text(line, c++, row.key().get(dimension), null);
                }
                for (String measure : table.measures()) {
                    value(line, c++, row.values().get(measure));
                }
            }
            sheet.createFreezePane(0, 1);
            about(workbook, bold, title, table);
            return bytes(workbook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workbook as a file, its temporary sheet files removed. */
    public static byte[] bytes(SXSSFWorkbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        workbook.dispose();
        return out.toByteArray();
    }

    static void about(SXSSFWorkbook workbook, CellStyle bold, String title, ReportTable table) {
        Sheet about = workbook.createSheet("About");
        String[][] lines = {
                {title, ""},
                {"country", table.country()},
                {"period", table.period().from() + " to " + table.period().to()},
                {"measures", String.join(", ", table.measures())},
                {"dimensions", String.join(", ", table.dimensions())},
                {"filters", String.valueOf(table.filters())},
                {"disclosure control", table.disclosure().k() <= 1 ? "none (exact figures for the country's approvers)"
                        : "cells of 1 to " + (table.disclosure().k() - 1) + " units suppressed with their complements ("
                        + table.disclosure().suppressedCells() + " cells); Q marks a suppressed value"},
                {"rounded to base 5", String.valueOf(table.disclosure().roundedToFive())},
                {"feed position", String.valueOf(table.provenance().feedPosition())},
                {"rule version", table.provenance().ruleVersion()},
                {"computed at", String.valueOf(table.provenance().computedAt())},
                {"_T", "total over the dimension"}, {"UNKNOWN", "not recorded"}};
        for (int i = 0; i < lines.length; i++) {
            Row row = about.createRow(i);
            text(row, 0, lines[i][0], i == 0 ? bold : null);
            text(row, 1, lines[i][1], null);
        }
    }

    public static CellStyle bold(SXSSFWorkbook workbook) {
        CellStyle bold = workbook.createCellStyle();
        Font font = workbook.createFont();
        font.setBold(true);
        bold.setFont(font);
        return bold;
    }

    public static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value == null ? "" : value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    static void value(Row row, int column, ReportTable.Cell value) {
        Cell cell = row.createCell(column);
        if (value == null) {
            cell.setCellValue("");
        } else if (value.value() == null) {
            cell.setCellValue(value.status());
        } else {
            cell.setCellValue(value.value());
        }
    }
}
