package org.tipis.platform.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local OIDC issuer for tests: serves discovery and JWKS over real HTTP on loopback and signs tokens shaped
 * like Keycloak's for realm {@code tip} (flat {@code roles}, {@code country}, {@code institution},
 * {@code aud=tip-api}). Services under test validate them through their real, unmodified resource-server
 * configuration. One per JVM.
 */
public final class TestIssuer {

    private static TestIssuer instance;

    private final HttpServer server;
    private final RSAKey signingKey;
    private final String issuer;

    private TestIssuer() throws IOException {
        this.signingKey = newKey("test-issuer-key");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/tip";
        String jwks = new JWKSet(signingKey.toPublicJWK()).toString();
        String discovery = """
                {"issuer":"%s","jwks_uri":"%s/protocol/openid-connect/certs",
                 "token_endpoint":"%s/protocol/openid-connect/token",
                 "authorization_endpoint":"%s/protocol/openid-connect/auth",
                 "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"],
                 "response_types_supported":["code"]}""".formatted(issuer, issuer, issuer, issuer);
        server.createContext("/realms/tip/.well-known/openid-configuration", ex -> reply(ex, discovery));
        server.createContext("/realms/tip/protocol/openid-connect/certs", ex -> reply(ex, jwks));
        // client credentials, as Keycloak answers them to a service account
        server.createContext("/realms/tip/protocol/openid-connect/token", ex -> {
            String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String client = clientOf(ex, form);
            if (!form.contains("grant_type=client_credentials") || client == null) {
                reply(ex, 400, "{\"error\":\"unsupported_grant_type\"}");
                return;
            }
            reply(ex, 200, "{\"access_token\":\"" + token(TestUser.service(client))
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        });
        server.setExecutor(null);
        server.start();
    }

    public static synchronized TestIssuer get() {
        if (instance == null) {
            try {
                instance = new TestIssuer();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the test issuer", e);
            }
        }
        return instance;
    }

    public String issuer() {
        return issuer;
    }

    /** A valid access token for the user. */
    public String token(TestUser user) {
        return sign(signingKey, claims(user, issuer, List.of("tip-api"), Instant.now().plus(Duration.ofMinutes(5))),
                "Bearer");
    }

    public String expiredToken(TestUser user) {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        return sign(signingKey, claims(user, issuer, List.of("tip-api"), past), "Bearer");
    }

    public String tokenWithAudience(TestUser user, String audience) {
        return sign(signingKey, claims(user, issuer, List.of(audience), Instant.now().plusSeconds(300)), "Bearer");
    }

    public String tokenFromIssuer(TestUser user, String otherIssuer) {
        return sign(signingKey, claims(user, otherIssuer, List.of("tip-api"), Instant.now().plusSeconds(300)),
                "Bearer");
    }

    /** Keycloak marks ID tokens {@code typ=ID}; they must not open the API even with the right audience. */
    public String idToken(TestUser user) {
        return sign(signingKey, claims(user, issuer, List.of("tip-api"), Instant.now().plusSeconds(300)), "ID");
    }

    /** Right claims, signed by a key this issuer never published. */
    public String tokenSignedByAnotherKey(TestUser user) {
        RSAKey other = newKey(signingKey.getKeyID()); // same kid: only the signature can tell
        return sign(other, claims(user, issuer, List.of("tip-api"), Instant.now().plusSeconds(300)), "Bearer");
    }

    /** A valid token whose payload was changed after signing (e.g. roles raised). */
    public static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = payload.replace("\"roles\":[", "\"roles\":[\"registry-admin\",");
        if (changed.equals(payload)) {
            changed = payload.replace("\"sub\":\"", "\"sub\":\"x");
        }
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static JWTClaimsSet claims(TestUser user, String iss, List<String> audience, Instant expiry) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(iss)
                .subject(user.userId())
                .audience(audience)
                .issueTime(Date.from(expiry.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .claim("azp", user.client())
                .claim("preferred_username", user.username())
                .claim("roles", user.roles())
                .claim("realm_access", Map.of("roles", user.roles()));
        if (user.country() != null) {
            claims.claim("country", user.country());
        }
        if (user.institution() != null) {
            claims.claim("institution", user.institution());
        }
        return claims.build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims, String typ) {
        try {
            JWTClaimsSet withTyp = new JWTClaimsSet.Builder(claims).claim("typ", typ).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), withTyp);
            jwt.sign(new RSASSASigner(key.toPrivateKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate()).keyID(kid).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client id from HTTP Basic authentication or the form (client_secret_post). */
    private static String clientOf(HttpExchange exchange, String form) {
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String decoded = new String(java.util.Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
            return java.net.URLDecoder.decode(decoded.substring(0, decoded.indexOf(':')), StandardCharsets.UTF_8);
        }
        for (String pair : form.split("&")) {
            if (pair.startsWith("client_id=")) {
                return java.net.URLDecoder.decode(pair.substring(10), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void reply(HttpExchange exchange, String body) throws IOException {
        reply(exchange, 200, body);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
