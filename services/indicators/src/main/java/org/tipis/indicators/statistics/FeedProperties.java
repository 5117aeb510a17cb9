package org.tipis.indicators.statistics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param uri          the case registry's base URL (its {@code /internal/v1/feed})
 * @param pollInterval pause between polls once the store has caught up
 * @param pageSize     events per request
 */
@ConfigurationProperties("tipis.feed")
public record FeedProperties(String uri, Duration pollInterval, Integer pageSize, Boolean enabled) {

    public FeedProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        pageSize = pageSize == null ? 1000 : pageSize;
        enabled = enabled == null || enabled;
    }
}
