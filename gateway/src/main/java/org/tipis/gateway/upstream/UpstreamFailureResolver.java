package org.tipis.gateway.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.tipis.platform.problem.ProblemResponseWriter;
import org.tipis.platform.problem.ProblemType;
import org.tipis.platform.problem.Problems;
import org.tipis.platform.problem.SafeThrowables;

/**
 * A service that is down or too slow gives 502 or 504 as a problem, for its own routes only: the other
 * routes are unaffected. Runs for the gateway's functional routes, where {@code @ExceptionHandler} does not.
 */
public class UpstreamFailureResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UpstreamFailureResolver.class);

    private final ProblemResponseWriter writer;

    public UpstreamFailureResolver(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        ProblemType type = classify(ex);
        if (type == null) {
            return null;
        }
        log.warn("Upstream failure on {} {}: {}", request.getMethod(), request.getRequestURI(),
                SafeThrowables.describe(ex));
        try {
            writer.write(response, Problems.of(type, type == ProblemType.GATEWAY_TIMEOUT
                    ? "The service behind this path did not answer in time. Try again later."
                    : "The service behind this path is not available. Try again later.", request.getRequestURI()));
        } catch (IOException e) {
            log.debug("Could not write the upstream problem: {}", SafeThrowables.describe(e));
        }
        return new ModelAndView();
    }

    static ProblemType classify(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof HttpConnectTimeoutException
                    || t instanceof HttpTimeoutException) {
                return ProblemType.GATEWAY_TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return ProblemType.BAD_GATEWAY;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
