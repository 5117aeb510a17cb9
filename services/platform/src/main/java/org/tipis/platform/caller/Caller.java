package org.tipis.platform.caller;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as established by a validated access token.
 *
 * @param userId      the token subject (stable, pseudonymous: safe for logs and audit)
 * @param username    the login name ({@code preferred_username})
 * @param roles       realm roles, e.g. {@code case-officer}
 * @param country     ISO 3166-1 alpha-3 of the caller's country, absent for regional and platform accounts
 * @param institution id of the caller's institution in the institution directory, absent for some accounts
 * @param client      the OAuth client the token was issued to ({@code azp})
 */
public record Caller(String userId, String username, Set<String> roles, Optional<String> country,
                     Optional<String> institution, Optional<String> client) {

    public static final String ROLES_CLAIM = "roles";
    public static final String COUNTRY_CLAIM = "country";
    public static final String INSTITUTION_CLAIM = "institution";

    public Caller {
        roles = Set.copyOf(new TreeSet<>(roles));
    }

    public static Caller from(Jwt jwt) {
        return new Caller(
                jwt.getSubject(),
                Optional.ofNullable(jwt.getClaimAsString("preferred_username")).orElse(jwt.getSubject()),
                Set.copyOf(rolesOf(jwt)),
                blankToEmpty(jwt.getClaimAsString(COUNTRY_CLAIM)),
                blankToEmpty(jwt.getClaimAsString(INSTITUTION_CLAIM)),
                blankToEmpty(jwt.getClaimAsString("azp")));
    }

    static Collection<String> rolesOf(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
        return roles == null ? List.of() : roles;
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(String... candidates) {
        for (String role : candidates) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** The caller's roles in a stable order, for responses. */
    public List<String> sortedRoles() {
        return List.copyOf(new TreeSet<>(roles));
    }
}
