package org.tipis.caseregistry.upload;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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
 * (the header decides), RFC 4180 quoting. Never more than one record in memory, and a record never more than
 * about {@link #MAX_RECORD_CHARS} characters: a quote that is never closed would otherwise make the parser gather
 * the rest of the file into one cell.
 */
final class CsvUpload implements Closeable {

    /** The characters one record (the header, or a row) may take, give or take the parser's read-ahead. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final CountingStream counting;
    private final RecordBudget budget;
    final List<String> header;
    /** Each column's index in the header (the first one of a repeated name, like {@code List.indexOf}). */
    final Map<String, Integer> columns = new HashMap<>();
    final List<FieldError> fileErrors = new ArrayList<>();

    private CsvUpload(CSVParser parser, CountingStream counting, RecordBudget budget, List<String> header) {
        this.parser = parser;
        this.records = parser.iterator();
        this.counting = counting;
        this.budget = budget;
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
            RecordBudget budget = new RecordBudget(reader);
            // columns without a name are allowed here so that they are reported like other header problems
            CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).get().parse(budget);
            budget.renew();
            List<String> header = parser.getHeaderNames().stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                    .toList();
            CsvUpload upload = new CsvUpload(parser, counting, budget, header);
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
        CSVRecord record = records.next();
        budget.renew();
        return record;
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

    /** A record went over {@link #MAX_RECORD_CHARS}: most likely a quote that is never closed. */
    static final class RecordTooLong extends IOException {

        RecordTooLong() {
            super("A record is over " + MAX_RECORD_CHARS + " characters", null);
        }
    }

    /**
     * Gives the parser at most {@link #MAX_RECORD_CHARS} characters between two {@link #renew()}s (one per record).
     * The parser reads ahead into its own buffer, so a record may be counted a buffer's worth short or long: the
     * budget is a bound on memory, not an exact limit.
     */
    private static final class RecordBudget extends FilterReader {

        private long left = MAX_RECORD_CHARS;

        RecordBudget(Reader in) {
            super(in);
        }

        void renew() {
            left = MAX_RECORD_CHARS;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (left <= 0) {
                if (in.read() < 0) {
                    return -1; // the record ended exactly at the end of the file
                }
                throw new RecordTooLong();
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, Math.max(left, 0)));
            left -= skipped;
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void mark(int limit) throws IOException {
            throw new IOException("mark not supported");
        }

        @Override
        public void reset() throws IOException {
            throw new IOException("reset not supported");
        }
    }

    private static String sanitize(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) : text;
        return cut.replaceAll("[^a-z0-9_]", "?");
    }
}
