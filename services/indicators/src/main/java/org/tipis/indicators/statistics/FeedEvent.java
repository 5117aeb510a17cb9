package org.tipis.indicators.statistics;

import java.util.Map;
import java.util.UUID;

/** One event of the registry's change feed, as it arrives over HTTP. */
public record FeedEvent(long position, String type, String aggregateType, UUID aggregateId, UUID caseId,
                        String country, Map<String, Object> payload) {
}
