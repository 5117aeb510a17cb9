package org.tipis.platform.test;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * On the test classpath only (platform's test-jar): every Spring test context trusts the {@link TestIssuer},
 * runs on a throw-away embedded PostgreSQL (or on {@code TEST_DB_URL} when set, never on {@code DB_URL}) and
 * logs in plain text.
 */
public class PlatformTestDefaults implements EnvironmentPostProcessor, Ordered {

    private static final String INLINED_TEST_PROPERTIES = "Inlined Test Properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestIssuer.get().issuer());
        test.put("tipis.embedded-postgres.data-dir", "");
        String testDb = System.getenv("TEST_DB_URL");
        test.put("spring.datasource.url", testDb == null ? "" : testDb);
        test.put("spring.datasource.username", System.getenv().getOrDefault("TEST_DB_USER", "postgres"));
        test.put("spring.datasource.password", System.getenv().getOrDefault("TEST_DB_PASSWORD", ""));
        test.put("logging.structured.format.console", "");
        test.put("management.server.port", "0"); // a free port of its own, as in production
        MapPropertySource source = new MapPropertySource("tipisTestDefaults", test);
        // below a test's own @SpringBootTest(properties = ...), above application.yml and the environment
        if (env.getPropertySources().contains(INLINED_TEST_PROPERTIES)) {
            env.getPropertySources().addAfter(INLINED_TEST_PROPERTIES, source);
        } else {
            env.getPropertySources().addFirst(source);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
