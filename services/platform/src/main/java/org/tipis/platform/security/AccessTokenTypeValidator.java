package org.tipis.platform.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts access tokens only: Keycloak marks them {@code typ=Bearer}; ID and refresh tokens carry other types
 * and must never open the API (ASVS 9.2.2).
 */
public class AccessTokenTypeValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error NOT_AN_ACCESS_TOKEN =
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "not an access token", null);

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String typ = token.getClaimAsString("typ");
        return typ == null || "Bearer".equalsIgnoreCase(typ)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(NOT_AN_ACCESS_TOKEN);
    }
}
