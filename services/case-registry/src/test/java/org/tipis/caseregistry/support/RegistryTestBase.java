package org.tipis.caseregistry.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tipis.platform.test.ServiceProcess;
import org.tipis.platform.test.TestIssuer;
import org.tipis.platform.test.TestUser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A full registry over real HTTP, on embedded PostgreSQL, with the real reference-data service next to it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RegistryTestBase {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void referenceData(DynamicPropertyRegistry registry) {
        registry.add("tipis.reference-data.uri", ServiceProcess::referenceData);
    }

    protected HttpRequest.Builder request(String path, TestUser user) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            builder.header("Authorization", "Bearer " + TestIssuer.get().token(user));
        }
        return builder;
    }

    protected HttpResponse<String> get(String path, TestUser user) {
        return send(request(path, user).GET());
    }

    protected HttpResponse<String> post(String path, TestUser user, Object body) {
        return send(request(path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    protected HttpResponse<String> patch(String path, TestUser user, Object body, String ifMatch) {
        HttpRequest.Builder builder = request(path, user).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        return send(builder);
    }

    protected HttpResponse<String> put(String path, TestUser user, Object body) {
        return send(request(path, user).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    protected HttpResponse<String> delete(String path, TestUser user) {
        return send(request(path, user).DELETE());
    }

    protected static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A case of officer-arg's institution (police), with a unique file reference. */
    protected String openCase(TestUser officer) {
        HttpResponse<String> created = post("/api/v1/cases", officer, Map.of(
                "fileReference", "PFA-" + java.util.UUID.randomUUID(), "openedOn", "2024-03-01",
                "complaintChannel", "TIP_HOTLINE", "exploitationForms", java.util.List.of("SEXUAL"),
                "flowLevel", "DOMESTIC", "stage", "INVESTIGATION", "placeDescription", "behind the bus terminal"));
        if (created.statusCode() != 201) {
            throw new AssertionError("case not created: " + created.statusCode() + " " + created.body());
        }
        return json(created).get("id").asString();
    }
}
