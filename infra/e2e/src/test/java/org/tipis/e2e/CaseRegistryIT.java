package org.tipis.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipis.e2e.TipisSystem.GATEWAY;
import static org.tipis.e2e.TipisSystem.accessToken;
import static org.tipis.e2e.TipisSystem.json;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The registry's acceptance path through the gateway with real Keycloak tokens: each institution writes its own
 * part, other countries see nothing, analysts see no free text, auditors see who did what. The registry checks
 * codes with reference-data using its own Keycloak service account.
 */
class CaseRegistryIT {

    @Test
    void fromComplaintToJudgmentAndAssistance() {
        String officer = accessToken("officer-arg");
        HttpResponse<String> opened = call("POST", "/api/v1/cases", officer, Map.of("fileReference",
                "E2E-" + UUID.randomUUID(), "openedOn", "2025-02-01", "complaintChannel", "TIP_HOTLINE",
                "exploitationForms", List.of("FORCED_LABOUR"), "placeDescription", "E2E-free-text-canary"));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String caseId = json(opened).get("id").asString();
        String base = "/api/v1/cases/" + caseId;
        JsonNode victim = json(call("POST", base + "/victims", officer, Map.of("sex", "M", "ageAtIdentification", 34,
                "status", "IDENTIFIED", "identificationDate", "2025-02-02", "exploitationPrimary", "FORCED_LABOUR")));
        String victimId = victim.get("id").asString();
        String suspectId = json(call("POST", base + "/suspects", officer, Map.of("sex", "F", "role", "EXPLOITER")))
                .get("id").asString();

        HttpResponse<String> read = TipisSystem.get(GATEWAY + base, officer);
        HttpResponse<String> updated = TipisSystem.send(HttpRequest.newBuilder(URI.create(GATEWAY + base))
                .header("Authorization", "Bearer " + officer).header("Content-Type", "application/merge-patch+json")
                .header("If-Match", read.headers().firstValue("ETag").orElseThrow())
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"stage\":\"PROSECUTION\"}")).build());
        assertThat(updated.statusCode()).isEqualTo(200);

        call("POST", base + "/shares", officer, Map.of("institution", "arg-protex", "rights", "CONTRIBUTE", "reason", "charge"));
        call("POST", base + "/shares", officer, Map.of("institution", "arg-court-federal", "rights", "CONTRIBUTE", "reason", "trial"));
        call("POST", base + "/shares", officer, Map.of("institution", "arg-ngo-refugio", "victimId", victimId,
                "rights", "CONTRIBUTE", "reason", "shelter"));
        assertThat(call("POST", base + "/proceedings", accessToken("prosecutor-arg"), Map.of("type", "CHARGE",
                "occurredOn", "2025-03-01", "suspectId", suspectId)).statusCode()).isEqualTo(201);
        assertThat(call("POST", base + "/proceedings", accessToken("court-arg"), Map.of("type", "JUDGMENT",
                "occurredOn", "2025-06-01", "suspectId", suspectId, "outcome", "CONVICTION")).statusCode()).isEqualTo(201);
        assertThat(call("POST", base + "/assistance", accessToken("ngo-arg"), Map.of("victimId", victimId,
                "type", "SHELTER", "shelterProvider", "CIVIL_SOCIETY", "startedOn", "2025-02-03")).statusCode())
                .isEqualTo(201);

        JsonNode history = json(TipisSystem.get(GATEWAY + base + "/history", accessToken("auditor-arg")));
        List<String> authors = new ArrayList<>();
        history.forEach(e -> authors.add(e.get("username").asString() + "@" + e.get("institution").asString()));
        assertThat(authors).contains("officer-arg@arg-pfa", "prosecutor-arg@arg-protex", "court-arg@arg-court-federal",
                "ngo-arg@arg-ngo-refugio");

        assertThat(TipisSystem.get(GATEWAY + base, accessToken("officer-bra")).statusCode()).isEqualTo(404);
        JsonNode analystView = json(TipisSystem.get(GATEWAY + base, accessToken("analyst-arg")));
        assertThat(analystView.get("redacted").asBoolean()).isTrue();
        assertThat(analystView.toString()).doesNotContain("E2E-free-text-canary");
        HttpResponse<String> noPurpose = TipisSystem.get(GATEWAY + "/api/v1/victims/" + victimId + "/identity", officer);
        assertThat(noPurpose.statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> call(String method, String path, String token, Object body) {
        return TipisSystem.send(HttpRequest.newBuilder(URI.create(GATEWAY + path)).timeout(java.time.Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(TipisSystem.JSON.writeValueAsString(body))).build());
    }
}
