package org.tipis.indicators.statistics;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import org.tipis.indicators.statistics.persistence.StatisticalStore;
import org.tipis.platform.problem.SafeThrowables;
import org.tipis.platform.serviceclient.ServiceClients;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Pulls the registry's change feed with the indicators service account and applies each page, with the cursor,
 * in one transaction ({@link StatisticalStore#applyAll}, a few set-based statements per page): after a crash or
 * restart of either side it resumes from the last committed position, and a page applied twice changes nothing.
 * Lag (registry head − applied position) is a metric and part of the status.
 */
@Component
public class FeedConsumer {

    private static final Logger log = LoggerFactory.getLogger(FeedConsumer.class);

    /** A page of the feed, as the registry answers it. */
    record FeedPage(List<FeedEvent> events, long nextCursor, long head) {
    }

    public record Status(long appliedPosition, long registryHead, long lag, Instant lastPollAt, Instant lastEventAt,
                         String lastError) {
    }

    private final RestClient registry;
    private final StatisticalStore store;
    private final TransactionTemplate transactions;
    private final FeedProperties properties;
    private final Clock clock;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicReference<Instant> lastPoll = new AtomicReference<>();
    private final AtomicReference<Instant> lastEvent = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final Counter events;

    FeedConsumer(ServiceClients clients, StatisticalStore store, TransactionTemplate transactions,
                 FeedProperties properties, Clock clock, MeterRegistry meters) {
        this.registry = clients.forBaseUrl(properties.uri());
        this.store = store;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.events = Counter.builder("tipis.indicators.feed.events").description("Feed events applied").register(meters);
        Gauge.builder("tipis.indicators.feed.lag", this, c -> c.status().lag())
                .description("Registry feed events not yet applied").register(meters);
    }

    @Scheduled(fixedDelayString = "${tipis.feed.poll-interval:2s}", initialDelayString = "${tipis.feed.initial-delay:1s}")
    void poll() {
        if (!properties.enabled()) {
            return;
        }
        try {
            catchUp();
            lastError.set(null);
        } catch (RuntimeException e) {
            lastError.set(e.getClass().getSimpleName());
            log.warn("Feed poll failed, will retry: {}", SafeThrowables.describe(e));
        }
    }

    /** Applies pages until the store has caught up with the registry. */
    public void catchUp() {
        while (true) {
            long cursor = store.cursor();
            applied.set(cursor);
            FeedPage page = registry.get().uri("/internal/v1/feed?after={after}&limit={limit}", cursor,
                    properties.pageSize()).retrieve().body(FeedPage.class);
            lastPoll.set(clock.instant());
            if (page == null) {
                return;
            }
            head.set(page.head());
            if (page.events().isEmpty()) {
                return;
            }
            transactions.executeWithoutResult(status -> {
                store.applyAll(page.events());
                store.moveCursor(page.nextCursor());
            });
            events.increment(page.events().size());
            applied.set(page.nextCursor());
            lastEvent.set(clock.instant());
        }
    }

    public Status status() {
        long at = applied.get();
        long registryHead = Math.max(head.get(), at);
        return new Status(at, registryHead, registryHead - at, lastPoll.get(), lastEvent.get(), lastError.get());
    }
}
