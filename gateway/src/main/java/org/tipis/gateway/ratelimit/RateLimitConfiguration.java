package org.tipis.gateway.ratelimit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.tipis.platform.problem.ProblemResponseWriter;
import org.tipis.platform.security.HttpSecurityCustomizer;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    HttpSecurityCustomizer callerRateLimit(RateLimitProperties properties, ProblemResponseWriter writer,
                                           MeterRegistry meters) {
        CallerRateLimitFilter filter = new CallerRateLimitFilter(properties, writer, meters);
        return http -> http.addFilterBefore(filter, AuthorizationFilter.class);
    }
}
