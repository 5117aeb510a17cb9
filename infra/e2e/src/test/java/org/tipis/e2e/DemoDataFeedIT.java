package org.tipis.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipis.e2e.TipisSystem.DIRECT_CASE_REGISTRY;
import static org.tipis.e2e.TipisSystem.GATEWAY;
import static org.tipis.e2e.TipisSystem.accessToken;
import static org.tipis.e2e.TipisSystem.get;
import static org.tipis.e2e.TipisSystem.json;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The demo data a fresh system loads, and the change feed the statistics are built from: every identity value of
 * the demo victims is searched for in the whole feed, and none may be there.
 */
class DemoDataFeedIT {

    @Test
    void theFeedCarriesNoIdentityValueOfTheDemoData() throws Exception {
        String officer = accessToken("officer-arg");
        List<String> demoCases = awaitDemoCases(officer);
        assertThat(demoCases).hasSizeGreaterThan(10);

        List<String> identityValues = new ArrayList<>();
        for (String caseId : demoCases) {
            for (JsonNode victim : json(get(GATEWAY + "/api/v1/cases/" + caseId, officer)).get("victims")) {
                JsonNode identity = json(get(GATEWAY + "/api/v1/victims/" + victim.get("id").asString()
                        + "/identity?purpose=e2e%20check%20of%20the%20statistics%20feed", officer));
                for (String field : List.of("givenNames", "familyNames", "documentNumber")) {
                    if (identity.hasNonNull(field)) {
                        identityValues.add(identity.get(field).asString());
                    }
                }
            }
        }
        assertThat(identityValues).hasSizeGreaterThan(20);

        String service = TipisSystem.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "indicators",
                "client_secret", "dev-only-indicators-secret")).get("access_token").asString();
        StringBuilder feed = new StringBuilder();
        long cursor = 0;
        while (true) {
            JsonNode page = json(get(DIRECT_CASE_REGISTRY + "/internal/v1/feed?after=" + cursor + "&limit=1000", service));
            if (page.get("events").isEmpty()) {
                break;
            }
            feed.append(page.get("events"));
            cursor = page.get("nextCursor").asLong();
        }
        assertThat(feed.toString()).contains("VictimRecorded");
        for (String value : identityValues) {
            assertThat(feed.toString()).as("identity value in the feed").doesNotContain(value);
        }
    }

    private static List<String> awaitDemoCases(String token) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            List<String> ids = new ArrayList<>();
            json(get(GATEWAY + "/api/v1/cases?size=200", token)).get("items").forEach(item -> {
                if (item.get("fileReference").asString().startsWith("DEMO-")) {
                    ids.add(item.get("id").asString());
                }
            });
            if (ids.size() >= 22 || Instant.now().isAfter(deadline)) {
                return ids;
            }
            Thread.sleep(2000);
        }
    }
}
