package org.tipis.referencedata.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipis.referencedata.ApiClient.json;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tipis.platform.test.TestUser;
import org.tipis.referencedata.ApiClient;

import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PopulationApiIT {

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void servesTheShippedWpp2024TotalForArgentina2020() throws Exception {
        long expected = shippedValue("ARG", "2020");

        JsonNode answer = json(api.get("/api/v1/populations?country=ARG&year=2020", TestUser.ANALYST_ARG));

        assertThat(answer.get("figures").size()).isEqualTo(1);
        JsonNode figure = answer.get("figures").get(0);
        assertThat(figure.get("sex").asString()).isEqualTo("_T");
        assertThat(figure.get("ageGroup").asString()).isEqualTo("_T");
        assertThat(figure.get("population").asLong()).isEqualTo(expected);
        assertThat(answer.get("dataset").get("source").asString()).contains("WPP 2024");
    }

    @Test
    void aNationalImportMakesANewVersionThatTheApproverPutsInUse() throws Exception {
        String table = """
                iso3,year,sex,age_group,population,source
                CHL,2023,_T,_T,19658839,INE Chile (test)
                CHL,2023,F,_T,9949000,INE Chile (test)
                CHL,2023,M,_T,9709839,INE Chile (test)
                """;
        TestUser analystChl = TestUser.of("analyst-chl", "national-analyst", "CHL", "chl-ine");
        TestUser approverChl = TestUser.of("approver-chl", "national-approver", "CHL", "chl-ine");
        int before = json(api.get("/api/v1/populations/datasets?country=CHL", analystChl)).size();

        HttpResponse<String> dryRun = importCsv(table, analystChl, true);
        assertThat(dryRun.statusCode()).isEqualTo(200);
        assertThat(json(api.get("/api/v1/populations/datasets?country=CHL", analystChl)).size()).isEqualTo(before);

        HttpResponse<String> imported = importCsv(table, analystChl, false);
        assertThat(imported.statusCode()).isEqualTo(201);
        JsonNode dataset = json(imported).get("datasets").get(0);
        assertThat(dataset.get("version").asInt()).isEqualTo(before + 1);
        String id = dataset.get("id").asString();
        assertThat(json(api.get("/api/v1/populations?country=CHL&year=2023", analystChl)).get("dataset")
                .get("version").asInt()).as("the shipped version stays in use").isEqualTo(1);

        assertThat(putInUse(id, analystChl).statusCode()).isEqualTo(403);
        assertThat(putInUse(id, TestUser.APPROVER_ARG).statusCode()).isEqualTo(403);
        HttpResponse<String> inUse = putInUse(id, approverChl);
        assertThat(inUse.statusCode()).isEqualTo(200);

        JsonNode now = json(api.get("/api/v1/populations?country=CHL&year=2023&sex=F", analystChl));
        assertThat(now.get("dataset").get("version").asInt()).isEqualTo(before + 1);
        assertThat(now.get("figures").get(0).get("population").asLong()).isEqualTo(9949000L);
        assertThat(json(api.get("/api/v1/populations?country=CHL&year=2023&version=1", analystChl))
                .get("figures").get(0).get("population").asLong()).as("version 1 unchanged")
                .isEqualTo(shippedValue("CHL", "2023"));
    }

    @Test
    void aBadTableIsRefusedWholeWithEveryOffendingRow() {
        TestUser analystPer = TestUser.of("analyst-per", "national-analyst", "PER", "per-inei");
        int before = json(api.get("/api/v1/populations/datasets?country=PER", analystPer)).size();

        HttpResponse<String> refused = importCsv("""
                iso3,year,sex,age_group,population,source
                PER,2024,_T,_T,34000000,INEI
                PER,2024,F,_T,17000000,INEI
                PER,2024,M,_T,16000000,INEI
                PER,2024,_T,Y0T17,-1,INEI
                ARG,2024,_T,_T,1,INEI
                PER,2024,F,_T,17000000,INEI
                """, analystPer, false);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).get("type").asString()).isEqualTo("/problems/import-rejected");
        String errors = json(refused).get("errors").toString();
        assertThat(errors).contains("/rows/5/population", "PopulationNegative", "/rows/6/iso3", "CountryNotYours",
                "/rows/7", "DuplicateKey", "/rows/2/population", "SexSumMismatch");
        assertThat(json(api.get("/api/v1/populations/datasets?country=PER", analystPer)).size()).isEqualTo(before);

        HttpResponse<String> portuguese = api.send(api.request("/api/v1/populations/imports?dryRun=true", analystPer)
                .header("Content-Type", "text/csv").header("Accept-Language", "pt-BR")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "iso3,year,sex,age_group,population,source\nPER,2024,_T,_T,5,x\nPER,2024,_T,_T,6,x\n")));
        assertThat(json(portuguese).get("errors").get(0).get("message").asString()).contains("2").doesNotContain("Same");
    }

    @Test
    void onlyNationalAuthoritiesImportAndUnknownCountriesAreProblems() {
        assertThat(importCsv("iso3,year,sex,age_group,population,source\nARG,2024,_T,_T,1,x\n", TestUser.OFFICER_ARG,
                true).statusCode()).isEqualTo(403);
        HttpResponse<String> unknown = api.get("/api/v1/populations?country=XXX", TestUser.ANALYST_ARG);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("errors").get(0).get("pointer").asString()).isEqualTo("/query/country");
    }

    private HttpResponse<String> importCsv(String csv, TestUser user, boolean dryRun) {
        return api.send(api.request("/api/v1/populations/imports?dryRun=" + dryRun, user)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    private HttpResponse<String> putInUse(String id, TestUser user) {
        return api.send(api.request("/api/v1/populations/datasets/" + id + "/in-use", user)
                .PUT(HttpRequest.BodyPublishers.noBody()));
    }

    /** Read straight from the shipped file, not through the code under test. */
    private static long shippedValue(String country, String year) throws Exception {
        try (InputStream in = PopulationApiIT.class.getResourceAsStream("/" + PopulationService.SHIPPED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith(country + "," + year + ",_T,_T,"))
                    .map(l -> Long.parseLong(l.split(",")[4])).findFirst().orElseThrow();
        }
    }
}
