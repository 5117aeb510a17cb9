package org.tipis.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class AccessTokenTypeValidatorTest {

    private final AccessTokenTypeValidator validator = new AccessTokenTypeValidator();

    @Test
    void acceptsAccessTokens() {
        assertThat(validator.validate(token("Bearer")).hasErrors()).isFalse();
        assertThat(validator.validate(token(null)).hasErrors()).isFalse();
    }

    @Test
    void refusesIdAndRefreshTokens() {
        assertThat(validator.validate(token("ID")).hasErrors()).isTrue();
        assertThat(validator.validate(token("Refresh")).hasErrors()).isTrue();
    }

    private static Jwt token(String typ) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("s")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        if (typ != null) {
            builder.claim("typ", typ);
        }
        return builder.build();
    }
}
