package org.tipis.referencedata.institution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipis.referencedata.ApiClient.json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tipis.platform.test.TestUser;
import org.tipis.referencedata.ApiClient;

import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InstitutionApiIT {

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void theDemoInstitutionsMatchTheDemoAccounts() {
        JsonNode police = json(api.get("/api/v1/institutions/arg-pfa", TestUser.OFFICER_ARG));

        assertThat(police.get("kind").asString()).isEqualTo("POLICE");
        assertThat(police.get("country").asString()).isEqualTo("ARG");
        assertThat(police.get("allowedSections").toString()).contains("CASE_OPENING", "VICTIM_IDENTIFICATION");
        for (String id : new String[] {"arg-ngo-refugio", "arg-protex", "arg-court-federal", "arg-comite"}) {
            assertThat(api.get("/api/v1/institutions/" + id, TestUser.ANALYST_ARG).statusCode()).as(id).isEqualTo(200);
        }
        assertThat(api.get("/api/v1/institutions/bra-pf", TestUser.OFFICER_BRA).statusCode()).isEqualTo(200);
    }

    @Test
    void callersSeeTheirOwnCountryOnlyExceptRegionalAnalysts() {
        Set<String> countries = countriesListed(TestUser.OFFICER_ARG, "");
        assertThat(countries).containsExactly("ARG");
        assertThat(api.get("/api/v1/institutions/arg-pfa", TestUser.OFFICER_BRA).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/institutions?country=ARG", TestUser.OFFICER_BRA).statusCode()).isEqualTo(403);
        assertThat(countriesListed(TestUser.REGIONAL, "")).contains("ARG", "BRA");
        JsonNode courts = json(api.get("/api/v1/institutions?kind=COURT", TestUser.OFFICER_ARG));
        assertThat(courts.get("items").size()).isEqualTo(1);
        assertThat(courts.get("totalItems").asInt()).isEqualTo(1);
    }

    @Test
    void aCaseOfficerCannotCreateInstitutionsAnAdministratorCanAndItIsAudited() {
        String id = "arg-test-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = Map.of("id", id, "country", "ARG", "kind", "LABOUR_INSPECTION",
                "name", "Inspección del Trabajo (test)", "contactEmail", "inspeccion@test.example");

        HttpResponse<String> refused = api.postJson("/api/v1/institutions", TestUser.OFFICER_ARG, body);
        HttpResponse<String> created = api.postJson("/api/v1/institutions", TestUser.ADMIN, body);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/api/v1/institutions/" + id);
        String etag = created.headers().firstValue("ETag").orElseThrow();

        Map<String, Object> renamed = Map.of("country", "ARG", "kind", "LABOUR_INSPECTION",
                "name", "Secretaría de Trabajo (test)", "active", true);
        HttpResponse<String> withoutIfMatch = put(id, renamed, null);
        HttpResponse<String> updated = put(id, renamed, etag);
        HttpResponse<String> stale = put(id, renamed, etag);

        assertThat(withoutIfMatch.statusCode()).isEqualTo(428);
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(json(updated).get("name").asString()).isEqualTo("Secretaría de Trabajo (test)");
        assertThat(stale.statusCode()).isEqualTo(412);

        JsonNode history = json(api.get("/api/v1/institutions/" + id + "/history", TestUser.AUDITOR_ARG));
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("change").asString()).isEqualTo("ADD");
        assertThat(history.get(1).get("change").asString()).isEqualTo("MOD");
        assertThat(history.get(1).get("username").asString()).isEqualTo("admin");
        assertThat(history.get(1).get("name").asString()).isEqualTo("Secretaría de Trabajo (test)");
        assertThat(history.get(1).get("requestId").asString()).isNotBlank();
        assertThat(api.get("/api/v1/institutions/" + id + "/history", TestUser.OFFICER_ARG).statusCode()).isEqualTo(403);
    }

    @Test
    void refusesUnknownKindsCountriesAndParents() {
        HttpResponse<String> response = api.postJson("/api/v1/institutions", TestUser.ADMIN, Map.of(
                "id", "xx-bad", "country", "XXX", "kind", "SPACE_AGENCY", "name", "Bad", "parentId", "nope"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").toString()).contains("/kind", "/country", "/parentId");
        HttpResponse<String> invalid = api.postJson("/api/v1/institutions", TestUser.ADMIN, Map.of(
                "id", "Not A Slug", "country", "ARG", "kind", "COURT", "name", "", "contactEmail", "nope"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).get("errors").toString()).contains("/id", "/name", "/contactEmail");
        assertThat(api.postJson("/api/v1/institutions", TestUser.ADMIN, Map.of("id", "arg-pfa", "country", "ARG",
                "kind", "POLICE", "name", "Dup")).statusCode()).isEqualTo(409);
    }

    private HttpResponse<String> put(String id, Map<String, Object> body, String ifMatch) {
        HttpRequest.Builder request = api.request("/api/v1/institutions/" + id, TestUser.ADMIN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(body)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return api.send(request);
    }

    private Set<String> countriesListed(TestUser user, String query) {
        Set<String> countries = new HashSet<>();
        json(api.get("/api/v1/institutions?size=500" + query, user)).get("items")
                .forEach(i -> countries.add(i.get("country").isNull() ? "-" : i.get("country").asString()));
        return countries;
    }
}
