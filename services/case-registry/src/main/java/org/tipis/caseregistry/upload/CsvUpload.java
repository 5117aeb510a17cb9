package org.tipis.caseregistry.upload;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tipis.platform.problem.FieldError;

/**
 * A spooled CSV file read as a stream: UTF-8 (with or without BOM; anything else is refused), comma or semicolon
 * (the header decides), RFC 4180 quoting. Never more than one record in memory.
 */
final class CsvUpload implements Closeable {

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final CountingStream counting;
    final List<String> header;
    /** Each column's index in the header (the first one of a repeated name, like {@code List.indexOf}). */
    final Map<String, Integer> columns = new HashMap<>();
    final List<FieldError> fileErrors = new ArrayList<>();

    private CsvUpload(CSVParser parser, CountingStream counting, List<String> header) {
        this.parser = parser;
        this.records = parser.iterator();
        this.counting = counting;
        this.header = header;
        for (int i = header.size() - 1; i >= 0; i--) {
            columns.put(header.get(i), i);
        }
    }

    static CsvUpload open(Path file) throws IOException {
        byte[] head = new byte[8192];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        char delimiter = ',';
        String firstLine = new String(head, 0, n, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (firstLine.chars().filter(c -> c == ';').count() > firstLine.chars().filter(c -> c == ',').count()) {
            delimiter = ';';
        }
        CountingStream counting = new CountingStream(Files.newInputStream(file));
        try {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            BufferedReader reader = new BufferedReader(new InputStreamReader(counting, utf8));
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            // columns without a name are allowed here so that they are reported like other header problems
            CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).get().parse(reader);
            List<String> header = parser.getHeaderNames().stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                    .toList();
            CsvUpload upload = new CsvUpload(parser, counting, header);
            if (header.stream().allMatch(String::isEmpty)) {
                upload.fileErrors.add(new FieldError("/rows/1", "CsvMalformed",
                        "The first line that is not empty names no column: it is not a header."));
                return upload;
            }
            for (String column : UploadColumns.REQUIRED) {
                if (!header.contains(column)) {
                    upload.fileErrors.add(new FieldError("/header/" + column, "ColumnMissing",
                            "The header lacks the column '" + column + "'."));
                }
            }
            for (int i = 0; i < header.size(); i++) {
                String column = header.get(i);
                if (column.isEmpty()) {
                    upload.fileErrors.add(FieldError.withArgs("/header/" + (i + 1), "ColumnNameMissing",
                            "Column " + (i + 1) + " of the header has no name: name it, or remove the separator that "
                                    + "makes it (often one at the end of the header line).", i + 1));
                } else if (!UploadColumns.ALL.contains(column)) {
                    upload.fileErrors.add(new FieldError("/header/" + sanitize(column), "ColumnUnknown",
                            "Unknown column; see docs/upload-format.md for the columns."));
                }
            }
            return upload;
        } catch (Throwable e) {
            // the parser may never have been made: close the file here, whatever failed
            try {
                counting.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    boolean hasNext() {
        return records.hasNext();
    }

    CSVRecord next() {
        return records.next();
    }

    long line() {
        return parser.getCurrentLineNumber();
    }

    long bytesRead() {
        return counting.count;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static String sanitize(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) : text;
        return cut.replaceAll("[^a-z0-9_]", "?");
    }
}
