package org.tipis.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipis.e2e.TipisSystem.DIRECT_CASE_REGISTRY;
import static org.tipis.e2e.TipisSystem.GATEWAY;
import static org.tipis.e2e.TipisSystem.accessToken;
import static org.tipis.e2e.TipisSystem.get;
import static org.tipis.e2e.TipisSystem.json;
import static org.tipis.e2e.TipisSystem.send;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import tools.jackson.databind.JsonNode;

/**
 * The foundation as a user meets it: tokens from the real Keycloak realm, every call through the gateway.
 */
class FoundationIT {

    @Test
    void meReturnsTheOfficersRolesCountryAndInstitution() {
        HttpResponse<String> response = get(GATEWAY + "/api/v1/me", accessToken("officer-arg"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = json(response);
        assertThat(me.get("username").asString()).isEqualTo("officer-arg");
        assertThat(me.get("roles").valueStream().map(JsonNode::asString).toList()).containsExactly("case-officer");
        assertThat(me.get("country").asString()).isEqualTo("ARG");
        assertThat(me.get("institution").asString()).isEqualTo("arg-pfa");
        assertThat(me.get("userId").asString()).isNotBlank();
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void everyDemoUserGetsTheClaimsOfTheRealm() {
        Map<String, List<String>> expected = Map.of(
                "ngo-arg", List.of("case-officer", "ARG", "arg-ngo-refugio"),
                "analyst-bra", List.of("national-analyst", "BRA", "bra-mjsp"),
                "regional", List.of("regional-analyst", "", "oas-regional"),
                "admin", List.of("registry-admin", "", "tipis-platform"));
        expected.forEach((user, claims) -> {
            JsonNode me = json(get(GATEWAY + "/api/v1/me", accessToken(user)));
            assertThat(me.get("roles").get(0).asString()).as(user).isEqualTo(claims.get(0));
            assertThat(me.get("country").isNull() ? "" : me.get("country").asString()).as(user).isEqualTo(claims.get(1));
            assertThat(me.get("institution").asString()).as(user).isEqualTo(claims.get(2));
        });
    }

    @Test
    void aServiceAccountAuthenticatesWithClientCredentials() {
        JsonNode tokens = TipisSystem.tokenRequest(Map.of("grant_type", "client_credentials",
                "client_id", "indicators", "client_secret", "dev-only-indicators-secret"));

        JsonNode me = json(get(GATEWAY + "/api/v1/me", tokens.get("access_token").asString()));

        assertThat(me.get("roles").get(0).asString()).isEqualTo("service");
        assertThat(me.get("country").isNull()).isTrue();
    }

    @Test
    void withoutATokenTheGatewayAnswers401Problem() {
        assertUnauthorizedProblem(get(GATEWAY + "/api/v1/me", null));
    }

    @Test
    void aTamperedTokenIsRefusedByGatewayAndService() {
        String token = tampered(accessToken("officer-arg"));

        assertUnauthorizedProblem(get(GATEWAY + "/api/v1/me", token));
        assertUnauthorizedProblem(get(DIRECT_CASE_REGISTRY + "/api/v1/me", token));
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedByGatewayAndService() throws Exception {
        String forged = resignWithNewKey(accessToken("officer-arg"));

        assertUnauthorizedProblem(get(GATEWAY + "/api/v1/me", forged));
        assertUnauthorizedProblem(get(DIRECT_CASE_REGISTRY + "/api/v1/me", forged));
    }

    @Test
    void anIdTokenDoesNotOpenTheApi() {
        String idToken = TipisSystem.tokens("officer-arg").get("id_token").asString();

        assertUnauthorizedProblem(get(GATEWAY + "/api/v1/me", idToken));
    }

    @Test
    void theServiceItselfRequiresAToken() {
        assertUnauthorizedProblem(get(DIRECT_CASE_REGISTRY + "/api/v1/me", null));
    }

    @Test
    void aWellFormedRequestIdIsKeptAndReturned() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/me"))
                .header("X-Request-Id", "e2e-request-0001").GET().build());

        assertThat(response.headers().firstValue("X-Request-Id")).contains("e2e-request-0001");
        assertThat(json(response).get("traceId").asString()).isEqualTo("e2e-request-0001");
    }

    @Test
    void securityHeadersAreSetByTheGateway() {
        HttpResponse<String> response = get(GATEWAY + "/api/v1/me", accessToken("officer-arg"));

        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }

    @Test
    void anUnknownApiPathIsA404ProblemAndManagementIsNotRouted() {
        String token = accessToken("officer-arg");

        for (String path : List.of("/api/v1/no-such-thing", "/actuator/prometheus", "/internal/v1/feed")) {
            HttpResponse<String> response = get(GATEWAY + path, token);
            assertThat(response.statusCode()).as(path).isIn(403, 404);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path)
                    .startsWith("application/problem+json");
        }
    }

    private static void assertUnauthorizedProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/unauthorized");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String raised = payload.replace("\"roles\":[\"case-officer\"]", "\"roles\":[\"registry-admin\"]");
        assertThat(raised).isNotEqualTo(payload);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(raised.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** The same header (kid included) and claims, signed by a key Keycloak never published. */
    static String resignWithNewKey(String token) throws Exception {
        SignedJWT original = SignedJWT.parse(token);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(original.getHeader().getKeyID()).build();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(original.getHeader().getKeyID()).build(), JWTClaimsSet.parse(original.getPayload().toJSONObject()));
        forged.sign(new RSASSASigner(key));
        return forged.serialize();
    }
}
