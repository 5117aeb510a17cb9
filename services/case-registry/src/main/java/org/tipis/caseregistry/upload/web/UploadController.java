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
import org.springframework.web.multipart.MultipartFile;
import org.tipis.caseregistry.upload.Upload;
import org.tipis.caseregistry.upload.UploadService;
import org.tipis.caseregistry.upload.persistence.UploadStore;
import org.tipis.platform.caller.Caller;

import io.swagger.v3.oas.annotations.Operation;

/** Bulk uploads (docs/upload-format.md): the file as the body (text/csv) or as the multipart field "file". */
@RestController
@RequestMapping(path = "/api/v1/uploads", produces = MediaType.APPLICATION_JSON_VALUE)
class UploadController {

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

    record RowErrorResponse(long row, String column, String code, String message) {
    }

    @PostMapping(consumes = {"text/csv", "application/csv", MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Upload a CSV file (one row per victim). mode=strict writes all or nothing; partial writes the "
            + "valid rows; dryRun=true only validates. Idempotency-Key makes re-sending safe. Large files answer 202 "
            + "with the upload's Location to poll.")
    ResponseEntity<UploadResponse> upload(HttpServletRequest request,
                                          @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                          @RequestParam(defaultValue = "false") boolean dryRun,
                                          @RequestParam(defaultValue = "strict") String mode,
                                          @RequestParam(defaultValue = "false") boolean async,
                                          @RequestParam(required = false) String onBehalfOf, Caller caller)
            throws IOException {
        try (InputStream body = request.getInputStream()) {
            return answer(service.receive(caller, body, request.getContentLengthLong(), request.getContentType(), key,
                    dryRun, mode, onBehalfOf, async));
        }
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "The same upload as a multipart form with the field 'file'")
    ResponseEntity<UploadResponse> uploadForm(@RequestPart("file") MultipartFile file,
                                              @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                              @RequestParam(defaultValue = "false") boolean dryRun,
                                              @RequestParam(defaultValue = "strict") String mode,
                                              @RequestParam(defaultValue = "false") boolean async,
                                              @RequestParam(required = false) String onBehalfOf, Caller caller)
            throws IOException {
        String type = file.getContentType() == null || file.getContentType().equals("application/octet-stream")
                ? "text/csv" : file.getContentType();
        try (InputStream body = file.getInputStream()) {
            return answer(service.receive(caller, body, file.getSize(), type, key, dryRun, mode, onBehalfOf, async));
        }
    }

    @GetMapping("/{id}")
    @Operation(summary = "An upload's status: queued, running, completed or failed, with row counts, percent and ETA")
    UploadResponse status(@PathVariable UUID id, Caller caller) {
        return UploadResponse.of(service.status(caller, id), Instant.now());
    }

    @GetMapping(path = "/{id}/report", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Every rejected cell: row (line in the file), column, rule code, message in your language")
    ResponseEntity<?> report(@PathVariable UUID id, @RequestParam(defaultValue = "json") String format,
                             @RequestParam(defaultValue = "0") int offset,
                             @RequestParam(defaultValue = "100000") int limit, Caller caller) throws IOException {
        Locale locale = LocaleContextHolder.getLocale();
        List<RowErrorResponse> rows = service.report(caller, id, Math.max(0, offset), Math.min(Math.max(1, limit), 100_000))
                .stream().map(e -> new RowErrorResponse(e.row(), column(e.column()), e.code(),
                        messages.getMessage("problem." + e.code(), e.args().toArray(), e.message(), locale))).toList();
        if ("csv".equals(format)) {
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

    private static ResponseEntity<UploadResponse> answer(UploadService.Received received) {
        Upload upload = received.upload();
        UploadResponse body = UploadResponse.of(upload, Instant.now());
        URI location = URI.create("/api/v1/uploads/" + upload.id());
        if (received.replay()) {
            return ResponseEntity.ok().location(location).header("Idempotent-Replayed", "true").body(body);
        }
        if (!upload.finished()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).location(location).body(body);
        }
        return ResponseEntity.status(upload.dryRun() ? HttpStatus.OK : HttpStatus.CREATED).location(location).body(body);
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
