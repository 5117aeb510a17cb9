package org.tipis.gateway.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-caller request budget at the gateway: a token bucket of {@code capacity} requests refilled at
 * {@code requestsPerMinute}. A caller is the token subject; one caller's burst never slows another caller.
 *
 * @param enabled           whether to limit at all
 * @param requestsPerMinute sustained rate per caller
 * @param capacity          burst size per caller
 * @param maxCallers        callers tracked at once (least recently seen are forgotten first)
 * @param idleExpiry        a caller's bucket is forgotten after this long without a request
 */
@ConfigurationProperties("tipis.gateway.rate-limit")
public record RateLimitProperties(Boolean enabled, Integer requestsPerMinute, Integer capacity, Integer maxCallers,
                                  Duration idleExpiry) {

    public RateLimitProperties {
        enabled = enabled == null || enabled;
        requestsPerMinute = requestsPerMinute == null ? 600 : requestsPerMinute;
        capacity = capacity == null ? 100 : capacity;
        maxCallers = maxCallers == null ? 100_000 : maxCallers;
        idleExpiry = idleExpiry == null ? Duration.ofMinutes(10) : idleExpiry;
    }
}
