package org.tipis.indicators.statistics.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tipis.indicators.statistics.FeedConsumer;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;

@RestController
class StatusController {

    private final FeedConsumer consumer;

    StatusController(FeedConsumer consumer) {
        this.consumer = consumer;
    }

    @GetMapping(path = "/api/v1/indicators/status", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "How far the statistical store has followed the registry's change feed")
    FeedConsumer.Status status(Caller caller) {
        if (!caller.hasAnyRole("national-analyst", "national-approver", "regional-analyst", "auditor", "service")) {
            throw ProblemException.forbidden("Your role does not use statistics.");
        }
        return consumer.status();
    }
}
