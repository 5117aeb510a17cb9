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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tipis.caseregistry.audit.AccessLog;
import org.tipis.caseregistry.caserecord.CaseAccess;
import org.tipis.caseregistry.caserecord.CaseRecord;
import org.tipis.caseregistry.caserecord.CaseRecordService;
import org.tipis.caseregistry.caserecord.Victim;
import org.tipis.caseregistry.caserecord.VictimDetails;
import org.tipis.caseregistry.reference.ReferenceData;
import org.tipis.caseregistry.feed.Outbox;
import org.tipis.caseregistry.upload.persistence.BatchStore;
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
 * references), then the valid rows are written in batches by the {@link SetBasedWriter} (COPY and set-based SQL,
 * with the registry's checks, Envers revisions attributed to {@code upload:<id>} and change-feed events). Strict
 * mode writes everything in one transaction or nothing; partial mode commits each batch with the upload's
 * progress, so that after a crash exactly the reported rows are in the store. Rows are upserted by the
 * institution's own references: re-sending a corrected file updates what changed and duplicates nothing.
 *
 * <p>An upload is processed by the instance that received it ({@link UploadInstance}), which renews its heartbeat
 * every {@code tipis.upload.heartbeat}. Any instance fails the unfinished uploads whose heartbeat is older than
 * {@code tipis.upload.lease}; an instance that was stalled meanwhile finds out at its next commit, which then writes
 * nothing, and stops.
 */
@Service
public class UploadService {

    private static final Logger log = LoggerFactory.getLogger(UploadService.class);

    private final UploadStore store;
    private final BatchStore batchStore;
    private final Outbox outbox;
    private final CaseRecordService cases;
    private final CasePartsWriter parts;
    private final CaseAccess access;
    private final AccessLog accessLog;
    private final ReferenceData referenceData;
    private final TransactionTemplate transactions;
    private final TransactionTemplate separately;
    private final Clock clock;
    private final UploadInstance instance;
    /** This instance's own directory of the spool. */
    private final Path spool;
    /** Permits of the large (asynchronous) uploads running at once. */
    private final java.util.concurrent.Semaphore running;
    /** When this instance started: spooled files older than this belong to uploads a restart interrupted. */
    private final java.nio.file.attribute.FileTime started = java.nio.file.attribute.FileTime.from(java.time.Instant.now());
    /** When this instance started, by the clock uploads are dated with: its earlier uploads are its previous run's. */
    private final java.time.Instant startedAt;
    /** How long an upload whose heartbeat stopped is left to its instance before any instance fails it. */
    private final Duration lease;
    private final long maxBytes;
    private final long syncBytes;
    private final int batchRows;

    UploadService(UploadStore store, BatchStore batchStore, Outbox outbox, CaseRecordService cases,
                  CasePartsWriter parts, CaseAccess access, AccessLog accessLog, ReferenceData referenceData,
                  PlatformTransactionManager transactions, Clock clock, UploadInstance instance,
                  @Value("${tipis.upload.heartbeat:10s}") Duration heartbeat,
                  @Value("${tipis.upload.lease:60s}") Duration lease,
                  @Value("${tipis.upload.max-size:512MB}") org.springframework.util.unit.DataSize maxSize,
                  @Value("${tipis.upload.sync-size:1MB}") org.springframework.util.unit.DataSize syncSize,
                  @Value("${tipis.upload.batch-rows:5000}") int batchRows,
                  @Value("${tipis.upload.concurrency:2}") int concurrency) {
        if (lease.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("tipis.upload.lease (" + lease + ") must be longer than "
                    + "tipis.upload.heartbeat (" + heartbeat + "), else running uploads are failed between heartbeats.");
        }
        this.running = new java.util.concurrent.Semaphore(Math.max(1, concurrency), true);
        this.store = store;
        this.batchStore = batchStore;
        this.outbox = outbox;
        this.batchRows = batchRows;
        this.cases = cases;
        this.parts = parts;
        this.access = access;
        this.accessLog = accessLog;
        this.referenceData = referenceData;
        this.transactions = new TransactionTemplate(transactions);
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.instance = instance;
        this.spool = instance.spool();
        this.startedAt = clock.instant();
        this.lease = lease;
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
        Upload upload;
        try {
            if (idempotencyKey != null) {
                Optional<Upload> earlier = store.byKey(institution, idempotencyKey);
                if (earlier.isPresent()) {
                    Files.deleteIfExists(file);
                    return replay(earlier.get(), sha);
                }
            }
            if (bytes == 0) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "The file is empty.",
                        List.of(new FieldError("/body", "FileEmpty", "Send a file with a header and rows.")));
            }
            upload = new Upload(id, institution, caller.country().orElseThrow(), onBehalfOf, idempotencyKey, sha,
                    format.id(), mode, dryRun, Upload.QUEUED, bytes, 0, 0, 0, 0, 0, null, caller.username(),
                    clock.instant(), null, null, 0);
            try {
                store.insert(upload, instance.name());
            } catch (org.springframework.dao.DuplicateKeyException sameKeyMeanwhile) {
                // the same key sent twice at once: the other request recorded it first
                Files.deleteIfExists(file);
                return replay(store.byKey(institution, idempotencyKey).orElseThrow(() -> sameKeyMeanwhile), sha);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Runnable work = () -> process(upload, file, caller, authentication);
        if (async || bytes > syncBytes) {
            // at most tipis.upload.concurrency large uploads run at once (each holds database connections for its
            // duration); the others wait, "queued"
            Thread.ofVirtual().name("upload-" + id).start(() -> {
                running.acquireUninterruptibly();
                try {
                    work.run();
                } finally {
                    running.release();
                }
            });
        } else {
            work.run();
        }
        return new Received(store.byId(id).orElseThrow(), false);
    }

    /** The most problems one row (an NDJSON line: a case with its parts) gets in the report. */
    static final int MAX_ERRORS_PER_ROW = 100;

    /**
     * A row's problems as reported: at most {@link #MAX_ERRORS_PER_ROW}, the last of them saying how many more there
     * were (a 1 MiB NDJSON line of unknown fields would otherwise store tens of thousands of report rows).
     */
    static List<FieldError> listed(List<FieldError> errors, long line) {
        if (errors.size() <= MAX_ERRORS_PER_ROW) {
            return errors;
        }
        int more = errors.size() - (MAX_ERRORS_PER_ROW - 1);
        List<FieldError> listed = new ArrayList<>(errors.subList(0, MAX_ERRORS_PER_ROW - 1));
        listed.add(FieldError.withArgs("/rows/" + line, "TooManyProblems", "This row has " + more
                + " more problems, not listed; correct the ones above and send it again.", more));
        return listed;
    }

    /** The earlier upload of this key when the body is the same; 409 when it is another file. */
    private static Received replay(Upload earlier, String sha) {
        if (!earlier.bodySha256().equals(sha)) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "This Idempotency-Key was used for another file; use a new key for a new file.");
        }
        return new Received(earlier, true);
    }

    public Upload status(Caller caller, UUID id) {
        return visible(caller, id);
    }

    /** A page of the report; each read is logged, since a report quotes the file's cells. */
    public List<UploadStore.RowError> report(Caller caller, UUID id, int offset, int limit) {
        visible(caller, id);
        return transactions.execute(status -> {
            List<UploadStore.RowError> errors = store.errors(id, offset, limit);
            // logged last: the log's chain lock is held until the commit, not while the report is read
            accessLog.allowed(caller, "READ_UPLOAD_REPORT", "upload", id, null);
            return errors;
        });
    }

    /** The first problems of a file refused whole, for the answer to the request that sent it (not logged as a read). */
    public List<UploadStore.RowError> firstProblems(Upload received, int limit) {
        return store.errors(received.id(), 0, limit);
    }

    /** The statuses an upload can have, for filtering the list. */
    static final List<String> STATUSES = List.of(Upload.QUEUED, Upload.RUNNING, Upload.COMPLETED, Upload.FAILED);

    /** The uploads of the caller's institution, newest first, optionally of one status. */
    public UploadStore.UploadPage list(Caller caller, String status, int page, int size) {
        access.requireRecordWriter(caller);
        if (status != null && !STATUSES.contains(status)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "status is queued, running, completed or failed.",
                    List.of(new FieldError("/query/status", "UploadStatusUnknown",
                            "Use queued, running, completed or failed.")));
        }
        String institution = caller.institution().orElseThrow(() -> ProblemException.forbidden(
                "Uploads belong to an institution; your account has none."));
        return store.list(institution, status, page, size);
    }

    static final String CANCELLED = "Cancelled; the rows counted as written are in the store, and no others.";

    /**
     * Ends a queued or running upload of the caller's institution. Its worker finds out at its next commit, which is
     * then rolled back: partial mode keeps the batches committed before (counted in rowsWritten), strict mode keeps
     * nothing unless its single commit had already happened (then rowsWritten counts the whole file).
     */
    public Upload cancel(Caller caller, UUID id) {
        Upload upload = visible(caller, id);
        UploadStore.Ended cancelled = store.cancel(id, caller.username(), CANCELLED, clock.instant())
                .orElseThrow(() -> new ProblemException(ProblemType.CONFLICT, "The upload has already ended ("
                        + store.byId(id).map(Upload::status).orElse(upload.status()) + "); there is nothing to cancel."));
        log.info("Upload {} cancelled", id);
        // the uploaded data goes now, not when the worker notices (a queued upload waits for a permit; a running one
        // may wait on a lock): a worker that still reads it keeps its open file, one that opens it fails
        removeSpooled(id, cancelled.owner());
        return store.byId(id).orElseThrow();
    }

    /** An upload of the caller's institution, to those who may upload (its report quotes the file's cells). */
    private Upload visible(Caller caller, UUID id) {
        access.requireRecordWriter(caller);
        Upload upload = store.byId(id).orElse(null);
        if (upload == null || !caller.institution().filter(upload.institution()::equals).isPresent()) {
            throw ProblemException.notFound("There is no upload " + id + ".");
        }
        return upload;
    }

    static final String INTERRUPTED_STRICT = "Interrupted by a restart; strict mode: nothing of the file was written.";
    static final String INTERRUPTED_PARTIAL = "Interrupted by a restart; the rows reported as written are in the store.";

    /**
     * After a restart: the uploads this instance's previous run left unfinished (and those without an owner, from
     * before owners) did not finish; their committed batches are what they wrote. Other instances' uploads are left
     * to their heartbeat. The spooled files of this instance (the uploaded data, and an XLSX upload's shared strings)
     * were left behind by the process that died: they are deleted, so that no copy of personal data outlives its
     * upload.
     */
    @EventListener(ApplicationReadyEvent.class)
    void markInterrupted() {
        List<UUID> failed = store.failInterrupted(instance.name(), startedAt, INTERRUPTED_STRICT, INTERRUPTED_PARTIAL,
                clock.instant());
        if (!failed.isEmpty()) {
            log.info("Failed {} upload(s) a restart interrupted: {}", failed.size(), failed);
        }
        removeLeftovers();
    }

    /** Every {@code tipis.upload.heartbeat}: this instance's heartbeat, then the uploads whose lease expired. */
    @Scheduled(fixedDelayString = "${tipis.upload.heartbeat:10s}", initialDelayString = "${tipis.upload.heartbeat:10s}")
    void renewLeases() {
        try {
            heartbeat();
            reapExpired();
        } catch (RuntimeException e) {
            log.warn("The uploads' heartbeat failed: {}", SafeThrowables.describe(e));
        }
    }

    /** This instance still processes its queued and running uploads. */
    void heartbeat() {
        store.heartbeat(instance.name());
    }

    /**
     * Fails the unfinished uploads, of any instance, whose heartbeat is older than the lease: their instance died (or
     * stalled, and then stops at its next commit, which writes nothing). Their spooled files are deleted where this
     * instance can reach them (a spool directory shared by the instances), so that an instance that never comes back
     * under its name leaves no uploaded data behind.
     */
    void reapExpired() {
        List<UploadStore.Ended> failed = store.failExpired(lease, INTERRUPTED_STRICT, INTERRUPTED_PARTIAL,
                clock.instant());
        if (!failed.isEmpty()) {
            log.info("Failed {} upload(s) whose instance stopped renewing their heartbeat: {}", failed.size(),
                    failed.stream().map(UploadStore.Ended::id).toList());
            failed.forEach(e -> removeSpooled(e.id(), e.owner()));
        }
    }

    /** The spooled files of upload {@code id} in the spool directory of instance {@code owner}, if this one sees it. */
    private void removeSpooled(UUID id, String owner) {
        if (owner == null) {
            return;
        }
        Path directory = spool.getParent().resolve(UploadInstance.directory(owner));
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith(id + ".")) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("The spooled files of a failed upload could not be deleted: {}", e.getClass().getSimpleName());
        }
    }

    /** Deletes the spooled files written before this instance started (none of them belongs to a live upload). */
    private void removeLeftovers() {
        int removed = 0;
        try (java.util.stream.Stream<Path> files = Files.list(spool)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(started) < 0) {
                        Files.delete(file);
                        removed++;
                    }
                } catch (IOException e) {
                    log.warn("A spooled upload file could not be deleted: {}", e.getClass().getSimpleName());
                }
            }
        } catch (IOException e) {
            log.warn("The upload spool directory could not be listed: {}", e.getClass().getSimpleName());
        }
        if (removed > 0) {
            log.info("Deleted {} spooled files left by uploads a restart interrupted", removed);
        }
    }

    void process(Upload upload, Path file, Caller caller, Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            AuditOrigin.callAs("upload:" + upload.id(), () -> {
                run(upload, file, caller);
                return null;
            });
        } catch (LeaseLost lost) {
            log.info("Upload {} stopped: it was ended meanwhile (cancelled, or its heartbeat expired); nothing more was "
                    + "written", upload.id());
        } catch (Exception | StackOverflowError | LinkageError e) {
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
        if (!store.started(upload.id(), clock.instant())) {
            throw new LeaseLost();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        CodeNormalizer codes = new CodeNormalizer(referenceData);
        BitSet invalid = new BitSet();
        int read = 0;
        int bad = 0;
        VictimRefs refs = new VictimRefs();
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
                List<FieldError> errors = listed(new ArrayList<>(found), line);
                if (!errors.isEmpty()) {
                    invalid.set(read);
                    bad++;
                    store.errors(upload.id(), line, errors);
                }
                if (read % 1000 == 0 && !store.progress(upload.id(), csv.bytesRead() / 2, read, read - bad, bad, 0)) {
                    throw new LeaseLost();
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
        if (!store.progress(upload.id(), upload.bytes() / 2, read, valid, bad, 0)) {
            throw new LeaseLost();
        }
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
        if (written < 0) {
            return;
        }
        store.finished(upload.id(), Upload.COMPLETED, null, clock.instant());
        log.info("Upload {} completed: {} rows read, {} written", upload.id(), read, written);
    }

    /**
     * Strict mode: every batch in one transaction, committed only after the last; a refused row, a failure or a
     * crash leaves nothing of the file. Rows the registry refuses while writing (rules that need the stored records)
     * are collected over the whole file before the transaction is rolled back. Progress (bytes) is reported from separate transactions meanwhile; rows
     * count as written only with the commit. Answers -1 when the file was refused.
     */
    private int writeAll(Upload upload, Path file, Caller caller, LocalDate today, CodeNormalizer codes, int read,
                         int valid) {
        SetBasedWriter writer = batchWriter(caller, upload, true, new Writer(caller, upload));
        Map<Long, List<FieldError>> refused = new TreeMap<>();
        int[] changed = {0};
        Integer written = transactions.execute(status -> {
            int total = 0;
            try (UploadSource csv = UploadSource.open(file, format(upload), codes, today)) {
                Batch batch = new Batch();
                while (csv.hasNext()) {
                    batch.add(csv.next());
                    if (batch.rows.size() >= batchRows || !csv.hasNext()) {
                        SetBasedWriter.Outcome outcome = writeBatch(caller, upload, writer, batch, true);
                        batch.clear();
                        total += outcome.written();
                        changed[0] += outcome.changed();
                        if (!outcome.refused().isEmpty()) {
                            // the file is refused, but the rest is still checked so that the report lists every
                            // row the registry refuses, not only those of the first batch with one
                            refused.putAll(outcome.refused());
                            status.setRollbackOnly();
                        }
                        long bytesRead = csv.bytesRead();
                        if (!Boolean.TRUE.equals(separately.execute(s -> store.progress(upload.id(),
                                bytesRead / 2 + upload.bytes() / 2, read, valid, 0, 0)))) {
                            throw new LeaseLost(); // failed meanwhile: nothing of the file will be committed
                        }
                    }
                }
                if (!refused.isEmpty()) {
                    return 0;
                }
                outbox.publishStaged();
                // completed in the commit of the rows: a restart, a reaper or a cancel cannot find the upload still
                // running with the whole file in the store (and then call it failed with nothing written)
                completed(upload, upload.bytes(), read, valid, 0, total, changed[0]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return total;
        });
        if (!refused.isEmpty()) {
            refused.forEach((line, errors) -> store.errors(upload.id(), line, errors));
            store.progress(upload.id(), upload.bytes(), read, valid - refused.size(), read - valid + refused.size(), 0);
            store.finished(upload.id(), Upload.FAILED, refused.size() + " row(s) could not be written (see the "
                    + "report); strict mode wrote nothing.", clock.instant());
            return -1;
        }
        return written == null ? 0 : written;
    }

    /**
     * Partial mode: batches of valid rows, each committed with the progress and its refused rows' problems, so
     * that after a crash exactly the reported batches are in the store. A batch that fails twice (e.g. a
     * concurrent change of the same victims) is written row by row through the use cases, which report each
     * failing row.
     */
    private int writeInBatches(Upload upload, Path file, Caller caller, LocalDate today, CodeNormalizer codes,
                               BitSet invalid, int read, int bad) throws IOException {
        Writer perRow = new Writer(caller, upload);
        SetBasedWriter writer = batchWriter(caller, upload, false, new Writer(caller, upload));
        int[] failed = {0};
        try (UploadSource csv = UploadSource.open(file, format(upload), codes, today)) {
            int index = 0;
            Batch batch = new Batch();
            while (csv.hasNext()) {
                UploadRecord record = csv.next();
                index++;
                if (!invalid.get(index)) {
                    batch.add(record);
                }
                if (batch.rows.size() >= batchRows || (!csv.hasNext() && !batch.records.isEmpty())) {
                    commitBatch(upload, caller, writer, perRow, batch, failed, read, bad,
                            csv.hasNext() ? csv.bytesRead() : upload.bytes());
                    batch.clear();
                }
            }
        }
        return perRow.written;
    }

    private void commitBatch(Upload upload, Caller caller, SetBasedWriter writer, Writer perRow, Batch batch,
                             int[] failed, int read, int bad, long bytesRead) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                SetBasedWriter.Outcome outcome = transactions.execute(status -> {
                    SetBasedWriter.Outcome o = writeBatch(caller, upload, writer, batch, false);
                    o.refused().forEach((line, errors) -> store.errors(upload.id(), line, errors));
                    int failing = failed[0] + o.refused().size();
                    written(upload, bytesRead / 2 + upload.bytes() / 2, read, read - bad - failing, bad + failing,
                            perRow.written + o.written(), perRow.changed + o.changed());
                    return o;
                });
                failed[0] += outcome.refused().size();
                perRow.written += outcome.written();
                perRow.changed += outcome.changed();
                return;
            } catch (LeaseLost lost) {
                throw lost;
            } catch (RuntimeException batchFailed) {
                log.info("Upload {}: a batch failed ({}), attempt {}", upload.id(),
                        SafeThrowables.describe(batchFailed), attempt);
            }
        }
        perRow.forget();
        commit(upload, perRow, batch.records.stream().map(r -> Map.entry(r.line(), r)).toList(), failed, read, bad,
                bytesRead);
    }

    /** Valid records of a batch and their victims, in file order; a record is never split between batches. */
    private static final class Batch {

        final List<UploadRecord> records = new ArrayList<>();
        final List<SetBasedWriter.Row> rows = new ArrayList<>();

        void add(UploadRecord record) {
            records.add(record);
            record.rows().forEach(row -> rows.add(new SetBasedWriter.Row(record.line(), row)));
        }

        void clear() {
            records.clear();
            rows.clear();
        }
    }

    /**
     * Writes a batch in the current transaction: its victims (and their cases) set-based, then (NDJSON) the
     * suspects, proceedings and assistance of each record written whole, through the use cases, into the cases that
     * now exist. A failing case part fails the transaction (partial mode then writes the batch record by record).
     */
    private SetBasedWriter.Outcome writeBatch(Caller caller, Upload upload, SetBasedWriter writer, Batch batch,
                                              boolean strict) {
        SetBasedWriter.Outcome outcome = writer.write(batch.rows);
        if (strict && !outcome.refused().isEmpty()) {
            return outcome; // the file is refused whole
        }
        String owner = upload.onBehalfOf() != null ? upload.onBehalfOf() : upload.institution();
        for (UploadRecord record : batch.records) {
            if (!record.parts().isEmpty() && !outcome.refused().containsKey(record.line())) {
                parts.write(caller, owner, record);
            }
        }
        return outcome;
    }

    /** @param sharedCases writes the rows of victims recorded in other institutions' cases, through the use cases */
    private SetBasedWriter batchWriter(Caller caller, Upload upload, boolean stageEvents, Writer sharedCases) {
        return new SetBasedWriter(cases, batchStore, outbox, clock, caller, access.open(caller, upload.onBehalfOf()),
                access.institutionOf(caller).id(), stageEvents, row -> {
                    sharedCases.forget();
                    return sharedCases.writeRow(row);
                });
    }

    private void commit(Upload upload, Writer writer, List<Map.Entry<Long, UploadRecord>> batch, int[] failed, int read,
                        int bad, long bytesRead) {
        int before = writer.written;
        int changedBefore = writer.changed;
        try {
            transactions.executeWithoutResult(status -> {
                batch.forEach(e -> writer.write(e.getValue()));
                written(upload, bytesRead / 2 + upload.bytes() / 2, read, read - bad - failed[0], bad + failed[0],
                        writer.written, writer.changed);
            });
        } catch (LeaseLost lost) {
            throw lost;
        } catch (RuntimeException batchFailed) {
            writer.written = before;
            writer.changed = changedBefore;
            writer.forget();
            for (Map.Entry<Long, UploadRecord> e : batch) {
                int writtenBefore = writer.written;
                int changedBeforeRecord = writer.changed;
                try {
                    transactions.executeWithoutResult(status -> {
                        writer.write(e.getValue());
                        written(upload, bytesRead / 2 + upload.bytes() / 2, read, read - bad - failed[0],
                                bad + failed[0], writer.written, writer.changed);
                    });
                } catch (LeaseLost lost) {
                    throw lost;
                } catch (RuntimeException rowFailed) {
                    writer.written = writtenBefore; // a record's victims are written together or not at all
                    writer.changed = changedBeforeRecord;
                    writer.forget();
                    failed[0]++;
                    List<FieldError> errors = rowFailed instanceof ProblemException p && !p.errors().isEmpty()
                            ? p.errors().stream().map(x -> new FieldError("/rows/" + e.getKey() + "/"
                            + x.pointer().replaceFirst("^/", ""), x.code(), x.message(), x.args())).toList()
                            : List.of(new FieldError("/rows/" + e.getKey(), "RowNotWritten",
                            rowFailed instanceof ProblemException p ? truncate(p.getMessage()) : "The row could not be written."));
                    transactions.executeWithoutResult(status -> {
                        store.errors(upload.id(), e.getKey(), errors);
                        written(upload, bytesRead / 2 + upload.bytes() / 2, read, read - bad - failed[0],
                                bad + failed[0], writer.written, writer.changed);
                    });
                }
            }
        }
    }

    /**
     * The upload's counters, in the transaction of the rows they count: if this instance no longer runs the upload
     * (it was cancelled, or its heartbeat expired and an instance failed it), the transaction is rolled back and the
     * upload stops.
     */
    private void written(Upload upload, long bytesRead, int read, int valid, int invalid, int written, int changed) {
        if (!store.progress(upload.id(), instance.name(), bytesRead, read, valid, invalid, written, changed)) {
            throw new LeaseLost();
        }
    }

    /** As {@link #written}, and the upload completed with the same commit. */
    private void completed(Upload upload, long bytesRead, int read, int valid, int invalid, int written, int changed) {
        if (!store.completed(upload.id(), instance.name(), clock.instant(), bytesRead, read, valid, invalid, written,
                changed)) {
            throw new LeaseLost();
        }
    }

    /** This instance no longer runs the upload: nothing more of it is written. */
    private static final class LeaseLost extends RuntimeException {

        LeaseLost() {
            super("The upload was ended meanwhile (cancelled, or its heartbeat expired).", null, false, false);
        }
    }

    /** Writes rows through the registry's use cases, upserting by the institution's own references. */
    private final class Writer {

        private final Caller caller;
        private final Upload upload;
        private final Map<String, UUID> caseIds = new HashMap<>();
        int written;
        int changed;

        Writer(Caller caller, Upload upload) {
            this.caller = caller;
            this.upload = upload;
        }

        void forget() {
            caseIds.clear();
        }

        /**
         * A record's victims, then (NDJSON) its case's suspects, proceedings and assistance. Counted as one row
         * written, and as changed when it recorded or changed a victim.
         */
        void write(UploadRecord record) {
            boolean any = false;
            for (UploadRow row : record.rows()) {
                any |= writeRow(row);
            }
            parts.write(caller, upload.onBehalfOf() != null ? upload.onBehalfOf() : upload.institution(), record);
            written++;
            if (any) {
                changed++;
            }
        }

        /** One victim row through the use cases; true when it recorded or changed the victim. */
        boolean writeRow(UploadRow row) {
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
                VictimDetails merged = SetBasedWriter.mergeInto(current, row.victim());
                if (!Objects.equals(current, withDerivedMinor(merged))) {
                    cases.updateVictim(caller, existing.get().caseId(), existing.get().id(), d -> merged,
                            existing.get().version());
                    return true;
                }
                return false;
            }
            cases.addVictim(caller, caseId, row.victim(), Map.of(), null);
            return true;
        }

        /** As stored: the minor flag is derived from the ages (the merged details leave it open). */
        private VictimDetails withDerivedMinor(VictimDetails d) {
            return new VictimDetails(d.victimRef(), d.sex(), d.ageAtExploitation(), d.ageAtIdentification(),
                    d.ageRangeMin(), d.ageRangeMax(), d.derivedMinor(), d.nationality(), d.residenceCountry(),
                    d.residenceRegion(), d.ethnicity(), d.disability(), d.lgbti(), d.socioEconomicLevel(),
                    d.occupation(), d.economicSector(), d.migrationStatus(), d.exploitationPrimary(),
                    d.exploitationOther(), d.recruitmentMeans(), d.exploitationStart(), d.identificationDate(),
                    d.identifyingInstitution(), d.status(), d.consentScope(), d.situationNote());
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
