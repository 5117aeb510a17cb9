package org.tipis.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** Lets a module add to the shared security filter chain (e.g. the gateway's rate limiter). */
@FunctionalInterface
public interface HttpSecurityCustomizer {

    void customize(HttpSecurity http) throws Exception;
}
