package org.tipis.platform.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Defaults shared by every TIPIS component, at the lowest precedence (any application.yml, system property or
 * environment variable overrides them), and the check of the external mode.
 *
 * <p>Embedded mode (the default): no {@code DB_URL}; each service starts its own PostgreSQL, and tokens come
 * from the local Keycloak. External mode: {@code DB_URL} is set or the profile {@code external} is active; then
 * {@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD} and {@code OIDC_ISSUER_URI} must all be given, or the
 * component refuses to start and says which are missing.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String SOURCE_NAME = "tipisPlatformDefaults";
    public static final String LOCAL_ISSUER = "http://127.0.0.1:8180/realms/tip";
    private static final boolean HAS_OAUTH2_CLIENT = ClassUtils.isPresent(
            "org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager",
            PlatformDefaults.class.getClassLoader());
    private static final boolean HAS_JDBC =
            ClassUtils.isPresent("org.springframework.jdbc.core.JdbcTemplate", PlatformDefaults.class.getClassLoader());

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        checkExternalMode(env);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.threads.virtual.enabled", "true");
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("server.shutdown", "graceful");
        defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
        defaults.put("server.error.include-stacktrace", "never");
        defaults.put("server.error.include-message", "never");
        defaults.put("server.max-http-request-header-size", "16KB");
        defaults.put("spring.mvc.problemdetails.enabled", "false");
        defaults.put("spring.servlet.multipart.max-file-size", "10MB");
        defaults.put("spring.servlet.multipart.max-request-size", "10MB");

        defaults.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "${OIDC_ISSUER_URI:" + LOCAL_ISSUER + "}");
        // keys from the JWKS endpoint directly: no discovery round-trip, and iss is still checked against the issuer
        defaults.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                "${OIDC_JWK_SET_URI:${spring.security.oauth2.resourceserver.jwt.issuer-uri}/protocol/openid-connect/certs}");
        defaults.put("spring.security.oauth2.resourceserver.jwt.audiences", "tip-api");
        defaults.put("spring.security.oauth2.resourceserver.jwt.jws-algorithms", "RS256");

        defaults.put("management.server.address", "127.0.0.1");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.show-details", "never");
        defaults.put("management.metrics.tags.application", "${spring.application.name:tipis}");
        defaults.put("management.info.env.enabled", "false");

        // problem messages by rule code, in the caller's language (i18n/problems_<lang>.properties of each service)
        defaults.put("spring.messages.basename", "i18n/problems");
        defaults.put("spring.messages.always-use-message-format", "true");
        defaults.put("spring.messages.fallback-to-system-locale", "false");
        defaults.put("springdoc.writer-with-order-by-keys", "true");
        defaults.put("springdoc.paths-to-exclude", "/error");
        defaults.put("springdoc.writer-with-default-pretty-printer", "true");

        defaults.put("logging.structured.format.console", "ecs");
        defaults.put("logging.level.io.zonky.test.db.postgres", "WARN");
        defaults.put("logging.level.org.hibernate.SQL", "OFF");
        defaults.put("logging.level.org.hibernate.orm.jdbc.bind", "OFF");

        if (HAS_OAUTH2_CLIENT) {
            // the service's own Keycloak client, for calls to other services (client credentials)
            String app = env.getProperty("spring.application.name", "tipis");
            String secretVariable = "TIPIS_" + app.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
            String registration = "spring.security.oauth2.client.registration.tipis-service.";
            defaults.put(registration + "provider", "tipis-keycloak");
            defaults.put(registration + "client-id", app);
            defaults.put(registration + "client-secret", "${" + secretVariable + ":dev-only-" + app + "-secret}");
            defaults.put(registration + "authorization-grant-type", "client_credentials");
            defaults.put("spring.security.oauth2.client.provider.tipis-keycloak.token-uri",
                    "${spring.security.oauth2.resourceserver.jwt.issuer-uri}/protocol/openid-connect/token");
        }
        if (HAS_JDBC) {
            defaults.put("spring.datasource.url", "${DB_URL:}");
            defaults.put("spring.datasource.username", "${DB_USER:}");
            defaults.put("spring.datasource.password", "${DB_PASSWORD:}");
            // sample data (db/dev) only on the embedded database, never on an external one
            defaults.put("spring.flyway.locations", external(env) ? "classpath:db/migration"
                    : "classpath:db/migration,classpath:db/dev");
            defaults.put("spring.jpa.open-in-view", "false");
            defaults.put("spring.jpa.hibernate.ddl-auto", "validate");
            defaults.put("spring.jpa.properties.hibernate.jdbc.time_zone", "UTC");
            defaults.put("tipis.embedded-postgres.data-dir",
                    "${user.home}/.tipis/data/${spring.application.name:tipis}");
        }
        env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    static boolean external(ConfigurableEnvironment env) {
        return hasText(env.getProperty("DB_URL")) || List.of(env.getActiveProfiles()).contains("external");
    }

    static void checkExternalMode(ConfigurableEnvironment env) {
        if (!external(env)) {
            return;
        }
        List<String> required = new ArrayList<>(List.of("OIDC_ISSUER_URI"));
        if (HAS_JDBC) {
            required.addAll(0, List.of("DB_URL", "DB_USER", "DB_PASSWORD"));
        }
        List<String> missing = required.stream().filter(name -> !hasText(env.getProperty(name))).toList();
        if (!missing.isEmpty()) {
            throw new ExternalModeIncompleteException(missing);
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
