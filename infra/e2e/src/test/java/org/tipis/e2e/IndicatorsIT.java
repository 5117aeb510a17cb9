package org.tipis.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipis.e2e.TipisSystem.GATEWAY;
import static org.tipis.e2e.TipisSystem.accessToken;
import static org.tipis.e2e.TipisSystem.get;
import static org.tipis.e2e.TipisSystem.json;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Registry → change feed → statistics → approval → SDMX, through the gateway with real tokens. */
class IndicatorsIT {

    @Test
    void theDemoDataBecomesApprovedExportableFigures() throws Exception {
        String analyst = accessToken("analyst-arg");
        awaitFeed(analyst);

        HttpResponse<String> figures = get(GATEWAY + "/api/v1/indicators/sdg-16-2-2?country=ARG&year=2024", analyst);
        assertThat(figures.statusCode()).as(figures.body()).isEqualTo(200);
        JsonNode table = json(figures);
        assertThat(table.get("observations").size()).isEqualTo(94);
        assertThat(table.get("disclosure").get("k").asInt()).isEqualTo(5);
        assertThat(table.get("provenance").get("ruleVersion").asString()).isEqualTo("sdg-16-2-2/1");

        String approver = accessToken("approver-arg");
        HttpResponse<String> approved = TipisSystem.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/snapshots"))
                .header("Authorization", "Bearer " + approver).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"country\":\"ARG\",\"year\":2024}")).build());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(201);

        HttpResponse<String> csv = get(GATEWAY + "/api/v1/exports/sdg-16-2-2?country=ARG&year=2024&format=sdmx-csv", approver);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("DATAFLOW,FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,");
        assertThat(csv.body()).contains(",N,VC_HTF_DETV,32,_T,_T,");

        HttpResponse<String> workbook = get(GATEWAY + "/api/v1/exports/glotip?country=ARG&year=2024", approver);
        assertThat(workbook.statusCode()).isEqualTo(200);
        assertThat(workbook.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");

        // a dynamic report through the gateway: exact for the approver, protected for the analyst
        String glotip = "{\"preset\":\"glotip-victims\",\"period\":{\"from\":\"2024-01-01\",\"to\":\"2024-12-31\"}}";
        JsonNode exact = json(report(approver, glotip));
        assertThat(exact.get("disclosure").get("k").asInt()).isZero();
        assertThat(exact.get("rows").get(0).get("key").toString())
                .isEqualTo("{\"exploitationForm\":\"_T\",\"sex\":\"_T\",\"ageGroup\":\"_T\"}");
        long sdgTotal = 0;
        for (JsonNode o : json(get(GATEWAY + "/api/v1/indicators/sdg-16-2-2?country=ARG&year=2024", approver))
                .get("observations")) {
            if (o.get("series").asString().equals("VC_HTF_DETV") && o.get("sex").asString().equals("_T")
                    && o.get("age").asString().equals("_T")) {
                sdgTotal = o.get("value").asLong();
            }
        }
        assertThat(sdgTotal).as("demo data has detected victims in 2024").isPositive();
        assertThat(exact.get("rows").get(0).get("values").get("victims").get("value").asLong())
                .as("the GLOTIP victims table and SDG 16.2.2 count the same persons").isEqualTo(sdgTotal);
        JsonNode controlled = json(report(analyst, glotip));
        assertThat(controlled.get("disclosure").get("k").asInt()).isEqualTo(5);
        for (JsonNode row : controlled.get("rows")) {
            JsonNode value = row.get("values").get("victims").get("value");
            assertThat(value.isNull() || value.asLong() == 0 || value.asLong() >= 5).as(row.toString()).isTrue();
        }
        HttpResponse<String> unknown = TipisSystem.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/reports/query"))
                .header("Authorization", "Bearer " + analyst).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"measures\":[\"victims\"],\"dimensions\":[\"colour\"]}")).build());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("/dimensions/0", "colour");

        JsonNode comparison = json(get(GATEWAY + "/api/v1/snapshots/comparison?year=2024", accessToken("regional")));
        assertThat(comparison.get("countries").size()).isEqualTo(35);
        assertThat(get(GATEWAY + "/api/v1/indicators/sdg-16-2-2?country=ARG&year=2024", accessToken("regional"))
                .statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> report(String token, String query) {
        HttpResponse<String> response = TipisSystem.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/reports/query"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static void awaitFeed(String token) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = json(get(GATEWAY + "/api/v1/indicators/status", token));
            if (status.get("appliedPosition").asLong() > 0 && status.get("lag").asLong() == 0) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the statistics did not catch up with the registry in 3 minutes");
    }
}
