package org.tipis.caseregistry.upload.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.http.ProblemDetail;
import org.tipis.caseregistry.upload.Upload;
import org.tipis.caseregistry.upload.UploadFormat;
import org.tipis.caseregistry.upload.UploadService;
import org.tipis.caseregistry.upload.persistence.UploadStore;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;
import org.tipis.platform.problem.Problems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Bulk uploads (docs/upload-format.md): the file (CSV, NDJSON or XLSX) as the body or as the multipart field "file".
 */
@RestController
@RequestMapping(path = "/api/v1/uploads", produces = MediaType.APPLICATION_JSON_VALUE)
@Validated
class UploadController {

    static final int PROBLEM_ERRORS = 100;

    private final UploadService service;
    private final MessageSource messages;

    UploadController(UploadService service, MessageSource messages) {
        this.service = service;
        this.messages = messages;
    }

    record UploadResponse(UUID id, String status, String mode, boolean dryRun, long bytes, int rowsRead, int rowsValid,
                          int rowsInvalid, int rowsWritten, int rowsChanged, int percent, Long etaSeconds, String failure,
                          Instant createdAt, Instant finishedAt, String report) {

        static UploadResponse of(Upload u, Instant now) {
            int percent = u.finished() ? 100 : u.bytes() == 0 ? 0 : (int) Math.min(99, u.bytesRead() * 100 / u.bytes());
            Long eta = null;
            if (!u.finished() && u.startedAt() != null && percent > 0) {
                long elapsed = Duration.between(u.startedAt(), now).toSeconds();
                eta = elapsed * (100 - percent) / percent;
            }
            return new UploadResponse(u.id(), u.status(), u.mode(), u.dryRun(), u.bytes(), u.rowsRead(), u.rowsValid(),
                    u.rowsInvalid(), u.rowsWritten(), u.rowsChanged(), percent, eta, u.failure(), u.createdAt(), u.finishedAt(),
                    "/api/v1/uploads/" + u.id() + "/report");
        }
    }

    /**
     * @param row     the line (CSV, NDJSON) or spreadsheet row
     * @param column  the flat format's column, or the last field of the pointer
     * @param pointer the JSON pointer of the offending cell or field, e.g. /rows/3/sex or /rows/3/victims/0/sex
     */
    record RowErrorResponse(long row, String column, String pointer, String code, String message) {
    }

    @PostMapping(consumes = {"text/csv", "application/csv", MediaType.TEXT_PLAIN_VALUE, "application/x-ndjson",
            UploadFormat.XLSX_TYPE})
    @Operation(summary = "Upload a file: CSV (text/csv, one row per victim), NDJSON (application/x-ndjson, one case per "
            + "line) or XLSX (the template's data sheet). mode=strict writes all or nothing; partial writes the "
            + "valid rows; dryRun=true only validates. Idempotency-Key makes re-sending safe. Large files answer 202 "
            + "with the upload's Location to poll. A file refused whole answers 422 import-rejected with errors[].")
    ResponseEntity<?> upload(HttpServletRequest request,
                                          @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                          @RequestParam(defaultValue = "false") boolean dryRun,
                                          @RequestParam(defaultValue = "strict") String mode,
                                          @RequestParam(defaultValue = "false") boolean async,
                                          @RequestParam(required = false) String onBehalfOf, Caller caller)
            throws IOException {
        try (InputStream body = request.getInputStream()) {
            return answer(service.receive(caller, body, request.getContentLengthLong(), request.getContentType(), key,
                    dryRun, mode, onBehalfOf, async), caller, request.getRequestURI());
        }
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "The same upload as a multipart form with the field 'file'")
    ResponseEntity<?> uploadForm(@RequestPart("file") MultipartFile file,
                                              @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                              @RequestParam(defaultValue = "false") boolean dryRun,
                                              @RequestParam(defaultValue = "strict") String mode,
                                              @RequestParam(defaultValue = "false") boolean async,
                                              @RequestParam(required = false) String onBehalfOf, Caller caller)
            throws IOException {
        String type = file.getContentType() == null || file.getContentType().equals("application/octet-stream")
                ? byExtension(file.getOriginalFilename()) : file.getContentType();
        try (InputStream body = file.getInputStream()) {
            return answer(service.receive(caller, body, file.getSize(), type, key, dryRun, mode, onBehalfOf, async),
                    caller, "/api/v1/uploads");
        }
    }

    /** A page of uploads, newest first. */
    record UploadPage(List<UploadResponse> items, int page, int size, long totalItems, int totalPages) {
    }

    @GetMapping
    @Operation(summary = "Your institution's uploads, newest first, optionally of one status (queued, running, "
            + "completed, failed)")
    UploadPage list(@RequestParam(required = false) String status,
                    @RequestParam(defaultValue = "0") @Min(0) int page,
                    @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, Caller caller) {
        UploadStore.UploadPage found = service.list(caller, status, page, size);
        Instant now = Instant.now();
        return new UploadPage(found.items().stream().map(u -> UploadResponse.of(u, now)).toList(), page, size,
                found.totalItems(), (int) ((found.totalItems() + size - 1) / size));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a queued or running upload: partial mode keeps the batches already written "
            + "(rowsWritten), strict mode writes nothing; 409 when it has already ended")
    UploadResponse cancel(@PathVariable UUID id, Caller caller) {
        return UploadResponse.of(service.cancel(caller, id), Instant.now());
    }

