package org.tipis.caseregistry.upload;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tipis.caseregistry.caserecord.AssistanceDetails;
import org.tipis.caseregistry.caserecord.CaseRules;
import org.tipis.caseregistry.caserecord.ProceedingDetails;
import org.tipis.caseregistry.caserecord.SuspectDetails;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * NDJSON: one case per line, a JSON object with the case's fields and the arrays {@code victims}, {@code suspects},
 * {@code proceedings} and {@code assistance} (field names as in the JSON API; docs/upload-format.md). Lines are
 * read one at a time with a length limit, so memory stays constant whatever the file's size; each line is parsed
 * on its own, so one broken line is one invalid row. Problems point into the line: {@code /rows/<line>/victims/2/sex}.
 */
final class NdjsonSource implements UploadSource {

    static final int MAX_LINE_BYTES = 1 << 20;
    /** Amounts are stored as numeric(18, 2): at most 16 digits before the decimal point. */
    private static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(16);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The flat format's case columns and their NDJSON field names. */
    static final Map<String, String> CASE_FIELDS = ordered("case_ref", "fileReference", "case_opened_on", "openedOn",
            "complaint_channel", "complaintChannel", "flow_level", "flowLevel", "origin_country", "originCountry",
            "destination_country", "destinationCountry");
    /** The flat format's victim columns and their NDJSON field names. */
    static final Map<String, String> VICTIM_FIELDS = ordered("victim_ref", "victimRef", "identification_date",
            "identificationDate", "victim_status", "status", "sex", "sex", "age_at_identification",
            "ageAtIdentification", "age_at_exploitation", "ageAtExploitation", "nationality", "nationality",
            "exploitation_primary", "exploitationPrimary", "exploitation_other", "exploitationOther",
            "identifying_institution_kind", "identifyingInstitutionKind");
    static final Set<String> SUSPECT_FIELDS = Set.of("sex", "age", "nationality", "role", "organizationType",
            "modusOperandi");
    static final Set<String> PROCEEDING_FIELDS = Set.of("type", "occurredOn", "suspect", "victimRef", "outcome",
            "sentenceMonths", "amount", "currency");
    static final Set<String> ASSISTANCE_FIELDS = Set.of("victimRef", "type", "startedOn", "endedOn",
            "shelterProvider", "shelterType", "womenOnly", "withChildren", "riskLevel");
    private static final Set<String> INTEGER_COLUMNS = Set.of("age_at_identification", "age_at_exploitation");
    private static final Set<String> ARRAY_COLUMNS = Set.of("exploitation_other");

    private final InputStream in;
    private final CodeNormalizer codes;
    private final LocalDate today;
    private final List<FieldError> fileErrors = new ArrayList<>();
    private final Set<String> caseRefs = new HashSet<>();
    private long bytes;
    private long line;
    private boolean ended;
    private UploadRecord pending;

    NdjsonSource(Path file, CodeNormalizer codes, LocalDate today) throws IOException {
        this.codes = codes;
        this.today = today;
        this.in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        in.mark(4);
        byte[] head = in.readNBytes(3);
        if (head.length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            fileErrors.add(new FieldError("/rows/1", "EncodingNotUtf8", "The file is UTF-16; save it as UTF-8."));
        }
        if (!(head.length == 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF)) {
            in.reset();
        } else {
            bytes = 3;
        }
    }

    /** The NDJSON field of a flat column (for pointers). */
    static String field(String column) {
        String name = VICTIM_FIELDS.get(column);
        return name != null ? name : CASE_FIELDS.getOrDefault(column, column);
    }

