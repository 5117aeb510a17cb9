package org.tipis.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tipis.platform.test.TestIssuer;
import org.tipis.platform.test.TestUser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway over real HTTP in front of stand-in services (JDK HTTP servers): one that echoes what it received,
 * one that is too slow, and one that is not there at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "spring.http.clients.read-timeout=1s",
        "tipis.gateway.rate-limit.capacity=5",
        "tipis.gateway.rate-limit.requests-per-minute=5",
        "tipis.security.cors-allowed-origins=https://ui.tipis.example"})
class GatewayIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger ECHO_CALLS = new AtomicInteger();
    private static final HttpServer ECHO = server(GatewayIT::echo);
    private static final HttpServer SLOW = server(exchange -> {
        sleep(3000);
        reply(exchange, 200, "{}");
    });
    private static final int CLOSED_PORT = freePort();

    private final TestIssuer issuer = TestIssuer.get();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("CASE_REGISTRY_URI", () -> "http://127.0.0.1:" + ECHO.getAddress().getPort());
        registry.add("INDICATORS_URI", () -> "http://127.0.0.1:" + SLOW.getAddress().getPort());
        registry.add("REFERENCE_DATA_URI", () -> "http://127.0.0.1:" + CLOSED_PORT);
    }

    @AfterAll
    static void stopServers() {
        ECHO.stop(0);
        SLOW.stop(0);
    }

    @Test
    void forwardsTheTokenAndTheRequestIdToTheService() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/me", issuer.token(TestUser.OFFICER_ARG))
                .header("X-Request-Id", "gateway-test-0001"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode echoed = JSON.readTree(response.body());
        assertThat(echoed.get("path").asString()).isEqualTo("/api/v1/me");
        assertThat(echoed.get("requestId").asString()).isEqualTo("gateway-test-0001");
        assertThat(echoed.get("bearer").asBoolean()).isTrue();
        assertThat(response.headers().firstValue("X-Request-Id")).contains("gateway-test-0001");
    }

    @Test
    void createsARequestIdWhenTheClientSentNone() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/cases", issuer.token(TestUser.NGO_ARG)));

        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(JSON.readTree(response.body()).get("requestId").asString()).isEqualTo(requestId);
    }

    @Test
    void refusesAnonymousCallsWithoutReachingTheService() throws Exception {
        int before = ECHO_CALLS.get();

        HttpResponse<String> response = send(request("/api/v1/me", null));

        assertProblem(response, 401, "/problems/unauthorized");
        assertThat(ECHO_CALLS.get()).isEqualTo(before);
    }

    @Test
    void refusesATokenSignedByAnotherKey() throws Exception {
        assertProblem(send(request("/api/v1/me", issuer.tokenSignedByAnotherKey(TestUser.OFFICER_ARG))), 401,
                "/problems/unauthorized");
    }

    @Test
    void aServiceThatIsDownGives502Problem() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/code-lists", issuer.token(TestUser.ADMIN)));

        assertProblem(response, 502, "/problems/upstream-unavailable");
        assertThat(response.body()).doesNotContain(Integer.toString(CLOSED_PORT)).doesNotContain("Exception");
    }

    @Test
    void aServiceThatIsTooSlowGives504Problem() throws Exception {
        assertProblem(send(request("/api/v1/indicators/sdg-16-2-2", issuer.token(TestUser.ANALYST_ARG))), 504,
                "/problems/upstream-timeout");
    }

    @Test
    void pathsWithoutARouteAre404Problems() throws Exception {
        assertProblem(send(request("/api/v1/unrouted", issuer.token(TestUser.AUDITOR_ARG))), 404,
                "/problems/not-found");
    }

    @Test
    void managementEndpointsAreNotServedOnTheApiPort() throws Exception {
        HttpResponse<String> response = send(request("/actuator/prometheus", issuer.token(TestUser.SUPERVISOR_ARG)));

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void limitsEachCallerAndOnlyThatCaller() throws Exception {
        TestUser busy = TestUser.of("rate-probe", "case-officer", "ARG", "arg-pfa");
        String token = issuer.token(busy);
        for (int i = 0; i < 5; i++) {
            assertThat(send(request("/api/v1/me", token)).statusCode()).as("request %d", i + 1).isEqualTo(200);
        }

        HttpResponse<String> limited = send(request("/api/v1/me", token));

        assertProblem(limited, 429, "/problems/too-many-requests");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(send(request("/api/v1/me", issuer.token(TestUser.COURT_ARG))).statusCode()).isEqualTo(200);
    }

    @Test
    void setsSecurityHeaders() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/me", issuer.token(TestUser.PROSECUTOR_ARG)));

        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
    }

    @Test
    void allowsCorsOnlyFromConfiguredOrigins() throws Exception {
        HttpResponse<String> allowed = send(preflight("https://ui.tipis.example"));
        HttpResponse<String> refused = send(preflight("https://evil.example"));

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://ui.tipis.example");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void servesTheApiDocsUiWithoutAToken() throws Exception {
        HttpResponse<String> response = send(request("/swagger-ui/index.html", null));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("swagger");
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpRequest.Builder preflight(String origin) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("traceId").asString()).isNotBlank();
    }

    private static void echo(HttpExchange exchange) throws IOException {
        ECHO_CALLS.incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String body = JSON.writeValueAsString(java.util.Map.of(
                "path", exchange.getRequestURI().getPath(),
                "requestId", String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")),
                "bearer", auth != null && auth.startsWith("Bearer ")));
        reply(exchange, 200, body);
    }

    private static HttpServer server(com.sun.net.httpserver.HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", handler);
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
