package org.tipis.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicPaths           paths answered without a token (API docs); everything under {@code /api/} needs one
 * @param corsAllowedOrigins    browser origins allowed to call the API; empty means no cross-origin calls
 * @param contentSecurityPolicy the Content-Security-Policy header sent with every response
 */
@ConfigurationProperties("tipis.security")
public record TipisSecurityProperties(List<String> publicPaths, List<String> corsAllowedOrigins,
                                      String contentSecurityPolicy) {

    public TipisSecurityProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
        if (contentSecurityPolicy == null || contentSecurityPolicy.isBlank()) {
            contentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }
    }
}