    @GetMapping("/{id}")
    @Operation(summary = "An upload's status: queued, running, completed or failed, with row counts, percent and ETA")
    UploadResponse status(@PathVariable UUID id, Caller caller) {
        return UploadResponse.of(service.status(caller, id), Instant.now());
    }

    @GetMapping(path = "/{id}/report", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Every rejected cell: row (line in the file), column, rule code, message in your language")
    ResponseEntity<?> report(@PathVariable UUID id,
                             @Parameter(description = "json or csv; without it, an Accept header preferring text/csv "
                                     + "to JSON gets CSV", schema = @Schema(allowableValues = {"json", "csv"}))
                             @RequestParam(required = false) String format,
                             @RequestParam(defaultValue = "0") int offset,
                             @RequestParam(defaultValue = "100000") int limit,
                             @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false)
                             String accept,
                             Caller caller) throws IOException {
        boolean asCsv = reportAsCsv(format, accept);
        Locale locale = LocaleContextHolder.getLocale();
        List<RowErrorResponse> rows = service.report(caller, id, Math.max(0, offset), Math.min(Math.max(1, limit), 100_000))
                .stream().map(e -> new RowErrorResponse(e.row(), column(e.column()), e.column(), e.code(),
                        message(e, locale))).toList();
        if (asCsv) {
            StringBuilder out = new StringBuilder();
            try (CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader("row", "column", "code", "message").get().print(out)) {
                for (RowErrorResponse row : rows) {
                    csv.printRecord(row.row(), safe(row.column()), row.code(), safe(row.message()));
                }
            }
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"upload-" + id + "-report.csv\"")
                    .body(out.toString());
        }
        return ResponseEntity.ok(rows);
    }

    /**
     * CSV when asked for with {@code format=csv}, or, without {@code format}, when the Accept header prefers
     * {@code text/csv} to JSON (wildcards choose JSON); another {@code format} is a validation problem.
     */
    static boolean reportAsCsv(String format, String accept) {
        if (format != null) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new ProblemException(ProblemType.VALIDATION_FAILED,
                        "format is json or csv.", List.of(new FieldError("/query/format", "ReportFormatUnknown",
                        "Use json or csv.")));
            };
        }
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double csv = -1;
        double json = -1;
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                continue;
            }
            if (type.getSubtype().equals("csv")) {
                csv = Math.max(csv, type.getQualityValue());
            } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        return csv > 0 && csv > json;
    }

    private ResponseEntity<?> answer(UploadService.Received received, Caller caller, String path) {
        Upload upload = received.upload();
        UploadResponse body = UploadResponse.of(upload, Instant.now());
        URI location = URI.create("/api/v1/uploads/" + upload.id());
        if (received.replay()) {
            return ResponseEntity.ok().location(location).header("Idempotent-Replayed", "true").body(body);
        }
        if (!upload.finished()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).location(location).body(body);
        }
        if (Upload.FAILED.equals(upload.status())) {
            return rejected(upload, caller, path, location);
        }
        return ResponseEntity.status(upload.dryRun() ? HttpStatus.OK : HttpStatus.CREATED).location(location).body(body);
    }

    /**
     * A file refused whole (strict mode with invalid rows, a header or container that is not the format, a file that
     * cannot be read): 422 import-rejected with the first {@value #PROBLEM_ERRORS} rejected cells in errors[]; the
     * upload stays readable at its Location with the full report.
     */
    private ResponseEntity<ProblemDetail> rejected(Upload upload, Caller caller, String path, URI location) {
        Locale locale = LocaleContextHolder.getLocale();
        List<FieldError> errors = service.firstProblems(upload, PROBLEM_ERRORS).stream()
                .map(e -> new FieldError(e.column(), e.code(), message(e, locale)))
                .toList();
        String detail = upload.failure() != null ? upload.failure() : "The file was refused; nothing was written.";
        ProblemDetail problem = Problems.of(ProblemType.IMPORT_REJECTED, 422, detail, path, errors);
        problem.setProperty("uploadId", upload.id());
        problem.setProperty("rowsRead", upload.rowsRead());
        problem.setProperty("rowsInvalid", upload.rowsInvalid());
        problem.setProperty("rowsWritten", upload.rowsWritten());
        problem.setProperty("report", location + "/report");
        return ResponseEntity.status(422).location(location).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * The error's message in the caller's language, or as stored (English) where there is no translation. The stored
     * message is never handed to the MessageSource as a default: it may quote the file's cells, which would be
     * parsed as a message pattern ({@code a'{b} fails) and cached for good, one entry per distinct message.
     */
    private String message(UploadStore.RowError error, Locale locale) {
        String translated = messages.getMessage("problem." + error.code(), error.args().toArray(), null, locale);
        return translated != null ? translated : error.message();
    }

    /** The content type of a multipart file sent without one, by its name. */
    private static String byExtension(String name) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
            return "application/x-ndjson";
        }
        return lower.endsWith(".xlsx") ? UploadFormat.XLSX_TYPE : "text/csv";
    }

    private static String column(String pointer) {
        if (pointer == null) {
            return null;
        }
        int slash = pointer.lastIndexOf('/');
        String last = pointer.substring(slash + 1);
        return last.matches("\\d+") ? null : last;
    }

    /** CSV injection: a leading =, +, -, @, tab or CR is defused for spreadsheets. */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }
}
