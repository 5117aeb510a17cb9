package org.tipis.gateway.upstream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tipis.platform.problem.ProblemResponseWriter;

@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

    @Bean
    UpstreamFailureResolver upstreamFailureResolver(ProblemResponseWriter writer) {
        return new UpstreamFailureResolver(writer);
    }
}
