package org.tipis.gateway.ratelimit;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.tipis.platform.caller.CurrentCaller;
import org.tipis.platform.problem.ProblemResponseWriter;
import org.tipis.platform.problem.ProblemType;
import org.tipis.platform.problem.Problems;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs after authentication: each authenticated caller (token subject) has its own token bucket. Over budget,
 * the caller gets 429 with {@code Retry-After}; the request never reaches a service.
 */
public class CallerRateLimitFilter extends OncePerRequestFilter {

    private final RateLimitProperties properties;
    private final ProblemResponseWriter writer;
    private final Cache<String, Bucket> buckets;
    private final Counter limited;

    public CallerRateLimitFilter(RateLimitProperties properties, ProblemResponseWriter writer,
                                 MeterRegistry meters) {
        this.properties = properties;
        this.writer = writer;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxCallers())
                .expireAfterAccess(properties.idleExpiry())
                .build();
        this.limited = Counter.builder("tipis.gateway.rate.limited")
                .description("Requests refused because their caller was over budget")
                .register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String caller = CurrentCaller.get().map(c -> c.userId()).orElse(null);
        if (!properties.enabled() || caller == null) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe = buckets.get(caller, key -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            response.setHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
            chain.doFilter(request, response);
            return;
        }
        limited.increment();
        long waitSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        response.setHeader("Retry-After", Long.toString(waitSeconds));
        writer.write(response, Problems.of(ProblemType.TOO_MANY_REQUESTS,
                "Too many requests from this account; retry after " + waitSeconds + " s.",
                request.getRequestURI()));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(properties.capacity())
                        .refillGreedy(properties.requestsPerMinute(), Duration.ofMinutes(1))
                        .build())
                .build();
    }
}
