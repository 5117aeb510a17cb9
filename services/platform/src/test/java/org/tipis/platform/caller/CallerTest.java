package org.tipis.platform.caller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTest {

    @Test
    void readsTheKeycloakClaims() {
        Jwt jwt = jwt().claim("roles", List.of("case-supervisor", "auditor")).claim("country", "ARG")
                .claim("institution", "arg-pfa").claim("azp", "tipis-cli").build();

        Caller caller = Caller.from(jwt);

        assertThat(caller.userId()).isEqualTo("subject-1");
        assertThat(caller.username()).isEqualTo("supervisor-arg");
        assertThat(caller.sortedRoles()).containsExactly("auditor", "case-supervisor");
        assertThat(caller.country()).contains("ARG");
        assertThat(caller.institution()).contains("arg-pfa");
        assertThat(caller.client()).contains("tipis-cli");
        assertThat(caller.hasAnyRole("national-analyst", "auditor")).isTrue();
        assertThat(caller.hasRole("registry-admin")).isFalse();
    }

    @Test
    void missingOrBlankClaimsAreAbsentNotEmptyStrings() {
        Caller caller = Caller.from(jwt().claim("country", " ").build());

        assertThat(caller.roles()).isEmpty();
        assertThat(caller.country()).isEmpty();
        assertThat(caller.institution()).isEmpty();
    }

    private static Jwt.Builder jwt() {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("subject-1")
                .claim("preferred_username", "supervisor-arg").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
    }
}
