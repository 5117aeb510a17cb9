package org.tipis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** An institution's scheduled job: './tipis upload FILE' through the gateway, with a token from Keycloak. */
class UploadIT {

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
