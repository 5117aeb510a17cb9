package org.tipis.caseregistry.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tipis.caseregistry.caserecord.CaseAccess;
import org.tipis.caseregistry.caserecord.CaseRecord;
import org.tipis.caseregistry.caserecord.CaseRecordService;
import org.tipis.caseregistry.caserecord.Victim;
import org.tipis.caseregistry.caserecord.VictimDetails;
import org.tipis.caseregistry.reference.ReferenceData;
import org.tipis.caseregistry.upload.persistence.UploadStore;
import org.tipis.platform.audit.AuditOrigin;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;
import org.tipis.platform.problem.SafeThrowables;

/**
 * Bulk uploads of standardized files. A file is spooled to disk (never held in memory), read twice as a stream:
 * first every row is validated (codes or labels in four languages, the registry's domain rules, duplicate victim
 * references), then the valid rows are written through the registry's own use cases, so each change is audited
 * (revision origin {@code upload:<id>}) and reaches the change feed. Strict mode writes everything in one
 * transaction or nothing; partial mode writes valid rows in batches, each batch committed with the upload's
 * progress, so that after a crash exactly the reported rows are in the store. Rows are upserted by the
 * institution's own references: re-sending a corrected file updates what changed and duplicates nothing.
 */
@Service
public class UploadService {

    private static final Logger log = LoggerFactory.getLogger(UploadService.class);
    static final int BATCH = 500;

    private final UploadStore store;
    private final CaseRecordService cases;
    private final CasePartsWriter parts;
    private final CaseAccess access;
    private final ReferenceData referenceData;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Path spool;
    private final long maxBytes;
    private final long syncBytes;

    UploadService(UploadStore store, CaseRecordService cases, CasePartsWriter parts, CaseAccess access,
                  ReferenceData referenceData,
                  PlatformTransactionManager transactions, Clock clock,
                  @Value("${tipis.upload.spool-dir:${java.io.tmpdir}/tipis-uploads}") String spool,
                  @Value("${tipis.upload.max-size:512MB}") org.springframework.util.unit.DataSize maxSize,
                  @Value("${tipis.upload.sync-size:1MB}") org.springframework.util.unit.DataSize syncSize)
            throws IOException {
        this.store = store;
        this.cases = cases;
        this.parts = parts;
        this.access = access;
        this.referenceData = referenceData;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.spool = Files.createDirectories(Path.of(spool));
        this.maxBytes = maxSize.toBytes();
        this.syncBytes = syncSize.toBytes();
    }

    public record Received(Upload upload, boolean replay) {
    }

