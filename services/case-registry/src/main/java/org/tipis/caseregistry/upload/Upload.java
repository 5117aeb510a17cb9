package org.tipis.caseregistry.upload;

import java.time.Instant;
import java.util.UUID;

/**
 * A received file and how far it got. Status: queued, running, completed, failed. {@code rowsChanged}: the rows
 * written that inserted or changed a victim (a re-sent file changes only what differs).
 */
public record Upload(UUID id, String institution, String country, String onBehalfOf, String idempotencyKey,
                    String bodySha256, String format, String mode, boolean dryRun, String status, long bytes,
                    long bytesRead, int rowsRead, int rowsValid, int rowsInvalid, int rowsWritten, String failure,
                    String createdBy, Instant createdAt, Instant startedAt, Instant finishedAt, int rowsChanged) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    public boolean finished() {
        return COMPLETED.equals(status) || FAILED.equals(status);
    }
}
