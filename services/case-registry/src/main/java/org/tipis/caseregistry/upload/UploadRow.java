package org.tipis.caseregistry.upload;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;
import org.tipis.caseregistry.caserecord.CaseDetails;
import org.tipis.caseregistry.caserecord.VictimDetails;
import org.tipis.caseregistry.caserecord.VictimRules;
import org.tipis.platform.problem.FieldError;

/**
 * One row of a file, read into the registry's own records: the case it belongs to and the victim it describes.
 * Cells are taken as text (a leading "=" is just a character here), codes and labels become codes.
 */
record UploadRow(String caseRef, String victimRef, CaseDetails caseDetails, VictimDetails victim,
                 List<FieldError> errors) {

    /**
     * The characters of a cell of several codes: every exploitation form in its longest label is about 710, so a
     * longer cell is refused whole (TooLong) rather than split into thousands of unknown codes.
     */
    static final int MAX_CODES_CHARS = 1024;
    /** The unknown codes reported per cell; the others of the cell are not. */
    static final int MAX_ERRORS_PER_CELL = 5;

    static UploadRow read(CSVRecord record, Map<String, Integer> columns, int width, long line, CodeNormalizer codes,
                          LocalDate today) {
        if (record.size() != width) {
            return new UploadRow(null, null, null, null, List.of(FieldError.withArgs("/rows/" + line, "ColumnCountWrong",
                    "This row has " + record.size() + " cells; the header has " + width + ".", record.size(),
                    width)));
        }
        return read(new Fields() {
            public String raw(String column) {
                Integer index = columns.get(column);
                return index == null ? null : record.get(index);
            }

            public String pointer(String column) {
                return "/rows/" + line + "/" + column;
            }
        }, codes, today);
    }

    /**
     * Reads one victim from any format: {@code fields} gives each column's text (null when absent) and the pointer
     * under which a problem with that column is reported (a CSV/XLSX column, or a JSON pointer into an NDJSON line).
     */
    static UploadRow read(Fields fields, CodeNormalizer codes, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        Cells cells = new Cells(fields, codes, errors);
        String caseRef = cells.text("case_ref", 128, true);
        String victimRef = cells.text("victim_ref", 128, true);
        LocalDate identified = cells.date("identification_date", true);
        LocalDate opened = cells.date("case_opened_on", false);
        String status = cells.code("victim_status", true);
        String sex = cells.code("sex", true);
        Integer ageAtIdentification = cells.integer("age_at_identification");
        Integer ageAtExploitation = cells.integer("age_at_exploitation");
        String nationality = cells.code("nationality", false);
        String primary = cells.code("exploitation_primary", false);
        List<String> other = cells.codes("exploitation_other");
        cells.code("identifying_institution_kind", false);
        String channel = cells.code("complaint_channel", false);
        String flow = cells.code("flow_level", false);
        String origin = cells.code("origin_country", false);
        String destination = cells.code("destination_country", false);
        VictimDetails victim = new VictimDetails(victimRef, sex, ageAtExploitation, ageAtIdentification, null, null, null,
                nationality, null, null, null, null, null, null, null, null, null, primary, other, null, null,
                identified, null, status, null, null);
        for (FieldError rule : VictimRules.check(victim, today)) {
            errors.add(new FieldError(fields.pointer(column(rule.pointer())), rule.code(), rule.message(), rule.args()));
        }
        CaseDetails caseDetails = new CaseDetails(caseRef, opened != null ? opened : identified, channel, List.of(),
                primary == null ? List.of() : List.of(primary), flow, origin, List.of(), destination, List.of(), null,
                List.of(), null, null, List.of(), "OPEN", "COMPLAINT");
        if (caseDetails.openedOn() != null && caseDetails.openedOn().isAfter(today)) {
            errors.add(new FieldError(fields.pointer("case_opened_on"), "OpenedOnNotInFuture",
                    "A case cannot be opened in the future."));
        }
        return new UploadRow(caseRef, victimRef, caseDetails, victim, errors);
    }

    private static String column(String pointer) {
        return switch (pointer) {
            case "/identificationDate" -> "identification_date";
            case "/exploitationStart" -> "identification_date";
            case "/ageAtIdentification" -> "age_at_identification";
            case "/ageRangeMin", "/ageRangeMax" -> "age_at_identification";
            case "/minor" -> "age_at_identification";
            case "/ageAtExploitation" -> "age_at_exploitation";
            case "/exploitationPrimary" -> "exploitation_primary";
            case "/exploitationOther" -> "exploitation_other";
            case "/victimRef" -> "victim_ref";
            case "/status" -> "victim_status";
            default -> pointer.substring(1);
        };
    }

    /** The cells of one victim in some format, by the flat format's column names. */
    interface Fields {

        /** The cell's text, null when the column is absent. */
        String raw(String column);

        /** Where a problem with this column is reported, e.g. {@code /rows/12/sex} or {@code /rows/3/victims/0/sex}. */
        String pointer(String column);
    }

    /** Reading cells of one row, collecting errors at the pointers {@link Fields} gives. */
    private record Cells(Fields fields, CodeNormalizer codes, List<FieldError> errors) {

        String raw(String column) {
            String value = fields.raw(column);
            if (value == null) {
                return null;
            }
            value = value.strip();
            return value.isEmpty() ? null : value;
        }

        String text(String column, int max, boolean required) {
            String value = raw(column);
            if (value == null && required) {
                errors.add(new FieldError(at(column), "Required", "This column needs a value."));
            } else if (value != null && value.length() > max) {
                errors.add(new FieldError(at(column), "TooLong", "At most " + max + " characters."));
            }
            return value;
        }

        LocalDate date(String column, boolean required) {
            String value = text(column, 10, required);
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(at(column), "DateFormat", "Dates are YYYY-MM-DD."));
                return null;
            }
        }

        Integer integer(String column) {
            String value = raw(column);
            if (value == null) {
                return null;
            }
            try {
                int number = Integer.parseInt(value);
                if (number < 0 || number > 120) {
                    errors.add(new FieldError(at(column), "AgePlausible", "An age is between 0 and 120."));
                    return null;
                }
                return number;
            } catch (NumberFormatException e) {
                errors.add(new FieldError(at(column), "IntegerFormat", "A whole number of years."));
                return null;
            }
        }

        String code(String column, boolean required) {
            String value = text(column, 255, required);
            return value == null ? null : normalized(column, value);
        }

        List<String> codes(String column) {
            String value = text(column, MAX_CODES_CHARS, false);
            if (value == null || value.length() > MAX_CODES_CHARS) {
                return List.of();
            }
            Set<String> result = new LinkedHashSet<>();
            int unknown = 0;
            for (String part : value.split("\\|")) {
                if (!part.isBlank()) {
                    String code = normalized(column, part, unknown < MAX_ERRORS_PER_CELL);
                    if (code != null) {
                        result.add(code);
                    } else {
                        unknown++;
                    }
                }
            }
            return List.copyOf(result);
        }

        private String normalized(String column, String value) {
            return normalized(column, value, true);
        }

        private String normalized(String column, String value, boolean report) {
            String list = UploadColumns.LISTS.get(column);
            String code = codes.code(list, value).orElse(null);
            if (code == null && report) {
                String shown = value.length() > 40 ? value.substring(0, 40) : value;
                shown = shown.replaceAll("[\\p{Cntrl}]", "?");
                errors.add(FieldError.withArgs(at(column), "CodeUnknown", "'" + shown + "' is not a code or label of "
                        + list + " version " + codes.version(list) + ".", shown, list, codes.version(list)));
            }
            return code;
        }

        private String at(String column) {
            return fields.pointer(column);
        }
    }
}
