package org.tipis.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class PlatformDefaultsTest {

    @Test
    void embeddedModeNeedsNothing() {
        MockEnvironment env = new MockEnvironment();

        new PlatformDefaults().postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("spring.security.oauth2.resourceserver.jwt.audiences")).isEqualTo("tip-api");
        assertThat(env.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
                .isEqualTo(PlatformDefaults.LOCAL_ISSUER);
        assertThat(env.getProperty("spring.datasource.url")).isEmpty();
    }

    @Test
    void externalModeNamesEveryMissingSetting() {
        MockEnvironment env = new MockEnvironment().withProperty("DB_URL", "jdbc:postgresql://db/case_registry")
                .withProperty("DB_USER", "case_registry");

        assertThatThrownBy(() -> new PlatformDefaults().postProcessEnvironment(env, new SpringApplication()))
                .isInstanceOf(ExternalModeIncompleteException.class)
                .hasMessageContaining("DB_PASSWORD").hasMessageContaining("OIDC_ISSUER_URI")
                .hasMessageNotContaining("DB_USER");
    }

    @Test
    void theExternalProfileAloneDemandsTheExternalSettings() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("external");

        assertThatThrownBy(() -> new PlatformDefaults().postProcessEnvironment(env, new SpringApplication()))
                .isInstanceOf(ExternalModeIncompleteException.class).hasMessageContaining("DB_URL");
    }

    @Test
    void completeExternalSettingsAreUsed() {
        MockEnvironment env = new MockEnvironment().withProperty("DB_URL", "jdbc:postgresql://db/x")
                .withProperty("DB_USER", "u").withProperty("DB_PASSWORD", "p")
                .withProperty("OIDC_ISSUER_URI", "https://id.example/realms/tip");

        new PlatformDefaults().postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/x");
        assertThat(env.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
                .isEqualTo("https://id.example/realms/tip/protocol/openid-connect/certs");
    }
}
