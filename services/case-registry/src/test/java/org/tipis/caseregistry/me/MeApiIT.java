package org.tipis.caseregistry.me;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tipis.platform.test.OpenApiContract;
import org.tipis.platform.test.TestIssuer;
import org.tipis.platform.test.TestUser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service as a resource server over real HTTP: tokens are validated by the production configuration
 * (JWKS over HTTP, issuer, audience, expiry, signature, token type) against a local test issuer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MeApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TestIssuer issuer = TestIssuer.get();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    DataSource dataSource;

    @Test
    void returnsTheCallerFromTheToken() throws Exception {
        HttpResponse<String> response = get("/api/v1/me", issuer.token(TestUser.PROSECUTOR_ARG));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = JSON.readTree(response.body());
        assertThat(me.get("username").asString()).isEqualTo("prosecutor-arg");
        assertThat(me.get("roles").get(0).asString()).isEqualTo("case-officer");
        assertThat(me.get("roles").size()).isEqualTo(1);
        assertThat(me.get("country").asString()).isEqualTo("ARG");
        assertThat(me.get("institution").asString()).isEqualTo("arg-protex");
        assertThat(me.get("userId").asString()).isEqualTo(TestUser.PROSECUTOR_ARG.userId());
    }

    @Test
    void regionalAccountsHaveNoCountry() throws Exception {
        JsonNode me = JSON.readTree(get("/api/v1/me", issuer.token(TestUser.REGIONAL)).body());

        assertThat(me.get("country").isNull()).isTrue();
        assertThat(me.get("roles").get(0).asString()).isEqualTo("regional-analyst");
    }

    @Test
    void refusesEveryInvalidTokenWithA401Problem() throws Exception {
        TestUser user = TestUser.OFFICER_ARG;
        String valid = issuer.token(user);
        var invalid = java.util.Map.of(
                "no token", "",
                "garbage", "not.a.jwt",
                "expired", issuer.expiredToken(user),
                "wrong audience", issuer.tokenWithAudience(user, "account"),
                "wrong issuer", issuer.tokenFromIssuer(user, "http://127.0.0.1:1/realms/other"),
                "signed by another key", issuer.tokenSignedByAnotherKey(user),
                "tampered payload", TestIssuer.tampered(valid),
                "ID token", issuer.idToken(user),
                "alg none", unsigned(valid));

        invalid.forEach((name, token) -> {
            HttpResponse<String> response = get("/api/v1/me", token);
            assertThat(response.statusCode()).as(name).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(name)
                    .startsWith("application/problem+json");
            assertThat(response.body()).as(name).contains("\"type\":\"/problems/unauthorized\"")
                    .doesNotContain("Exception");
        });
    }

    @Test
    void unknownPathsAreA404Problem() throws Exception {
        HttpResponse<String> response = get("/api/v1/no-such-resource", issuer.token(TestUser.OFFICER_ARG));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("/problems/not-found");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/no-such-resource");
        assertThat(problem.get("traceId").asString()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void internalPathsAreForServiceAccountsOnly() throws Exception {
        HttpResponse<String> response = get("/internal/v1/anything", issuer.token(TestUser.ANALYST_ARG));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"type\":\"/problems/forbidden\"");
    }

    @Test
    void aClientRequestIdIsKeptOnlyWhenWellFormed() throws Exception {
        String token = issuer.token(TestUser.OFFICER_ARG);
        HttpResponse<String> kept = send(HttpRequest.newBuilder(uri("/api/v1/me"))
                .header("Authorization", "Bearer " + token).header("X-Request-Id", "client-req-42").build());
        HttpResponse<String> replaced = send(HttpRequest.newBuilder(uri("/api/v1/me"))
                .header("Authorization", "Bearer " + token).header("X-Request-Id", "bad id;<script>").build());

        assertThat(kept.headers().firstValue("X-Request-Id")).contains("client-req-42");
        assertThat(replaced.headers().firstValue("X-Request-Id").orElseThrow())
                .matches("[0-9a-f-]{36}");
    }

    @Test
    void servesTheCommittedOpenApiDocument() throws Exception {
        OpenApiContract.assertMatchesCommitted("case-registry", port);
    }

    @Test
    void runsOnARealPostgreSql18() {
        String version = new JdbcTemplate(dataSource).queryForObject("show server_version", String.class);

        assertThat(version).startsWith("18.");
    }

    @Test
    void exposesJvmHttpAndDatasourceMetrics() throws Exception {
        get("/api/v1/me", issuer.token(TestUser.OFFICER_ARG));

        HttpResponse<String> metrics = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build());
        HttpResponse<String> notOnApiPort = get("/actuator/prometheus", issuer.token(TestUser.OFFICER_ARG));

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds_count",
                "hikaricp_connections", "application=\"case-registry\"");
        assertThat(notOnApiPort.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String unsigned(String token) {
        String[] parts = token.split("\\.");
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        return header + "." + parts[1] + ".";
    }
}
