package org.tipis.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipis.e2e.TipisSystem.GATEWAY;
import static org.tipis.e2e.TipisSystem.accessToken;
import static org.tipis.e2e.TipisSystem.get;
import static org.tipis.e2e.TipisSystem.json;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * One service dies (SIGKILL): the gateway answers its routes with a problem, the other routes keep working, and
 * the service comes back with the launcher.
 */
class ServiceOutageIT {

    private static final String INDICATORS_PATH = "/api/v1/indicators/no-such-indicator";

    @Test
    void aKilledServiceGives502ProblemForItsRoutesOnlyAndComesBack() throws Exception {
        String token = accessToken("analyst-arg");
        HttpResponse<String> before = get(GATEWAY + INDICATORS_PATH, token);
        assertThat(before.statusCode()).as("routed to the live indicators service").isEqualTo(404);

        ProcessHandle indicators = ProcessHandle.of(pidOf("indicators")).orElseThrow();
        indicators.destroyForcibly();
        awaitClosed(TipisSystem.INDICATORS_PORT);
        try {
            HttpResponse<String> down = get(GATEWAY + INDICATORS_PATH, token);
            assertThat(down.statusCode()).isIn(502, 503);
            assertThat(down.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(json(down).get("type").asString()).isEqualTo("/problems/upstream-unavailable");
            assertThat(down.body()).doesNotContain("Exception").doesNotContain("127.0.0.1");

            HttpResponse<String> others = get(GATEWAY + "/api/v1/me", token);
            assertThat(others.statusCode()).isEqualTo(200);
        } finally {
            restart("indicators");
        }

        assertThat(get(GATEWAY + INDICATORS_PATH, token).statusCode()).isEqualTo(404);
    }

    /** The killed JVM may linger as a zombie until its parent reaps it; what counts is that nobody listens. */
    private static void awaitClosed(int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                Thread.sleep(200);
            } catch (java.io.IOException refused) {
                return;
            }
        }
        throw new AssertionError("port " + port + " still open 30 s after SIGKILL");
    }

    private static long pidOf(String component) throws Exception {
        return Long.parseLong(Files.readString(Path.of(TipisSystem.STATE_DIR, "pids", component + ".pid")).trim());
    }

    private static void restart(String component) throws Exception {
        Process process = new ProcessBuilder("bash", TipisSystem.LAUNCHER, "start", component)
                .redirectErrorStream(true)
                .redirectOutput(new File(TipisSystem.STATE_DIR, "restart-" + component + ".out"))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(process.isAlive()).as("restart finished in time").isFalse();
        assertThat(process.exitValue()).as("restart of " + component).isZero();
    }
}
