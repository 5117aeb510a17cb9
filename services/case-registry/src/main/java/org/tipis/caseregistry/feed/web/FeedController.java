package org.tipis.caseregistry.feed.web;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tipis.caseregistry.feed.Outbox;

import io.swagger.v3.oas.annotations.Operation;

/**
 * The change feed for statistics, for service accounts only (role {@code service}; not routed by the gateway).
 * A reader keeps the {@code nextCursor} it got and resumes from it: every event once, in order.
 */
@RestController
@Validated
@RequestMapping(path = "/internal/v1/feed", produces = MediaType.APPLICATION_JSON_VALUE)
class FeedController {

    private final Outbox outbox;

    FeedController(Outbox outbox) {
        this.outbox = outbox;
    }

    record FeedPage(List<Outbox.Event> events, long nextCursor, long head) {
    }

    @GetMapping
    @Operation(summary = "De-identified statistical events after a cursor, in order (service accounts only)")
    FeedPage feed(@RequestParam(defaultValue = "0") @Min(0) long after,
                  @RequestParam(defaultValue = "500") @Min(1) @Max(5000) int limit) {
        List<Outbox.Event> events = outbox.after(after, limit);
        long next = events.isEmpty() ? after : events.getLast().position();
        return new FeedPage(events, next, outbox.head());
    }
}
