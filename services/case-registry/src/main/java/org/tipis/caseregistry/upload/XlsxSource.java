package org.tipis.caseregistry.upload;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.tipis.platform.problem.FieldError;

/**
 * The data sheet of an XLSX workbook (the sheet named {@code data}, else the first), read as a stream of rows with
 * a StAX pull parser over the sheet part, in constant memory: the shared-strings table is spooled to disk beside the
 * upload ({@link SpooledSharedStrings}). The first non-empty row is the header (the flat format's columns); empty
 * rows are skipped.
 *
 * <p>Before anything is inflated, the zip's central directory is checked: too many entries, too much declared
 * uncompressed data or an implausible compression ratio refuse the file ({@code XlsxZipBomb}); POI's
 * {@link ZipSecureFile} guards the inflation itself against sizes that lie. Workbooks with macros
 * ({@code vbaProject.bin}, a macro-enabled content type), external links or data connections are refused;
 * OLE2 containers (encrypted workbooks, legacy .xls) are refused. A cell with a formula makes its row invalid
 * ({@code FormulaNotAllowed}), whatever its cached value: paste values instead.
 */
final class XlsxSource implements UploadSource {

    static final int MAX_ENTRIES = 1_000;
    /**
     * A part's uncompressed size: the sheet of 1,000,000 rows of the 8 core columns is about 300 MB of XML; parts are
     * read as streams (the shared strings spooled to disk), so the size costs time and disk, not memory.
     */
    static final long MAX_ENTRY_BYTES = 1024L * 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 2048L * 1024 * 1024;
    /** Uncompressed : compressed above this (for entries over 1 MB) is a bomb; spreadsheets stay well below. */
    static final int MAX_RATIO = 100;
    /** Columns A to XFD, as in Excel. */
    static final int MAX_COLUMNS = 16_384;
    /** The text of one row, all cells together (as the CSV and NDJSON line limits). */
    static final int MAX_ROW_CHARS = 1024 * 1024;
    private static final Set<String> DATE_COLUMNS = Set.of("identification_date", "case_opened_on");

