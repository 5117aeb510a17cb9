package org.tipis.caseregistry.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tipis.caseregistry.support.RegistryTestBase;
import org.tipis.platform.test.TestUser;

import tools.jackson.databind.JsonNode;

class FeedIT extends RegistryTestBase {

    private static final TestUser INDICATORS = TestUser.service("indicators");

    @Test
    void aReaderThatResumesFromItsCursorGetsEveryChangeOnceInOrder() {
        long start = json(get("/internal/v1/feed?after=0&limit=1", INDICATORS)).get("head").asLong();
        String caseId = openCase(TestUser.OFFICER_ARG);
        for (int i = 0; i < 4; i++) {
            post("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG, Map.of("sex", i % 2 == 0 ? "F" : "M",
                    "ageAtIdentification", 20 + i, "status", "IDENTIFIED", "identificationDate", "2024-05-0" + (i + 1)));
        }

        List<Long> positions = new ArrayList<>();
        long cursor = start;
        while (true) {
            JsonNode page = json(get("/internal/v1/feed?after=" + cursor + "&limit=2", INDICATORS));
            if (page.get("events").isEmpty()) {
                break;
            }
            page.get("events").forEach(e -> positions.add(e.get("position").asLong()));
            cursor = page.get("nextCursor").asLong();
        }

        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(positions).hasSizeGreaterThanOrEqualTo(5);
        Set<String> types = new HashSet<>();
        json(get("/internal/v1/feed?after=" + start + "&limit=100", INDICATORS)).get("events")
                .forEach(e -> types.add(e.get("type").asString()));
        assertThat(types).contains("CaseOpened", "VictimRecorded");
    }

    @Test
    void theFeedCarriesNoIdentityAndNoFreeText() {
        long start = json(get("/internal/v1/feed?after=0&limit=1", INDICATORS)).get("head").asLong();
        String caseId = openCase(TestUser.OFFICER_ARG);
        String victimId = json(post("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG, Map.of("sex", "F",
                "status", "PRESUMED", "situationNote", "FreeTextCanary-19", "residenceRegion", "RegionCanary-19")))
                .get("id").asString();
        put("/api/v1/victims/" + victimId + "/identity", TestUser.OFFICER_ARG,
                Map.of("givenNames", "IdentityCanary-19", "documentNumber", "DocCanary-19", "contact", "ContactCanary-19"));
        post("/api/v1/cases/" + caseId + "/suspects", TestUser.OFFICER_ARG, Map.of("sex", "M", "profileNote", "ProfileCanary-19"));

        String feed = get("/internal/v1/feed?after=" + start + "&limit=1000", INDICATORS).body();

        assertThat(feed).contains(victimId).contains("victimKey");
        assertThat(feed).doesNotContain("Canary").doesNotContain("bus terminal");
    }

    @Test
    void onlyServiceAccountsReadTheFeed() {
        assertThat(get("/internal/v1/feed", TestUser.ANALYST_ARG).statusCode()).isEqualTo(403);
        assertThat(get("/internal/v1/feed", TestUser.ADMIN).statusCode()).isEqualTo(403);
        assertThat(get("/internal/v1/feed", null).statusCode()).isEqualTo(401);
        assertThat(get("/internal/v1/feed?limit=0", INDICATORS).statusCode()).isEqualTo(400);
    }
}
