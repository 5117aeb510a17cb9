package org.tipis.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The running system as a client sees it: the gateway's and Keycloak's URLs, and plain HTTP. */
final class TipisSystem {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final String GATEWAY = env("TIPIS_E2E_GATEWAY", "http://127.0.0.1:18080");
    static final String ISSUER = env("TIPIS_E2E_ISSUER", "http://127.0.0.1:18180/realms/tip");
    static final String DIRECT_CASE_REGISTRY = env("TIPIS_E2E_DIRECT_CASE_REGISTRY", "http://127.0.0.1:18081");
    static final String STATE_DIR = env("TIPIS_E2E_STATE_DIR", "../../.tipis/e2e");
    static final String LAUNCHER = env("TIPIS_E2E_LAUNCHER", "../../tipis");
    static final int INDICATORS_PORT = 8082 + Integer.parseInt(env("TIPIS_PORT_OFFSET", "10000"));
    static final String DEMO_PASSWORD = env("TIPIS_DEMO_PASSWORD", "demo-password");

    private TipisSystem() {
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Password grant on the public CLI client, as './tipis token' does. */
    static JsonNode tokens(String username) {
        return tokenRequest(Map.of("grant_type", "password", "client_id", "tipis-cli", "username", username,
                "password", DEMO_PASSWORD, "scope", "openid"));
    }

    static String accessToken(String username) {
        return tokens(username).get("access_token").asString();
    }

    static JsonNode tokenRequest(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(ISSUER + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
