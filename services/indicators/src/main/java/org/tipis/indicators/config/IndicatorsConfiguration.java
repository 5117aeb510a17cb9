package org.tipis.indicators.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.tipis.indicators.statistics.FeedProperties;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(FeedProperties.class)
class IndicatorsConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