    @Override
    public List<FieldError> fileErrors() {
        return fileErrors;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !ended && fileErrors.isEmpty()) {
            pending = readNext();
        }
        return pending != null;
    }

    @Override
    public UploadRecord next() {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException();
        }
        UploadRecord next = pending;
        pending = null;
        return next;
    }

    @Override
    public long bytesRead() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private UploadRecord readNext() {
        try {
            while (true) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                boolean tooLong = false;
                int b;
                boolean any = false;
                while ((b = in.read()) >= 0) {
                    any = true;
                    bytes++;
                    if (b == '\n') {
                        break;
                    }
                    if (buffer.size() < MAX_LINE_BYTES) {
                        buffer.write(b);
                    } else {
                        tooLong = true;
                    }
                }
                if (!any) {
                    ended = true;
                    return null;
                }
                line++;
                if (tooLong) {
                    return invalid(new FieldError("/rows/" + line, "LineTooLong",
                            "A line (one case) is at most " + MAX_LINE_BYTES + " bytes."));
                }
                String text;
                try {
                    text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(buffer.toByteArray())).toString();
                } catch (CharacterCodingException e) {
                    return invalid(new FieldError("/rows/" + line, "EncodingNotUtf8", "The line is not UTF-8 text."));
                }
                if (text.isBlank()) {
                    continue;
                }
                if (text.indexOf('\0') >= 0) {
                    return invalid(new FieldError("/rows/" + line, "FileNotText", "The line is not text."));
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (JacksonException e) {
                    long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
                    return invalid(FieldError.withArgs("/rows/" + line, "JsonInvalid",
                            "The line is not valid JSON (near character " + column + ").", column));
                }
                if (node == null || !node.isObject()) {
                    return invalid(new FieldError("/rows/" + line, "JsonObjectExpected",
                            "Each line is one JSON object: a case."));
                }
                try {
                    return new Line(line, node).read();
                } catch (ProblemException e) {
                    throw e; // not the line's fault (e.g. reference data unavailable): the upload fails
                } catch (RuntimeException e) {
                    // a value the checks above let through but that cannot be read: the line is invalid, not the file
                    return invalid(new FieldError("/rows/" + line, "FieldFormat",
                            "A value of this line cannot be read (check the types and the sizes of its numbers)."));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UploadRecord invalid(FieldError error) {
        return new UploadRecord(line, List.of(), CaseParts.NONE, List.of(error));
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** One line: a case object read into rows (one per victim) and parts, with every problem pointed at. */
    private final class Line {

        private final long number;
        private final JsonNode node;
        private final List<FieldError> errors = new ArrayList<>();

        Line(long number, JsonNode node) {
            this.number = number;
            this.node = node;
        }

        private String at(String pointer) {
            return "/rows/" + number + pointer;
        }

        UploadRecord read() {
            Set<String> known = new HashSet<>(CASE_FIELDS.values());
            known.addAll(Set.of("victims", "suspects", "proceedings", "assistance"));
            unknownFields(node, known, "");
            Map<String, String> caseCells = new HashMap<>();
            CASE_FIELDS.forEach((column, field) -> caseCells.put(column, scalar(node, field, column, "")));
            String caseRef = caseCells.get("case_ref");
            if (caseRef != null && !caseRefs.add(caseRef.strip())) {
                errors.add(new FieldError(at("/fileReference"), "CaseRefUniqueInFile",
                        "This case appears on an earlier line; put all of a case on one line."));
            }
            List<UploadRow> rows = new ArrayList<>();
            List<JsonNode> victims = array(node, "victims", "");
            if (victims.isEmpty() && errors.stream().noneMatch(e -> e.pointer().equals(at("/victims")))) {
                errors.add(new FieldError(at("/victims"), "VictimsRequired",
                        "A case in an upload has at least one victim."));
            }
            Map<String, UUID> victimIds = new HashMap<>();
            for (int i = 0; i < victims.size(); i++) {
                JsonNode victim = victims.get(i);
                String base = "/victims/" + i;
                if (!victim.isObject()) {
                    errors.add(new FieldError(at(base), "FieldFormat", "A victim is a JSON object."));
                    continue;
                }
                unknownFields(victim, new HashSet<>(VICTIM_FIELDS.values()), base);
                Map<String, String> cells = new HashMap<>(caseCells);
                VICTIM_FIELDS.forEach((column, field) -> cells.put(column, scalar(victim, field, column, base)));
                UploadRow row = UploadRow.read(new UploadRow.Fields() {
                    public String raw(String column) {
                        return cells.get(column);
                    }

                    public String pointer(String column) {
                        return CASE_FIELDS.containsKey(column) ? at("/" + CASE_FIELDS.get(column))
                                : at(base + "/" + field(column));
                    }
                }, codes, today);
                rows.add(row);
                if (row.victimRef() != null) {
                    victimIds.put(row.victimRef(), fakeId("victim:" + row.victimRef()));
                }
            }
            List<SuspectDetails> suspects = suspects();
            List<CaseParts.Proceeding> proceedings = proceedings(suspects.size(), victimIds);
            List<CaseParts.Assistance> assistance = assistance(victimIds);
            return new UploadRecord(number, rows, new CaseParts("/victims/%d/", suspects, proceedings, assistance),
                    errors);
        }

        private List<SuspectDetails> suspects() {
            List<SuspectDetails> result = new ArrayList<>();
            List<JsonNode> items = array(node, "suspects", "");
            for (int i = 0; i < items.size(); i++) {
                String base = "/suspects/" + i;
                JsonNode s = object(items.get(i), base, SUSPECT_FIELDS);
                if (s == null) {
                    continue;
                }
                SuspectDetails details = new SuspectDetails(code(s, "sex", "sex", base),
                        integer(s, "age", base), code(s, "nationality", "country", base),
                        code(s, "role", "suspect-role", base), code(s, "organizationType", "organization-type", base),
                        codes(s, "modusOperandi", "modus-operandi", base), null);
                rules(CaseRules.checkSuspect(details), base, Map.of());
                result.add(details);
            }
            return result;
        }

        private List<CaseParts.Proceeding> proceedings(int suspects, Map<String, UUID> victimIds) {
            Set<UUID> suspectIds = new HashSet<>();
            for (int i = 0; i < suspects; i++) {
                suspectIds.add(fakeId("suspect:" + i));
            }
            List<CaseParts.Proceeding> result = new ArrayList<>();
            List<JsonNode> items = array(node, "proceedings", "");
            List<ProceedingDetails> seen = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String base = "/proceedings/" + i;
                JsonNode p = object(items.get(i), base, PROCEEDING_FIELDS);
                if (p == null) {
                    continue;
                }
                Integer suspect = integer(p, "suspect", base);
                String victimRef = scalar(p, "victimRef", null, base);
                UUID suspectId = suspect == null ? null : fakeId("suspect:" + suspect);
                UUID victimId = victimRef == null ? null : victimIds.getOrDefault(victimRef, fakeId("unknown"));
                ProceedingDetails details = new ProceedingDetails(code(p, "type", "proceeding-event", base),
                        date(p, "occurredOn", base), suspectId, victimId, code(p, "outcome", "judgment-outcome", base),
                        integer(p, "sentenceMonths", base), decimal(p, "amount", base),
                        scalar(p, "currency", null, base), null);
                Set<UUID> charged = new HashSet<>();
                for (ProceedingDetails earlier : seen) {
                    if (Set.of("CHARGE", "INDICTMENT").contains(earlier.type()) && earlier.occurredOn() != null
                            && (details.occurredOn() == null || !earlier.occurredOn().isAfter(details.occurredOn()))) {
                        charged.add(earlier.suspectId());
                    }
                }
                seen.add(details);
                rules(CaseRules.checkProceeding(details, today, suspectIds, new HashSet<>(victimIds.values()), charged),
                        base, Map.of("/suspectId", "/suspect", "/victimId", "/victimRef"));
                result.add(new CaseParts.Proceeding(new ProceedingDetails(details.type(), details.occurredOn(), null,
                        null, details.outcome(), details.sentenceMonths(), details.amount(), details.currency(), null),
                        suspect, victimRef));
            }
            return result;
        }

        private List<CaseParts.Assistance> assistance(Map<String, UUID> victimIds) {
            List<CaseParts.Assistance> result = new ArrayList<>();
            List<JsonNode> items = array(node, "assistance", "");
            for (int i = 0; i < items.size(); i++) {
                String base = "/assistance/" + i;
                JsonNode a = object(items.get(i), base, ASSISTANCE_FIELDS);
                if (a == null) {
                    continue;
                }
                String victimRef = scalar(a, "victimRef", null, base);
                UUID victimId = victimRef == null ? null : victimIds.getOrDefault(victimRef, fakeId("unknown"));
                AssistanceDetails details = new AssistanceDetails(victimId, code(a, "type", "assistance-type", base),
                        null, code(a, "shelterProvider", "shelter-provider", base),
                        code(a, "shelterType", "shelter-type", base), bool(a, "womenOnly", base),
                        bool(a, "withChildren", base), date(a, "startedOn", base), date(a, "endedOn", base),
                        code(a, "riskLevel", "risk-level", base), null);
                rules(CaseRules.checkAssistance(details, today, new HashSet<>(victimIds.values())), base,
                        Map.of("/victimId", "/victimRef"));
                result.add(new CaseParts.Assistance(new AssistanceDetails(null, details.type(), null,
                        details.shelterProvider(), details.shelterType(), details.womenOnly(), details.withChildren(),
                        details.startedOn(), details.endedOn(), details.riskLevel(), null), victimRef));
            }
            return result;
        }

        private void rules(List<FieldError> found, String base, Map<String, String> renamed) {
            for (FieldError e : found) {
                errors.add(new FieldError(at(base + renamed.getOrDefault(e.pointer(), e.pointer())), e.code(),
                        e.message(), e.args()));
            }
        }

        private void unknownFields(JsonNode object, Set<String> known, String base) {
            for (String name : object.propertyNames()) {
                if (!known.contains(name)) {
                    String shown = name.length() > 40 ? name.substring(0, 40) : name;
                    errors.add(new FieldError(at(base + "/" + shown.replaceAll("[^A-Za-z0-9_-]", "?")), "FieldUnknown",
                            "Unknown field; see docs/upload-format.md for the NDJSON fields."));
                }
            }
        }

        private JsonNode object(JsonNode item, String base, Set<String> known) {
            if (!item.isObject()) {
                errors.add(new FieldError(at(base), "FieldFormat", "Each item is a JSON object."));
                return null;
            }
            unknownFields(item, known, base);
            return item;
        }

        private List<JsonNode> array(JsonNode object, String field, String base) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                errors.add(new FieldError(at(base + "/" + field), "FieldFormat", "An array is expected here."));
                return List.of();
            }
            List<JsonNode> items = new ArrayList<>();
            value.forEach(items::add);
            return items;
        }

        /** A text value (for a flat column: its cell text); wrong JSON types are reported and read as absent. */
        private String scalar(JsonNode object, String field, String column, String base) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (column != null && INTEGER_COLUMNS.contains(column)) {
                if (value.isIntegralNumber() && value.canConvertToInt()) {
                    return String.valueOf(value.intValue());
                }
                errors.add(new FieldError(at(base + "/" + field), "FieldFormat", "A whole number is expected here."));
                return null;
            }
            if (column != null && ARRAY_COLUMNS.contains(column)) {
                if (value.isArray()) {
                    List<String> parts = new ArrayList<>();
                    for (int i = 0; i < value.size(); i++) {
                        if (!value.get(i).isString()) {
                            errors.add(new FieldError(at(base + "/" + field + "/" + i), "FieldFormat",
                                    "A code or label (a string) is expected here."));
                        } else {
                            parts.add(value.get(i).asString().replace("|", " "));
                        }
                    }
                    return String.join("|", parts);
                }
                errors.add(new FieldError(at(base + "/" + field), "FieldFormat", "An array of codes is expected here."));
                return null;
            }
            if (!value.isString()) {
                errors.add(new FieldError(at(base + "/" + field), "FieldFormat", "A string is expected here."));
                return null;
            }
            String text = value.asString().strip();
            if (text.length() > 255) {
                errors.add(new FieldError(at(base + "/" + field), "TooLong", "At most 255 characters."));
                return null;
            }
            return text.isEmpty() ? null : text;
        }

        private String code(JsonNode object, String field, String list, String base) {
            String value = scalar(object, field, null, base);
            return value == null ? null : normalized(value, list, base + "/" + field);
        }

        /** An array of codes: at most {@link UploadRow#MAX_ERRORS_PER_CELL} of its items are reported. */
        private List<String> codes(JsonNode object, String field, String list, String base) {
            Set<String> result = new LinkedHashSet<>();
            List<JsonNode> items = array(object, field, base);
            int wrong = 0;
            for (int i = 0; i < items.size(); i++) {
                boolean report = wrong < UploadRow.MAX_ERRORS_PER_CELL;
                if (!items.get(i).isString()) {
                    wrong++;
                    if (report) {
                        errors.add(new FieldError(at(base + "/" + field + "/" + i), "FieldFormat",
                                "A code or label (a string) is expected here."));
                    }
                    continue;
                }
                String code = normalized(items.get(i).asString(), list, base + "/" + field + "/" + i, report);
                if (code != null) {
                    result.add(code);
                } else {
                    wrong++;
                }
            }
            return List.copyOf(result);
        }

        private String normalized(String value, String list, String pointer) {
            return normalized(value, list, pointer, true);
        }

        private String normalized(String value, String list, String pointer, boolean report) {
            String code = codes.code(list, value).orElse(null);
            if (code == null && report) {
                String shown = value.length() > 40 ? value.substring(0, 40) : value;
                shown = shown.replaceAll("[\\p{Cntrl}]", "?");
                errors.add(FieldError.withArgs(at(pointer), "CodeUnknown", "'" + shown + "' is not a code or label of "
                        + list + " version " + codes.version(list) + ".", shown, list, codes.version(list)));
            }
            return code;
        }

        private Integer integer(JsonNode object, String field, String base) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                return value.intValue();
            }
            errors.add(new FieldError(at(base + "/" + field), "FieldFormat", "A whole number is expected here."));
            return null;
        }

        private BigDecimal decimal(JsonNode object, String field, String base) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isNumber()) {
                if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
                    errors.add(new FieldError(at(base + "/" + field), "FieldFormat",
                            "A number is expected here; this one is beyond the range of numbers."));
                    return null;
                }
                BigDecimal number = value.decimalValue();
                if (number.abs().compareTo(MAX_AMOUNT) >= 0) {
                    errors.add(new FieldError(at(base + "/" + field), "FieldFormat",
                            "A number of at most 16 digits before the decimal point is expected here."));
                    return null;
                }
                return number;
            }
            errors.add(new FieldError(at(base + "/" + field), "FieldFormat", "A number is expected here."));
            return null;
        }

        private Boolean bool(JsonNode object, String field, String base) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            errors.add(new FieldError(at(base + "/" + field), "FieldFormat", "true or false is expected here."));
            return null;
        }

        private LocalDate date(JsonNode object, String field, String base) {
            String value = scalar(object, field, null, base);
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(at(base + "/" + field), "DateFormat", "Dates are YYYY-MM-DD."));
                return null;
            }
        }
    }

    private static UUID fakeId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
