package org.tipis.caseregistry.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Service;
import org.tipis.caseregistry.reference.CodeListSnapshot;
import org.tipis.caseregistry.reference.ReferenceData;

/**
 * The downloadable upload template in the caller's language: XLSX with a {@code data} sheet (header = the
 * documented columns, each with a comment explaining it, drop-downs of the coded columns' labels), a hidden
 * {@code lists} sheet the drop-downs refer to, and a readme sheet; or the CSV header line. Written with SXSSF.
 */
@Service
public class UploadTemplate {

    public static final List<String> LANGUAGES = List.of("en", "es", "fr", "pt");
    /** Rows of the data sheet the drop-downs cover. */
    static final int ROWS = 10_000;

    private final ReferenceData referenceData;

    UploadTemplate(ReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    /** A template: its bytes, media type, file name and a strong validator for caching. */
    public record Template(byte[] body, String mediaType, String fileName, String etag) {
    }

    /** The language used for a requested one: en, es, fr or pt (anything else: en). */
    public static String language(String requested) {
        if (requested == null) {
            return "en";
        }
        String lang = requested.strip().toLowerCase(Locale.ROOT);
        lang = lang.length() > 2 ? lang.substring(0, 2) : lang;
        return LANGUAGES.contains(lang) ? lang : "en";
    }

    /** The validator of a template without building it: format, language and the code-list versions it lists. */
    public String etag(UploadFormat format, String lang) {
        StringBuilder key = new StringBuilder(format.id()).append('|').append(lang);
        if (format == UploadFormat.XLSX) {
            UploadColumns.LISTS.values().stream().distinct().sorted()
                    .forEach(list -> key.append('|').append(list).append(':').append(referenceData.latestVersion(list)));
        }
        return "\"tpl-" + sha256(key.toString()).substring(0, 20) + "\"";
    }

    public Template template(UploadFormat format, String lang) {
        String etag = etag(format, lang);
        return switch (format) {
            case CSV -> new Template(("\uFEFF" + String.join(",", UploadColumns.ALL) + "\r\n")
                    .getBytes(StandardCharsets.UTF_8), "text/csv;charset=UTF-8", "tipis-upload-template.csv", etag);
            case XLSX -> new Template(xlsx(lang), UploadFormat.XLSX_TYPE, "tipis-upload-template-" + lang + ".xlsx",
                    etag);
            case NDJSON -> throw new IllegalArgumentException("no NDJSON template");
        };
    }

    private byte[] xlsx(String lang) {
        ResourceBundle texts = ResourceBundle.getBundle("i18n/upload-template", Locale.forLanguageTag(lang),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            CreationHelper helper = workbook.getCreationHelper();
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle headerStyle = workbook.createCellStyle();
            headerStyle.setFont(bold);
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle textStyle = workbook.createCellStyle();
            textStyle.setDataFormat(helper.createDataFormat().getFormat("@"));

            SXSSFSheet data = workbook.createSheet("data");
            SXSSFSheet readme = workbook.createSheet(texts.getString("sheet.readme"));
            SXSSFSheet lists = workbook.createSheet("lists");

            // the hidden sheet of labels: one column per coded list, in the caller's language
            Map<String, Integer> listColumn = new LinkedHashMap<>();
            Map<String, List<String>> labels = new LinkedHashMap<>();
            for (String list : UploadColumns.LISTS.values().stream().distinct().sorted().toList()) {
                CodeListSnapshot snapshot = referenceData.codeList(list, referenceData.latestVersion(list));
                List<String> names = snapshot.codes().keySet().stream()
                        .map(code -> snapshot.label(code, lang).orElse(code))
                        .sorted(Comparator.comparing(CodeNormalizer::key)).distinct().toList();
                listColumn.put(list, listColumn.size());
                labels.put(list, names);
            }
            int longest = labels.values().stream().mapToInt(List::size).max().orElse(0);
            for (int r = 0; r <= longest; r++) {
                Row row = lists.createRow(r);
                for (Map.Entry<String, Integer> e : listColumn.entrySet()) {
                    List<String> names = labels.get(e.getKey());
                    if (r == 0) {
                        row.createCell(e.getValue()).setCellValue(e.getKey());
                    } else if (r - 1 < names.size()) {
                        row.createCell(e.getValue()).setCellValue(names.get(r - 1));
                    }
                }
            }
            workbook.setSheetHidden(workbook.getSheetIndex(lists), true);

            // the data sheet: header with comments, drop-downs, date and text formats
            Drawing<?> drawing = data.createDrawingPatriarch();
            Row header = data.createRow(0);
            DataValidationHelper validations = data.getDataValidationHelper();
            for (int c = 0; c < UploadColumns.ALL.size(); c++) {
                String column = UploadColumns.ALL.get(c);
                var cell = header.createCell(c);
                cell.setCellValue(column);
                cell.setCellStyle(headerStyle);
                ClientAnchor anchor = helper.createClientAnchor();
                anchor.setCol1(c);
                anchor.setCol2(c + 3);
                anchor.setRow1(0);
                anchor.setRow2(4);
                Comment comment = drawing.createCellComment(anchor);
                String help = texts.getString("help." + column)
                        + (UploadColumns.REQUIRED.contains(column) ? " (" + texts.getString("readme.required") + ")" : "");
                comment.setString(helper.createRichTextString(help));
                comment.setAuthor("TIPIS");
                cell.setCellComment(comment);
                data.setColumnWidth(c, 22 * 256);
                if (column.endsWith("_date") || column.endsWith("_on")) {
                    data.setDefaultColumnStyle(c, dateStyle);
                } else if (column.endsWith("_ref")) {
                    data.setDefaultColumnStyle(c, textStyle);
                }
                String list = UploadColumns.LISTS.get(column);
                if (list != null) {
                    String letter = columnLetter(listColumn.get(list));
                    DataValidationConstraint constraint = validations.createFormulaListConstraint(
                            "lists!$" + letter + "$2:$" + letter + "$" + (labels.get(list).size() + 1));
                    DataValidation validation = validations.createValidation(constraint,
                            new CellRangeAddressList(1, ROWS, c, c));
                    boolean multiple = column.equals("exploitation_other");
                    validation.setErrorStyle(multiple ? DataValidation.ErrorStyle.INFO : DataValidation.ErrorStyle.STOP);
                    validation.setShowErrorBox(true);
                    validation.setSuppressDropDownArrow(true);
                    validation.createPromptBox(column, help);
                    validation.setShowPromptBox(true);
                    data.addValidationData(validation);
                }
            }
            data.createFreezePane(0, 1);

            List<String> lines = new ArrayList<>();
            lines.add(texts.getString("readme.title"));
            lines.add("");
            for (int i = 1; i <= 6; i++) {
                lines.add(texts.getString("readme." + i));
            }
            lines.add("");
            lines.add(texts.getString("readme.columns"));
            int r = 0;
            for (String line : lines) {
                Row row = readme.createRow(r++);
                row.createCell(0).setCellValue(line);
                if (r == 1) {
                    row.getCell(0).setCellStyle(headerStyle);
                }
            }
            for (String column : UploadColumns.ALL) {
                Row row = readme.createRow(r++);
                row.createCell(0).setCellValue(column);
                row.createCell(1).setCellValue(texts.getString("help." + column)
                        + (UploadColumns.REQUIRED.contains(column) ? " (" + texts.getString("readme.required") + ")" : ""));
                String list = UploadColumns.LISTS.get(column);
                if (list != null) {
                    row.createCell(2).setCellValue(list);
                }
            }
            readme.setColumnWidth(0, 30 * 256);
            readme.setColumnWidth(1, 100 * 256);
            workbook.setActiveSheet(0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String columnLetter(int index) {
        StringBuilder letters = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            letters.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return letters.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
