package org.tipis.caseregistry.upload;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.tipis.platform.problem.FieldError;

/**
 * A spooled file read as a stream of {@link UploadRecord}s, whatever its format: never more than one record in
 * memory. A problem with the file as a whole (its header, its container) is in {@link #fileErrors()} before the
 * first record; a file that cannot be read on from some point throws {@link Unreadable}.
 */
interface UploadSource extends Closeable {

    static UploadSource open(Path file, UploadFormat format, CodeNormalizer codes, LocalDate today) throws IOException {
        return switch (format) {
            case CSV -> new CsvSource(file, codes, today);
            case NDJSON -> new NdjsonSource(file, codes, today);
            case XLSX -> new XlsxSource(file, codes, today);
        };
    }

    /** Problems that refuse the whole file (reported at row 1); when there are any, there are no records. */
    List<FieldError> fileErrors();

    boolean hasNext();

    UploadRecord next();

    /** Bytes of the file consumed so far, for progress (an estimate for compressed formats). */
    long bytesRead();

    /** The file cannot be read on from here; {@code error} says why (pointer, rule code, message). */
    final class Unreadable extends RuntimeException {

        private final transient FieldError error;

        Unreadable(FieldError error) {
            super(error.code(), null, false, false);
            this.error = error;
        }

        FieldError error() {
            return error;
        }
    }
}