    /** Takes a file: answers an earlier identical upload for the same key, else spools and processes it. */
    public Received receive(Caller caller, InputStream body, long declaredLength, String contentType,
                            String idempotencyKey, boolean dryRun, String mode, String onBehalfOf, boolean async)
            throws IOException {
        access.requireRecordWriter(caller);
        String institution = access.institutionOf(caller).id();
        CaseAccess.Writer writer = access.open(caller, onBehalfOf);
        if (!writer.sectionsFrom().may("VICTIM_IDENTIFICATION")) {
            throw ProblemException.forbidden("Institutions of kind " + writer.sectionsFrom().kind()
                    + " do not record victims; this upload format records cases and victims.");
        }
        if (!List.of("strict", "partial").contains(mode)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "mode is strict or partial.",
                    List.of(new FieldError("/query/mode", "ModeUnknown", "Use strict or partial.")));
        }
        UploadFormat format = UploadFormat.ofContentType(contentType).orElseThrow(() -> new ProblemException(
                ProblemType.UNSUPPORTED_MEDIA_TYPE, "Uploads are CSV (text/csv), NDJSON (application/x-ndjson) or "
                + "XLSX (" + UploadFormat.XLSX_TYPE + "); see docs/upload-format.md."));
        if (declaredLength > maxBytes) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The file is larger than " + maxBytes + " bytes.");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 128)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid Idempotency-Key.",
                    List.of(new FieldError("/header/Idempotency-Key", "IdempotencyKeyFormat", "1 to 128 characters.")));
        }
        UUID id = UUID.randomUUID();
        Path file = spool.resolve(id + "." + format.id());
        String sha;
        long bytes;
        try (DigestInputStream in = new DigestInputStream(body, sha256()); OutputStream out = Files.newOutputStream(file)) {
            bytes = copyLimited(in, out);
            sha = HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (idempotencyKey != null) {
            Optional<Upload> earlier = store.byKey(institution, idempotencyKey);
            if (earlier.isPresent()) {
                Files.deleteIfExists(file);
                if (!earlier.get().bodySha256().equals(sha)) {
                    throw new ProblemException(ProblemType.CONFLICT,
                            "This Idempotency-Key was used for another file; use a new key for a new file.");
                }
                return new Received(earlier.get(), true);
            }
        }
        if (bytes == 0) {
            Files.deleteIfExists(file);
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The file is empty.",
                    List.of(new FieldError("/body", "FileEmpty", "Send a file with a header and rows.")));
        }
        Upload upload = new Upload(id, institution, caller.country().orElseThrow(), onBehalfOf, idempotencyKey, sha,
                format.id(), mode, dryRun, Upload.QUEUED, bytes, 0, 0, 0, 0, 0, null, caller.username(), clock.instant(),
                null, null);
        store.insert(upload);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Runnable work = () -> process(upload, file, caller, authentication);
        if (async || bytes > syncBytes) {
            Thread.ofVirtual().name("upload-" + id).start(work);
        } else {
            work.run();
        }
        return new Received(store.byId(id).orElseThrow(), false);
    }

    public Upload status(Caller caller, UUID id) {
        return visible(caller, id);
    }

    public List<UploadStore.RowError> report(Caller caller, UUID id, int offset, int limit) {
        visible(caller, id);
        return store.errors(id, offset, limit);
    }

    private Upload visible(Caller caller, UUID id) {
        Upload upload = store.byId(id).orElse(null);
        if (upload == null || !caller.institution().filter(upload.institution()::equals).isPresent()) {
            throw ProblemException.notFound("There is no upload " + id + ".");
        }
        return upload;
    }

    /** After a restart: uploads that were running did not finish; their committed batches are what they wrote. */
    @EventListener(ApplicationReadyEvent.class)
    void markInterrupted() {
        for (UUID id : store.interrupted()) {
            store.finished(id, Upload.FAILED, "Interrupted by a restart; the rows reported as written are in the store.",
                    clock.instant());
        }
    }

    void process(Upload upload, Path file, Caller caller, Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            AuditOrigin.callAs("upload:" + upload.id(), () -> {
                run(upload, file, caller);
                return null;
            });
        } catch (Exception e) {
            log.warn("Upload {} failed: {}", upload.id(), SafeThrowables.describe(e));
            store.finished(upload.id(), Upload.FAILED, e instanceof ProblemException p ? truncate(p.getMessage())
                    : "The upload could not be processed; nothing more was written.", clock.instant());
        } finally {
            SecurityContextHolder.clearContext();
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the spool directory is cleaned at the next start
            }
        }
    }

    private void run(Upload upload, Path file, Caller caller) throws IOException {
        store.started(upload.id(), clock.instant());
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        CodeNormalizer codes = new CodeNormalizer(referenceData);
        BitSet invalid = new BitSet();
        int read = 0;
        int bad = 0;
        Set<String> refs = new HashSet<>();
        try (UploadSource csv = UploadSource.open(file, format(upload), codes, today)) {
            if (!csv.fileErrors().isEmpty()) {
                store.errors(upload.id(), 1, csv.fileErrors());
                store.finished(upload.id(), Upload.FAILED, "The file is not in the upload format; nothing was written.",
                        clock.instant());
                return;
            }
            while (csv.hasNext()) {
                UploadRecord record = csv.next();
                long line = record.line();
                read++;
                Set<FieldError> found = new LinkedHashSet<>(record.errors());
                for (int i = 0; i < record.rows().size(); i++) {
                    UploadRow row = record.rows().get(i);
                    found.addAll(row.errors());
                    if (row.victimRef() != null && !refs.add(row.victimRef())) {
                        found.add(new FieldError(record.pointer(i, "victim_ref"), "VictimRefUniqueInFile",
                                "This victim reference appears earlier in the file."));
                    }
                }
                List<FieldError> errors = new ArrayList<>(found);
                if (!errors.isEmpty()) {
                    invalid.set(read);
                    bad++;
                    store.errors(upload.id(), line, errors);
                }
                if (read % 1000 == 0) {
                    store.progress(upload.id(), csv.bytesRead() / 2, read, read - bad, bad, 0);
                }
            }
        } catch (UploadSource.Unreadable e) {
            String at = e.error().pointer();
            store.errors(upload.id(), Long.parseLong(at.replaceFirst("^/rows/(\\d+).*$", "$1")), List.of(e.error()));
            store.progress(upload.id(), 0, read, read - bad, bad + 1, 0);
            store.finished(upload.id(), Upload.FAILED, "The file could not be read to the end; nothing was written.",
                    clock.instant());
            return;
        }
        int valid = read - bad;
        store.progress(upload.id(), upload.bytes() / 2, read, valid, bad, 0);
        if (upload.dryRun()) {
            store.finished(upload.id(), Upload.COMPLETED, null, clock.instant());
            return;
        }
        if ("strict".equals(upload.mode()) && bad > 0) {
            store.finished(upload.id(), Upload.FAILED, bad + " invalid row(s); strict mode wrote nothing.", clock.instant());
            return;
        }
        int written = "strict".equals(upload.mode()) ? writeAll(upload, file, caller, today, codes, read, valid)
                : writeInBatches(upload, file, caller, today, codes, invalid, read, bad);
        store.finished(upload.id(), Upload.COMPLETED, null, clock.instant());
        log.info("Upload {} completed: {} rows read, {} written", upload.id(), read, written);
    }

    /** Strict mode: one transaction; any failure leaves nothing. */
    private int writeAll(Upload upload, Path file, Caller caller, LocalDate today, CodeNormalizer codes, int read,
                         int valid) {
        Writer writer = new Writer(caller, upload);
        transactions.executeWithoutResult(status -> {
            try (UploadSource csv = UploadSource.open(file, format(upload), codes, today)) {
                while (csv.hasNext()) {
                    writer.write(csv.next());
                }
                store.progress(upload.id(), upload.bytes(), read, valid, 0, writer.written);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return writer.written;
    }

    /** Partial mode: batches of valid rows, each committed with the progress; a failing row is reported. */
    private int writeInBatches(Upload upload, Path file, Caller caller, LocalDate today, CodeNormalizer codes,
                               BitSet invalid, int read, int bad) throws IOException {
        Writer writer = new Writer(caller, upload);
        int[] failed = {0};
        try (UploadSource csv = UploadSource.open(file, format(upload), codes, today)) {
            int index = 0;
            List<Map.Entry<Long, UploadRecord>> batch = new ArrayList<>();
            while (csv.hasNext()) {
                UploadRecord record = csv.next();
                index++;
                if (invalid.get(index)) {
                    continue;
                }
                batch.add(Map.entry(record.line(), record));
                if (batch.size() == BATCH || !csv.hasNext()) {
                    long bytesRead = csv.bytesRead();
                    commit(upload, writer, batch, failed, read, bad, bytesRead);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                commit(upload, writer, batch, failed, read, bad, upload.bytes());
            }
        }
        return writer.written;
    }

    private void commit(Upload upload, Writer writer, List<Map.Entry<Long, UploadRecord>> batch, int[] failed, int read,
                        int bad, long bytesRead) {
        int before = writer.written;
        try {
            transactions.executeWithoutResult(status -> {
                batch.forEach(e -> writer.write(e.getValue()));
                store.progress(upload.id(), bytesRead / 2 + upload.bytes() / 2, read, read - bad - failed[0],
                        bad + failed[0], writer.written);
            });
        } catch (RuntimeException batchFailed) {
            writer.written = before;
            writer.forget();
            for (Map.Entry<Long, UploadRecord> e : batch) {
                try {
                    transactions.executeWithoutResult(status -> {
                        writer.write(e.getValue());
                        store.progress(upload.id(), bytesRead / 2 + upload.bytes() / 2, read, read - bad - failed[0],
                                bad + failed[0], writer.written);
                    });
                } catch (RuntimeException rowFailed) {
                    writer.forget();
                    failed[0]++;
                    List<FieldError> errors = rowFailed instanceof ProblemException p && !p.errors().isEmpty()
                            ? p.errors().stream().map(x -> new FieldError("/rows/" + e.getKey() + "/"
                            + x.pointer().replaceFirst("^/", ""), x.code(), x.message(), x.args())).toList()
                            : List.of(new FieldError("/rows/" + e.getKey(), "RowNotWritten",
                            rowFailed instanceof ProblemException p ? truncate(p.getMessage()) : "The row could not be written."));
                    transactions.executeWithoutResult(status -> {
                        store.errors(upload.id(), e.getKey(), errors);
                        store.progress(upload.id(), bytesRead / 2 + upload.bytes() / 2, read, read - bad - failed[0],
                                bad + failed[0], writer.written);
                    });
                }
            }
        }
    }

    /** Writes rows through the registry's use cases, upserting by the institution's own references. */
    private final class Writer {

        private final Caller caller;
        private final Upload upload;
        private final Map<String, UUID> caseIds = new HashMap<>();
        int written;

        Writer(Caller caller, Upload upload) {
            this.caller = caller;
            this.upload = upload;
        }

        void forget() {
            caseIds.clear();
        }

        /** A record's victims, then (NDJSON) its case's suspects, proceedings and assistance. */
        void write(UploadRecord record) {
            record.rows().forEach(this::write);
            parts.write(caller, upload.onBehalfOf() != null ? upload.onBehalfOf() : upload.institution(), record);
        }

        void write(UploadRow row) {
            String owner = upload.onBehalfOf() != null ? upload.onBehalfOf() : upload.institution();
            UUID caseId = caseIds.get(row.caseRef());
            if (caseId == null) {
                caseId = cases.caseByReference(owner, row.caseRef()).map(CaseRecord::id)
                        .orElseGet(() -> cases.open(caller, row.caseDetails(), upload.onBehalfOf(), Map.of()).record().id());
                caseIds.put(row.caseRef(), caseId);
            }
            Optional<Victim> existing = cases.victimByReference(owner, row.victimRef());
            if (existing.isPresent()) {
                VictimDetails current = existing.get().details();
                VictimDetails merged = mergeInto(current, row.victim());
                if (!Objects.equals(current, merged)) {
                    cases.updateVictim(caller, existing.get().caseId(), existing.get().id(), d -> merged,
                            existing.get().version());
                }
            } else {
                cases.addVictim(caller, caseId, row.victim(), Map.of(), null);
            }
            written++;
        }

        /** The file's columns replace the record's; what the format does not carry stays as recorded. */
        private VictimDetails mergeInto(VictimDetails current, VictimDetails file) {
            return new VictimDetails(file.victimRef(), file.sex(), file.ageAtExploitation(), file.ageAtIdentification(),
                    current.ageRangeMin(), current.ageRangeMax(), null, file.nationality(), current.residenceCountry(),
                    current.residenceRegion(), current.ethnicity(), current.disability(), current.lgbti(),
                    current.socioEconomicLevel(), current.occupation(), current.economicSector(),
                    current.migrationStatus(), file.exploitationPrimary(), file.exploitationOther(),
                    current.recruitmentMeans(), current.exploitationStart(), file.identificationDate(),
                    current.identifyingInstitution(), file.status(), current.consentScope(), current.situationNote());
        }
    }

    private static UploadFormat format(Upload upload) {
        return UploadFormat.valueOf(upload.format().toUpperCase(java.util.Locale.ROOT));
    }

    private long copyLimited(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > maxBytes) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The file is larger than " + maxBytes + " bytes.");
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text) {
        return text == null ? null : text.length() > 480 ? text.substring(0, 480) : text;
    }
}