    static {
        ZipSecureFile.setMinInflateRatio(1.0 / MAX_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
        ZipSecureFile.setMaxFileCount(MAX_ENTRIES);
    }

    private final CodeNormalizer codes;
    private final LocalDate today;
    private final List<FieldError> fileErrors = new ArrayList<>();
    private final long fileBytes;
    private OPCPackage pkg;
    private SpooledSharedStrings strings;
    private InputStream sheet;
    private CountingStream counting;
    private long sheetBytes = 1;
    private XMLStreamReader xml;
    private List<String> header = List.of();
    private SheetRow pending;
    private boolean ended;

    XlsxSource(Path file, CodeNormalizer codes, LocalDate today) throws IOException {
        this.codes = codes;
        this.today = today;
        this.fileBytes = Files.size(file);
        try {
            open(file);
        } catch (Throwable e) {
            // nobody else will close what was opened (the spooled shared strings, the package)
            try {
                close();
            } catch (Throwable suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void open(Path file) throws IOException {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(8);
        }
        if (magic.length >= 4 && (magic[0] & 0xFF) == 0xD0 && (magic[1] & 0xFF) == 0xCF && (magic[2] & 0xFF) == 0x11
                && (magic[3] & 0xFF) == 0xE0) {
            refuse("XlsxEncryptedOrLegacy", "The workbook is encrypted or in the old .xls format; save it unprotected "
                    + "as .xlsx.");
            return;
        }
        if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
            refuse("XlsxNotZip", "The file is not an XLSX workbook.");
            return;
        }
        if (!inspectContainer(file)) {
            return;
        }
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(pkg);
            strings = sharedStrings(pkg, file.toAbsolutePath().getParent(), stem(file) + ".");
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            InputStream chosen = null;
            while (sheets.hasNext()) {
                InputStream next = sheets.next();
                boolean data = "data".equalsIgnoreCase(sheets.getSheetName().strip());
                if (chosen == null || data) {
                    if (chosen != null) {
                        chosen.close();
                    }
                    chosen = next;
                    sheetBytes = Math.max(1, sheets.getSheetPart().getSize());
                    if (data) {
                        break;
                    }
                } else {
                    next.close();
                }
            }
            if (chosen == null) {
                refuse("XlsxNoSheet", "The workbook has no sheet.");
                return;
            }
            counting = new CountingStream(chosen);
            sheet = counting;
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            xml = factory.createXMLStreamReader(sheet);
            SheetRow first = nextRow();
            if (first == null) {
                refuse("XlsxNoHeader", "The data sheet is empty: its first row is the header.");
                return;
            }
            List<String> names = new ArrayList<>();
            int width = first.cells.isEmpty() ? 0 : first.cells.lastKey() + 1;
            for (int i = 0; i < width; i++) {
                String name = first.cells.getOrDefault(i, new Cell("", false, false)).text;
                names.add(name == null ? "" : name.strip().toLowerCase(Locale.ROOT));
            }
            header = names;
            for (String column : UploadColumns.REQUIRED) {
                if (!header.contains(column)) {
                    fileErrors.add(new FieldError("/header/" + column, "ColumnMissing",
                            "The header lacks the column '" + column + "'."));
                }
            }
            for (String column : header) {
                if (!column.isEmpty() && !UploadColumns.ALL.contains(column)) {
                    String cut = column.length() > 40 ? column.substring(0, 40) : column;
                    fileErrors.add(new FieldError("/header/" + cut.replaceAll("[^a-z0-9_]", "?"), "ColumnUnknown",
                            "Unknown column; see docs/upload-format.md for the columns."));
                }
            }
        } catch (NotOfficeXmlFileException | InvalidFormatException e) {
            refuse("XlsxNotZip", "The file is not an XLSX workbook.");
        } catch (OpenXML4JException | XMLStreamException | IllegalStateException
                 | org.apache.poi.ooxml.POIXMLException e) {
            refuse("XlsxMalformed", "The workbook cannot be read; save it again as .xlsx.");
        } catch (IOException e) {
            if (bomb(e)) {
                refuse("XlsxZipBomb", "The workbook inflates far beyond its size; it is refused.");
            } else {
                refuse("XlsxMalformed", "The workbook cannot be read; save it again as .xlsx.");
            }
        } catch (Unreadable e) {
            fileErrors.add(e.error());
        }
    }

    /** The checks on the zip container before anything is inflated; false when the file is refused. */
    private boolean inspectContainer(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                return refuse("XlsxZipBomb", "The workbook has more than " + MAX_ENTRIES + " parts.");
            }
            long total = 0;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().toLowerCase(Locale.ROOT);
                long size = entry.getSize();
                long compressed = Math.max(1, entry.getCompressedSize());
                total += Math.max(0, size);
                if (size < 0 || size > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES
                        || (size > 1024 * 1024 && size / compressed > MAX_RATIO)) {
                    return refuse("XlsxZipBomb", "The workbook inflates far beyond its size; it is refused.");
                }
                if (name.endsWith("vbaproject.bin") || name.endsWith(".bin") && name.contains("vba")) {
                    return refuse("XlsxMacros", "The workbook contains macros; save it as a plain .xlsx workbook.");
                }
                if (name.startsWith("xl/externallinks/") || name.equals("xl/connections.xml")) {
                    return refuse("XlsxExternalLinks", "The workbook links to other files or data sources; "
                            + "paste the values and remove the links.");
                }
            }
            ZipEntry types = zip.getEntry("[Content_Types].xml");
            if (types == null) {
                return refuse("XlsxNotZip", "The file is not an XLSX workbook.");
            }
            String content;
            try (InputStream in = zip.getInputStream(types)) {
                content = new String(in.readNBytes(1024 * 1024), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            }
            if (content.contains("macroenabled") || content.contains("vbaproject")) {
                return refuse("XlsxMacros", "The workbook contains macros; save it as a plain .xlsx workbook.");
            }
            if (content.contains("externallink")) {
                return refuse("XlsxExternalLinks", "The workbook links to other files or data sources; "
                        + "paste the values and remove the links.");
            }
            return true;
        } catch (ZipException e) {
            return refuse("XlsxNotZip", "The file is not an XLSX workbook.");
        }
    }

    /** The workbook's shared strings spooled to {@code directory}; an empty table when it has none. */
    private static SpooledSharedStrings sharedStrings(OPCPackage pkg, Path directory, String prefix)
            throws IOException, XMLStreamException, InvalidFormatException {
        List<org.apache.poi.openxml4j.opc.PackagePart> parts =
                pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return SpooledSharedStrings.empty(directory);
        }
        try (InputStream part = parts.getFirst().getInputStream()) {
            return SpooledSharedStrings.spool(part, directory, prefix);
        }
    }

    /** The file's name without its extension: a spooled upload's id. */
    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private boolean refuse(String code, String message) {
        fileErrors.add(new FieldError("/rows/1", code, message));
        return false;
    }

    private static boolean bomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("Zip bomb") || message.contains("MAX_ENTRY_SIZE")
                    || message.contains("max file count") || message.contains("exceeds the max"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<FieldError> fileErrors() {
        return fileErrors;
    }

    @Override
    public boolean hasNext() {
        if (!fileErrors.isEmpty() || xml == null) {
            return false;
        }
        if (pending == null && !ended) {
            pending = nextRow();
        }
        return pending != null;
    }

    @Override
    public UploadRecord next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException();
        }
        SheetRow row = pending;
        pending = null;
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> cells = new HashMap<>();
        for (Map.Entry<Integer, Cell> e : row.cells.entrySet()) {
            int index = e.getKey();
            Cell cell = e.getValue();
            String column = index < header.size() ? header.get(index) : "";
            if (column.isEmpty()) {
                if (cell.text != null && !cell.text.isBlank() || cell.formula) {
                    errors.add(FieldError.withArgs("/rows/" + row.number, "ColumnCountWrong", "This row has a cell in "
                            + "column " + (index + 1) + ", beyond the header's " + header.size() + " columns.",
                            index + 1, header.size()));
                }
                continue;
            }
            if (cell.formula) {
                errors.add(new FieldError("/rows/" + row.number + "/" + column, "FormulaNotAllowed",
                        "Formulas are not accepted; paste the value instead."));
                continue;
            }
            if (cell.error) {
                errors.add(new FieldError("/rows/" + row.number + "/" + column, "CellError",
                        "The cell holds a spreadsheet error value."));
                continue;
            }
            cells.put(column, DATE_COLUMNS.contains(column) && cell.number ? date(cell.text) : cell.text);
        }
        long line = row.number;
        UploadRow read = UploadRow.read(new UploadRow.Fields() {
            public String raw(String column) {
                return cells.get(column);
            }

            public String pointer(String column) {
                return "/rows/" + line + "/" + column;
            }
        }, codes, today);
        return new UploadRecord(line, List.of(read), CaseParts.NONE, errors);
    }

    /** An Excel serial day number as YYYY-MM-DD (the 1900 date system); anything else as it is. */
    private static String date(String serial) {
        try {
            double value = Double.parseDouble(serial);
            if (!DateUtil.isValidExcelDate(value) || value > 2_958_465) {
                return serial;
            }
            return DateUtil.getLocalDateTime(value).toLocalDate().toString();
        } catch (NumberFormatException e) {
            return serial;
        }
    }

    @Override
    public long bytesRead() {
        return counting == null ? 0 : Math.min(fileBytes, counting.count * fileBytes / sheetBytes);
    }

    /** Closes the sheet, deletes the spooled shared strings and releases the package, each whatever the others do. */
    @Override
    public void close() throws IOException {
        try {
            if (xml != null) {
                xml.close();
            }
        } catch (XMLStreamException ignored) {
            // closing only
        } finally {
            try {
                if (sheet != null) {
                    sheet.close();
                }
            } finally {
                try {
                    if (strings != null) {
                        strings.close();
                    }
                } finally {
                    if (pkg != null) {
                        pkg.revert();
                    }
                }
            }
        }
    }

    private record Cell(String text, boolean formula, boolean error, boolean number) {
        Cell(String text, boolean formula, boolean error) {
            this(text, formula, error, false);
        }
    }

    private record SheetRow(long number, TreeMap<Integer, Cell> cells) {
    }

    /** The next row with at least one value or formula; null at the end of the sheet. */
    private SheetRow nextRow() {
        try {
            long lastRow = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
                    String r = xml.getAttributeValue(null, "r");
                    long number = r != null ? Long.parseLong(r) : lastRow + 1;
                    lastRow = number;
                    TreeMap<Integer, Cell> cells = readRow();
                    boolean any = cells.values().stream().anyMatch(c -> c.formula || c.error
                            || (c.text != null && !c.text.isBlank()));
                    if (any) {
                        return new SheetRow(number, cells);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && "sheetData".equals(xml.getLocalName())) {
                    break;
                }
            }
            ended = true;
            return null;
        } catch (XMLStreamException | NumberFormatException e) {
            if (bomb(e)) {
                throw new Unreadable(new FieldError("/rows/1", "XlsxZipBomb",
                        "The workbook inflates far beyond its size; it is refused."));
            }
            throw new Unreadable(new FieldError("/rows/1", "XlsxMalformed",
                    "The data sheet cannot be read; save the workbook again as .xlsx."));
        }
    }

    /** Reads the cells of the current {@code <row>} up to its end tag. */
    private TreeMap<Integer, Cell> readRow() throws XMLStreamException {
        TreeMap<Integer, Cell> cells = new TreeMap<>();
        int position = -1;
        long rowChars = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName())) {
                return cells;
            }
            if (event == XMLStreamConstants.START_ELEMENT && "c".equals(xml.getLocalName())) {
                String ref = xml.getAttributeValue(null, "r");
                position = ref != null ? columnIndex(ref) : position + 1;
                if (position >= MAX_COLUMNS) {
                    throw new XMLStreamException("a cell beyond column XFD");
                }
                String type = xml.getAttributeValue(null, "t");
                boolean formula = false;
                String value = null;
                StringBuilder inline = null;
                while (xml.hasNext()) {
                    int inner = xml.next();
                    if (inner == XMLStreamConstants.END_ELEMENT && "c".equals(xml.getLocalName())) {
                        break;
                    }
                    if (inner == XMLStreamConstants.START_ELEMENT) {
                        switch (xml.getLocalName()) {
                            case "f" -> {
                                formula = true;
                                rowChars += XmlText.of(xml, XmlText.MAX_CELL_CHARS).length();
                            }
                            case "v" -> {
                                value = XmlText.of(xml, XmlText.MAX_CELL_CHARS);
                                rowChars += value.length();
                            }
                            case "t" -> {
                                if (inline == null) {
                                    inline = new StringBuilder();
                                }
                                String run = XmlText.of(xml, XmlText.MAX_CELL_CHARS - inline.length());
                                inline.append(run);
                                rowChars += run.length();
                            }
                            case "rPh" -> skipElement();
                            default -> {
                                // rich-text runs: their <t> children are read above
                            }
                        }
                    }
                }
                String text = null;
                boolean number = false;
                boolean error = "e".equals(type);
                if ("inlineStr".equals(type)) {
                    text = inline == null ? null : inline.toString();
                } else if (value != null) {
                    String v = value;
                    if ("s".equals(type)) {
                        try {
                            text = strings.get(Integer.parseInt(v.strip()));
                        } catch (RuntimeException e) {
                            text = null;
                            error = true;
                        }
                    } else if ("b".equals(type)) {
                        text = "1".equals(v.strip()) ? "TRUE" : "FALSE";
                    } else if ("str".equals(type) || "e".equals(type)) {
                        text = v;
                    } else if ("d".equals(type)) {
                        text = v.length() >= 10 ? v.substring(0, 10) : v;
                    } else {
                        number = true;
                        text = number(v);
                    }
                }
                if (rowChars > MAX_ROW_CHARS) {
                    throw new XMLStreamException("a row of more than " + MAX_ROW_CHARS + " characters");
                }
                cells.put(position, new Cell(text, formula, error, number));
            }
        }
        return cells;
    }

    /** Skips the current element (a phonetic hint, whose text is not the cell's) up to its end tag. */
    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /**
     * A number cell's value as written in the file, without exponent or trailing zeros ("1.50E1" → "15"). A value a
     * spreadsheet cannot hold (more than 100 characters, or an exponent beyond ±100: "1E999999999" would print a
     * billion digits) stays as it is, for the column's rule to refuse.
     */
    static String number(String v) {
        if (v.length() > 100) {
            return v;
        }
        try {
            BigDecimal number = new BigDecimal(v.strip()).stripTrailingZeros();
            return Math.abs((long) number.scale()) > 100 ? v : number.toPlainString();
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** "AB12" → 27 (0-based); {@link #MAX_COLUMNS} or more for a column beyond XFD. */
    static int columnIndex(String reference) {
        int index = 0;
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c < 'A' || c > 'Z') {
                break;
            }
            index = index * 26 + (c - 'A' + 1);
            if (index > MAX_COLUMNS) {
                return MAX_COLUMNS;
            }
        }
        return Math.max(0, index - 1);
    }
}
