package org.tipis.caseregistry.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVException;
import org.tipis.platform.problem.FieldError;

/**
 * CSV rows (one victim each) as {@link UploadRecord}s: {@link CsvUpload} does the reading; this refuses what is no
 * text before the parser sees it (NUL bytes: binary or UTF-16 without BOM; a UTF-16 byte-order mark) and turns
 * read failures into {@link UploadSource.Unreadable} with the line they happened at (a record over the budget: the
 * line it started at).
 */
final class CsvSource implements UploadSource {

    private final CodeNormalizer codes;
    private final LocalDate today;
    private final List<FieldError> fileErrors = new ArrayList<>();
    private CsvUpload csv;
    /** The last line of the last record read (the header's at first). */
    private long lastLine;

    CsvSource(Path file, CodeNormalizer codes, LocalDate today) throws IOException {
        this.codes = codes;
        this.today = today;
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8192);
        }
        if (head.length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            fileErrors.add(new FieldError("/rows/1", "EncodingNotUtf8", "The file is UTF-16; save it as UTF-8."));
            return;
        }
        for (byte b : head) {
            if (b == 0) {
                fileErrors.add(new FieldError("/rows/1", "FileNotText",
                        "The file is not text (binary content, or UTF-16); send CSV in UTF-8."));
                return;
            }
        }
        try {
            csv = CsvUpload.open(file);
        } catch (CSVException | CsvUpload.RecordTooLong | CharacterCodingException | UncheckedIOException
                 | IllegalStateException | IllegalArgumentException e) {
            fileErrors.add(unreadable(e, 1, 1));
            return;
        }
        lastLine = csv.line();
        fileErrors.addAll(csv.fileErrors);
    }

    @Override
    public List<FieldError> fileErrors() {
        return fileErrors;
    }

    @Override
    public boolean hasNext() {
        try {
            return csv != null && fileErrors.isEmpty() && csv.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new Unreadable(unreadable(e, csv.line() + 1, lastLine + 1));
        }
    }

    @Override
    public UploadRecord next() {
        try {
            org.apache.commons.csv.CSVRecord record = csv.next();
            long line = csv.line();
            lastLine = line;
            return UploadRecord.of(line, UploadRow.read(record, csv.columns, csv.header.size(), line, codes, today));
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new Unreadable(unreadable(e, csv.line() + 1, lastLine + 1));
        }
    }

    @Override
    public long bytesRead() {
        return csv == null ? 0 : csv.bytesRead();
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
        }
    }

    /**
     * @param line        where reading failed
     * @param recordStart where the record being read started
     */
    private static FieldError unreadable(Exception e, long line, long recordStart) {
        boolean encoding = false;
        boolean tooLong = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            encoding |= t instanceof CharacterCodingException;
            tooLong |= t instanceof CsvUpload.RecordTooLong;
        }
        if (tooLong) {
            return FieldError.withArgs("/rows/" + recordStart, "RecordTooLong", "A row is at most "
                    + CsvUpload.MAX_RECORD_CHARS + " characters; this one is longer, most likely because a quote is "
                    + "never closed. The file is not read on from here.", CsvUpload.MAX_RECORD_CHARS);
        }
        // a malformed record is reported where it starts: a quote that never closes fails only at the end of the
        // file, but the row to correct is the one that opened it
        return encoding ? new FieldError("/rows/" + line, "EncodingNotUtf8", "The file is not UTF-8 text.")
                : new FieldError("/rows/" + recordStart, "CsvMalformed",
                "The row starting here is not valid CSV (check its quotes); the file is not read on from here.");
    }
}
