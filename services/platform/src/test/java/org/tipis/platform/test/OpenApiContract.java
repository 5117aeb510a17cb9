package org.tipis.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed OpenAPI document of a service ({@code docs/api/<service>.yaml}) must equal what the service
 * serves: an API change shows up in review as a diff of that file. Regenerate with
 * {@code mvn verify -Dopenapi.update=true}.
 */
public final class OpenApiContract {

    private OpenApiContract() {
    }

    public static void assertMatchesCommitted(String service, int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs.yaml")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("OpenAPI document of " + service).isEqualTo(200);
        String served = response.body().strip() + "\n";
        Path committed = repositoryRoot().resolve("docs/api/" + service + ".yaml");
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, served, StandardCharsets.UTF_8);
            return;
        }
        assertThat(committed).as("committed OpenAPI document; create it with mvn verify -Dopenapi.update=true")
                .exists();
        assertThat(served)
                .as("the API of %s changed: review and commit it with mvn verify -Dopenapi.update=true", service)
                .isEqualTo(Files.readString(committed, StandardCharsets.UTF_8));
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("tipis"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the TIPIS repository: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
