package org.tipis.caseregistry.upload;

import java.util.List;

import org.tipis.platform.problem.FieldError;

/**
 * One unit of a file, whatever its format: a CSV or spreadsheet row (one victim), or an NDJSON line (one case with
 * its victims, suspects, proceedings and assistance). Counted as one row of the upload.
 *
 * @param line   the line (CSV, NDJSON) or spreadsheet row number, as the sender sees it in their editor
 * @param rows   the victims it describes, each with the case it belongs to
 * @param parts  the suspects, proceedings and assistance of the case (NDJSON only; empty otherwise)
 * @param errors problems of the record as a whole or of its parts (the victims' own are in {@code rows})
 */
record UploadRecord(long line, List<UploadRow> rows, CaseParts parts, List<FieldError> errors) {

    UploadRecord {
        rows = List.copyOf(rows);
        parts = parts == null ? CaseParts.NONE : parts;
        errors = List.copyOf(errors);
    }

    static UploadRecord of(long line, UploadRow row) {
        return new UploadRecord(line, List.of(row), CaseParts.NONE, List.of());
    }

    /** Where the {@code index}-th victim's {@code column} is reported. */
    String pointer(int index, String column) {
        return parts.victimPointer() == null ? "/rows/" + line + "/" + column
                : "/rows/" + line + parts.victimPointer().formatted(index) + NdjsonSource.field(column);
    }
}
