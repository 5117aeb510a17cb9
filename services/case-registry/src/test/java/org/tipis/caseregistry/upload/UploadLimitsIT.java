package org.tipis.caseregistry.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.tipis.caseregistry.support.RegistryTestBase;
import org.tipis.platform.test.TestIssuer;
import org.tipis.platform.test.TestUser;

/**
 * The upload limits, lowered so that the tests stay small. Size (1 MB here, 512 MB by default): a body without a
 * declared length (chunked transfer) is cut off once it passes the limit: 413 while the client is still sending,
 * nothing written, the spooled part removed. Concurrency (1 here, 2 by default): asynchronous uploads beyond it wait
 * as queued.
 */
@TestPropertySource(properties = {"tipis.upload.max-size=1MB", "tipis.upload.spool-dir=" + UploadLimitsIT.SPOOL,
        "tipis.upload.concurrency=1"})
class UploadLimitsIT extends RegistryTestBase {

    static final String SPOOL = "target/upload-limits-spool";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithoutWaitingForItsEnd() throws IOException {
        long victims = count("victim");
        long uploads = count("upload");
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + TestIssuer.get().token(TestUser.OFFICER_ARG)
                    + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write("14\r\ncase_ref,victim_ref\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // 2 MB in 64 KB chunks, then no last chunk: the answer must come before the body ends
            for (int i = 0; i < 32; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            assertThat(UploadCorpusIT.answerUntil(socket.getInputStream(), "payload-too-large")).startsWith("HTTP/1.1 413")
                    .contains("application/problem+json").contains("payload-too-large");
        }
        assertThat(count("victim")).isEqualTo(victims);
        assertThat(count("upload")).as("no upload is recorded for a refused body").isEqualTo(uploads);
        try (Stream<Path> left = Files.walk(Path.of(SPOOL))) {
            assertThat(left.filter(Files::isRegularFile)).as("the spooled part is removed").isEmpty();
        }
        assertThat(get("/api/v1/me", TestUser.OFFICER_ARG).statusCode()).isEqualTo(200);
    }

    @Test
    void asynchronousUploadsBeyondTheConcurrencyWaitQueued() throws InterruptedException {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int u = 0; u < 3; u++) {
            StringBuilder file = new StringBuilder("case_ref;victim_ref;identification_date;victim_status;sex\n");
            for (int i = 0; i < 8000; i++) {
                file.append("L-").append(run).append("-").append(u).append("-").append(i / 10).append(";LV-").append(run)
                        .append("-").append(u).append("-").append(i).append(";2024-03-01;IDENTIFIED;F\n");
            }
            var response = send(request("/api/v1/uploads?mode=partial&async=true", TestUser.OFFICER_ARG)
                    .header("Content-Type", "text/csv")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(file.toString())));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            ids.add(json(response).get("id").asString());
        }
        int mostRunning = 0;
        boolean sawOneWaiting = false;
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(180);
        while (java.time.Instant.now().isBefore(deadline)) {
            // one query: the three states at one instant (three status requests would see different instants)
            java.util.List<String> states = jdbc.queryForList("select status from upload where id in (?, ?, ?)",
                    String.class, java.util.UUID.fromString(ids.get(0)), java.util.UUID.fromString(ids.get(1)),
                    java.util.UUID.fromString(ids.get(2)));
            long running = states.stream().filter("running"::equals).count();
            mostRunning = Math.max(mostRunning, (int) running);
            sawOneWaiting |= running == 1 && states.contains("queued");
            if (states.stream().allMatch("completed"::equals)) {
                break;
            }
            Thread.sleep(25);
        }
        assertThat(mostRunning).as("never more than the concurrency running at once").isEqualTo(1);
        assertThat(sawOneWaiting).as("an upload waited, queued, while another ran").isTrue();
        assertThat(jdbc.queryForObject("select count(*) from victim where victim_ref like ?", Long.class,
                "LV-" + run + "-%")).as("all three written in the end").isEqualTo(24_000);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
