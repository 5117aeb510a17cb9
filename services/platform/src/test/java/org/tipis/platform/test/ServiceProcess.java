package org.tipis.platform.test;

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
import java.util.List;


/**
 * Another TIPIS service, really running: started once per test JVM from its built jar, on its own throw-away
 * embedded PostgreSQL, trusting the test JVM's {@link TestIssuer} (tokens, and client credentials for its own calls).
 * Integration tests talk to it over HTTP exactly as in production.
 */
public final class ServiceProcess {

    private static final java.util.Map<String, ServiceProcess> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    private final String service;
    private final java.util.Map<String, String> environment;
    private final int port;
    private final int management;
    private final Path dataDir;
    private final Path log;
    private final String uri;
    private volatile Process process;

    private ServiceProcess(String service, java.util.Map<String, String> environment)
            throws IOException, InterruptedException {
        Path jar = jar(service);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build " + service + " first: mvn -pl services/" + service
                    + " -am package (" + jar + " is missing)");
        }
        this.service = service;
        this.environment = java.util.Map.copyOf(environment);
        this.port = freePort();
        this.management = freePort();
        this.dataDir = Files.createTempDirectory("tipis-" + service + "-it");
        this.log = dataDir.resolve(service + ".log");
        this.uri = "http://127.0.0.1:" + port;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process current = process;
            if (current != null) {
                current.destroy();
                try {
                    current.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
            deleteQuietly(dataDir.toFile());
        }));
        start();
    }

    private static Path jar(String service) {
        return Path.of("..", service, "target", service + ".jar").toAbsolutePath().normalize();
    }

    /**
     * A process of its own for one test, never shared: the test may {@link #kill()} it and {@link #start()} it
     * again on the same ports and the same database.
     */
    public static ServiceProcess dedicated(String service, java.util.Map<String, String> environment) {
        try {
            return new ServiceProcess(service, environment);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the process (again) and waits until it is ready; its embedded database keeps its data. */
    public synchronized void start() throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(javaBin, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar",
                jar(service).toString(), "--server.port=" + port, "--management.server.port=" + management,
                "--tipis.embedded-postgres.data-dir=" + dataDir.resolve("pg"),
                "--logging.structured.format.console=", "--tipis.demo-data.enabled=false",
                "--tipis.feed.enabled=false")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("OIDC_ISSUER_URI", TestIssuer.get().issuer());
        builder.environment().remove("DB_URL");
        builder.environment().putAll(environment);
        this.process = builder.start();
        awaitReady(service, management, log);
    }

    /** SIGKILL, as a crash: no shutdown hook of the service runs. Returns when the process is gone. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Stops the process gracefully (SIGTERM). */
    public synchronized void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    public String uri() {
        return uri;
    }

    /** The JDBC URL of the service's embedded PostgreSQL (user and password postgres), while it runs. */
    public String jdbcUrl() throws IOException {
        List<String> pid = Files.readAllLines(dataDir.resolve("pg").resolve("postmaster.pid"));
        return "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/postgres";
    }

    /** The service's log (appended across restarts). */
    public Path log() {
        return log;
    }

    /** The base URL of the service, started on first use with the given environment. */
    public static synchronized String uri(String service, java.util.Map<String, String> environment) {
        ServiceProcess running = RUNNING.get(service);
        if (running == null) {
            try {
                running = new ServiceProcess(service, environment);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            RUNNING.put(service, running);
        }
        return running.uri;
    }

    public static String referenceData() {
        return uri("reference-data", java.util.Map.of());
    }

    /** The registry, calling the reference-data process. */
    public static String caseRegistry() {
        return uri("case-registry", java.util.Map.of("REFERENCE_DATA_URI", referenceData()));
    }

    private void awaitReady(String service, int management, Path log) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " stopped while starting:\n" + tail(log));
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
        throw new IllegalStateException(service + " not ready after 3 minutes:\n" + tail(log));
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
