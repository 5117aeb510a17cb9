package org.tipis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** An institution's scheduled job: './tipis upload FILE' through the gateway, with a token from Keycloak. */
class UploadIT {

    static final int ROWS = 100_000;
    // identified in 2019: the statistics other tests check (2024, 2025) stay as they are

    /**
     * 100,000 rows through the gateway: every row accounted for (valid, written, or reported with its cell);
     * the same Idempotency-Key again writes nothing; a corrected copy under a new key changes only its changed rows.
     */
    @Test
    void aHundredThousandRowsAreAccountedForReplayedSafelyAndCorrectedInPlace() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder file = new StringBuilder("case_ref,victim_ref,identification_date,victim_status,sex,"
                + "age_at_identification,nationality,exploitation_primary\n");
        for (int i = 0; i < ROWS; i++) {
            file.append("E2EB-").append(run).append('-').append(i / 10).append(",E2EBV-").append(run).append('-')
                    .append(i).append(",2019-0").append(1 + i % 9).append("-1").append(i % 10).append(",IDENTIFIED,")
                    .append(i % 1000 == 999 ? "Z" : i % 2 == 0 ? "F" : "M").append(',').append(12 + i % 50)
                    .append(",ARG,").append(i % 2 == 0 ? "SEXUAL" : "FORCED_LABOUR").append('\n');
        }
        HttpResponse<String> first = post(file.toString(), "e2e-bulk-" + run);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        JsonNode done = await(TipisSystem.json(first).get("id").asString());
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("rowsRead").asInt()).isEqualTo(ROWS);
        assertThat(done.get("rowsInvalid").asInt()).isEqualTo(ROWS / 1000);
        assertThat(done.get("rowsValid").asInt() + done.get("rowsInvalid").asInt()).isEqualTo(ROWS);
        assertThat(done.get("rowsWritten").asInt()).isEqualTo(ROWS - ROWS / 1000);
        assertThat(done.get("rowsChanged").asInt()).isEqualTo(ROWS - ROWS / 1000);
        JsonNode report = TipisSystem.json(TipisSystem.get(TipisSystem.GATEWAY + "/api/v1/uploads/"
                + done.get("id").asString() + "/report", TipisSystem.accessToken("officer-arg")));
        assertThat(report.size()).as("one rejected cell per invalid row").isEqualTo(ROWS / 1000);
        assertThat(report.get(0).get("code").asString()).isEqualTo("CodeUnknown");

        HttpResponse<String> replay = post(file.toString(), "e2e-bulk-" + run);
        assertThat(replay.statusCode()).as("the same key and file: the earlier result").isEqualTo(200);
        assertThat(TipisSystem.json(replay).get("id").asString()).isEqualTo(done.get("id").asString());
        assertThat(TipisSystem.json(replay).get("rowsChanged").asInt()).isEqualTo(ROWS - ROWS / 1000);

        String corrected = file.toString().replace(",Z,", ",F,")
                .replace("E2EBV-" + run + "-10,2019-02-10,IDENTIFIED,F,22,", "E2EBV-" + run + "-10,2019-02-10,IDENTIFIED,F,23,")
                .replace("E2EBV-" + run + "-21,2019-04-11,IDENTIFIED,M,33,", "E2EBV-" + run + "-21,2019-04-11,IDENTIFIED,M,34,");
        HttpResponse<String> correction = post(corrected, "e2e-bulk-fix-" + run);
        assertThat(correction.statusCode()).as(correction.body()).isEqualTo(202);
        JsonNode fixed = await(TipisSystem.json(correction).get("id").asString());
        assertThat(fixed.get("status").asString()).as(fixed.toString()).isEqualTo("completed");
        assertThat(fixed.get("rowsWritten").asInt()).isEqualTo(ROWS);
        assertThat(fixed.get("rowsChanged").asInt()).as("the 100 rows now valid and the 2 corrected ones only")
                .isEqualTo(ROWS / 1000 + 2);
    }

    private static HttpResponse<String> post(String file, String key) {
        String token = TipisSystem.accessToken("officer-arg");
        return TipisSystem.send(HttpRequest.newBuilder(URI.create(TipisSystem.GATEWAY
                        + "/api/v1/uploads?mode=partial&async=true"))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(file, StandardCharsets.UTF_8)).build());
    }

    private static JsonNode await(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
        JsonNode status;
        do {
            Thread.sleep(1000);
            status = TipisSystem.json(TipisSystem.get(TipisSystem.GATEWAY + "/api/v1/uploads/" + id,
                    TipisSystem.accessToken("officer-arg")));
        } while (!List.of("completed", "failed").contains(status.get("status").asString())
                && Instant.now().isBefore(deadline));
        return status;
    }

    @Test
    void theCommandLineUploadsAFileAndReportsItsOutcome() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.createTempFile("tipis-upload", ".csv");
        Files.writeString(file, "case_ref;victim_ref;identification_date;victim_status;sex;age_at_identification;"
                + "exploitation_primary\n"
                + "E2E-" + run + ";E2E-V1-" + run + ";2025-01-10;Víctima identificada;Femenino;17;Explotación sexual\n"
                + "E2E-" + run + ";E2E-V2-" + run + ";2025-01-10;IDENTIFIED;M;29;FORCED_LABOUR\n", StandardCharsets.UTF_8);

        Process process = new ProcessBuilder("bash", TipisSystem.LAUNCHER, "upload", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("\"status\":\"completed\"").contains("\"rowsWritten\":2");
        Files.deleteIfExists(file);
        assertThat(new File(file.toString())).doesNotExist();
    }
}
