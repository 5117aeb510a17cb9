package org.tipis.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipis.e2e.TipisSystem.GATEWAY;
import static org.tipis.e2e.TipisSystem.accessToken;
import static org.tipis.e2e.TipisSystem.get;
import static org.tipis.e2e.TipisSystem.json;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The shared dictionary, institutions and denominators as users reach them: through the gateway. */
class ReferenceDataIT {

    @Test
    void exploitationFormsInEveryLanguageCarryTheirSdgSeries() {
        String token = accessToken("officer-arg");
        for (String lang : List.of("es", "fr", "pt")) {
            JsonNode list = json(get(GATEWAY + "/api/v1/code-lists/exploitation-form?lang=" + lang, token));
            assertThat(list.get("language").asString()).isEqualTo(lang);
            for (JsonNode code : list.get("codes")) {
                assertThat(code.get("label").asString()).as(lang + " " + code.get("code").asString()).isNotBlank()
                        .isEqualTo(code.get("labels").get(lang).asString());
                assertThat(code.get("mappings").get("SDG_SERIES").get(0).asString()).startsWith("VC_HTF_DETV");
            }
        }
    }

    @Test
    void argentina2020HasTheShippedWpp2024Total() {
        JsonNode answer = json(get(GATEWAY + "/api/v1/populations?country=ARG&year=2020", accessToken("analyst-arg")));

        assertThat(answer.get("figures").get(0).get("population").asLong()).isEqualTo(45_191_960L);
    }

    @Test
    void aCaseOfficerCannotCreateInstitutions() {
        HttpResponse<String> response = TipisSystem.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/institutions"))
                .header("Authorization", "Bearer " + accessToken("officer-arg"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"arg-e2e\",\"country\":\"ARG\",\"kind\":\"COURT\",\"name\":\"x\"}")).build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("type").asString()).isEqualTo("/problems/forbidden");
    }

    @Test
    void officersSeeTheInstitutionsOfTheirOwnCountry() {
        JsonNode page = json(get(GATEWAY + "/api/v1/institutions", accessToken("officer-bra")));

        assertThat(page.get("items").size()).isGreaterThan(0);
        page.get("items").forEach(i -> assertThat(i.get("country").asString()).isEqualTo("BRA"));
    }
}
