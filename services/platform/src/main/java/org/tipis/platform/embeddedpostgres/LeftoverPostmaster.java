package org.tipis.platform.embeddedpostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service killed with SIGKILL leaves its embedded postmaster running on the kept data directory (the JVM
 * that would have stopped it is gone). Before the next start, such a leftover server is shut down cleanly by
 * the PID in its {@code postmaster.pid}, so that the data directory can be reused.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private LeftoverPostmaster() {
    }

    static void stopIfRunning(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            return;
        }
        log.warn("Stopping a leftover embedded PostgreSQL (pid {}) on {} from an earlier run that did not stop",
                pid, dataDir);
        process.get().destroy(); // SIGTERM: smart shutdown, its clients died with the old JVM
        Instant deadline = Instant.now().plus(PATIENCE);
        while (process.get().isAlive() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (process.get().isAlive()) {
            throw new IllegalStateException("A leftover PostgreSQL (pid " + pid + ") holds " + dataDir
                    + " and did not stop within " + PATIENCE.toSeconds() + " s; stop it and start again");
        }
    }
}
