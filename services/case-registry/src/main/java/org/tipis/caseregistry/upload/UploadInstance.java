package org.tipis.caseregistry.upload;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry instance that processes the uploads it receives (their {@code owner}), and its own directory in the
 * spool. Several instances may share one database and one spool directory; each needs a name of its own
 * ({@code tipis.upload.instance}) that it keeps across restarts, so that after a crash it recognizes the uploads it
 * left unfinished. The default, host name and server port, is such a name; with a random port (0) the name holds for
 * one run only, and what a crash leaves is failed by the lease instead.
 *
 * @param spool private to the service's user, like the spool directory it lies in; removed at shutdown when empty
 */
record UploadInstance(String name, Path spool) implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UploadInstance.class);

    /** {@code upload.owner} is varchar(128). */
    static final int MAX_NAME = 128;

    /** The instance named {@code configured} (blank: derived from the host and port), its directory made private. */
    static UploadInstance open(String configured, int port, Path spoolDirectory) throws IOException {
        String name = name(configured, host(), port);
        Path root = Files.createDirectories(spoolDirectory);
        restrictToOwner(root);
        Path own = Files.createDirectories(root.resolve(directory(name)));
        restrictToOwner(own);
        return new UploadInstance(name, own);
    }

    static String name(String configured, String host, int port) {
        if (configured != null && !configured.isBlank()) {
            String name = configured.strip();
            if (name.length() > MAX_NAME) {
                throw new IllegalArgumentException("tipis.upload.instance has more than " + MAX_NAME + " characters.");
            }
            return name;
        }
        String name = host + ":" + (port == 0 ? "0-" + UUID.randomUUID().toString().substring(0, 8) : port);
        return name.length() > MAX_NAME ? name.substring(name.length() - MAX_NAME) : name;
    }

    /**
     * The name as one safe directory name: letters, digits, dot, dash and underscore, never "." or "..". A name that
     * had to be changed gets a hash of the original, so that two names never share a directory ("a:1" and "a_1").
     */
    static String directory(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.startsWith(".")) {
            safe = "_" + safe;
        }
        return safe.equals(name) ? safe : safe + "-" + java.util.HexFormat.of().formatHex(sha256(name), 0, 4);
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String variable = System.getenv("HOSTNAME");
            return variable == null || variable.isBlank() ? "localhost" : variable;
        }
    }

    /** The spool holds uploaded personal data: only the service's own user may enter it (where POSIX applies). */
    private static void restrictToOwner(Path directory) {
        try {
            if (Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("The upload spool directory could not be made private: {}", e.getClass().getSimpleName());
        }
    }

    /** At shutdown: the instance's directory goes if nothing is left in it (a random-port name is never reused). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(spool);
        } catch (DirectoryNotEmptyException leftForTheNextStart) {
            // an upload was interrupted: the next start of this instance deletes its files
        } catch (IOException e) {
            log.warn("The upload spool directory could not be removed: {}", e.getClass().getSimpleName());
        }
    }
}
