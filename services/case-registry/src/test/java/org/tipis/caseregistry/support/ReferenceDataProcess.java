package org.tipis.caseregistry.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.tipis.platform.test.TestIssuer;

/**
 * The real reference-data service, started once per test JVM from its built jar, on its own throw-away embedded
 * PostgreSQL, trusting the same test issuer. The registry's integration tests talk to it over HTTP exactly as in
 * production (with the registry's own service token).
 */
public final class ReferenceDataProcess {

    private static ReferenceDataProcess instance;

    private final Process process;
    private final String uri;

    private ReferenceDataProcess() throws IOException, InterruptedException {
        Path jar = Path.of("..", "reference-data", "target", "reference-data.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build reference-data first: mvn -pl services/reference-data -am package ("
                    + jar + " is missing)");
        }
        int port = freePort();
        int management = freePort();
        Path dataDir = Files.createTempDirectory("tipis-reference-data-it");
        Path log = dataDir.resolve("reference-data.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(javaBin, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.port=" + port, "--management.server.port=" + management,
                "--tipis.embedded-postgres.data-dir=" + dataDir.resolve("pg"),
                "--logging.structured.format.console=")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OIDC_ISSUER_URI", TestIssuer.get().issuer());
        builder.environment().remove("DB_URL");
        this.process = builder.start();
        this.uri = "http://127.0.0.1:" + port;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.destroy();
            try {
                process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            deleteQuietly(dataDir.toFile());
        }));
        awaitReady(management, log);
    }

    public static synchronized String uri() {
        if (instance == null) {
            try {
                instance = new ReferenceDataProcess();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance.uri;
    }

    private void awaitReady(int management, Path log) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("reference-data stopped while starting:\n" + tail(log));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("reference-data not ready after 3 minutes:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteQuietly(child);
            }
        }
        file.delete();
    }
}
