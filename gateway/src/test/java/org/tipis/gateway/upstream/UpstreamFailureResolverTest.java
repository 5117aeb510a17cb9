package org.tipis.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;
import org.tipis.platform.problem.ProblemType;

class UpstreamFailureResolverTest {

    @Test
    void classifiesByTheRootCause() {
        assertThat(UpstreamFailureResolver.classify(new ResourceAccessException("x", new ConnectException())))
                .isEqualTo(ProblemType.BAD_GATEWAY);
        assertThat(UpstreamFailureResolver.classify(new ResourceAccessException("x", new SocketTimeoutException())))
                .isEqualTo(ProblemType.GATEWAY_TIMEOUT);
        assertThat(UpstreamFailureResolver.classify(new IllegalStateException("other"))).isNull();
    }
}
