package org.tipis.referencedata.codelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tipis.referencedata.ApiClient.json;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tipis.platform.test.TestUser;
import org.tipis.referencedata.ApiClient;
import org.tipis.referencedata.codelist.CodeListDocument.CodeDocument;

import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CodeListApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void theExploitationFormsComeInSpanishWithTheirSdgSeries() {
        JsonNode list = json(api.get("/api/v1/code-lists/exploitation-form?lang=es", TestUser.OFFICER_ARG));

        assertThat(list.get("language").asString()).isEqualTo("es");
        assertThat(list.get("codes").size()).isGreaterThan(10);
        for (JsonNode code : list.get("codes")) {
            assertThat(code.get("label").asString()).as(code.get("code").asString())
                    .isNotBlank().isEqualTo(code.get("labels").get("es").asString());
            assertThat(code.get("mappings").get("SDG_SERIES").get(0).asString()).startsWith("VC_HTF_DETV");
        }
        JsonNode sexual = find(list, "SEXUAL");
        assertThat(sexual.get("label").asString()).isEqualTo("Explotación sexual");
        assertThat(sexual.get("mappings").get("SDG_SERIES").get(0).asString()).isEqualTo("VC_HTF_DETVSX");
    }

    @Test
    void labelsFollowLangOrAcceptLanguage() {
        for (String lang : List.of("fr", "pt")) {
            JsonNode list = json(api.get("/api/v1/code-lists/exploitation-form?lang=" + lang, TestUser.ANALYST_BRA));
            assertThat(list.get("language").asString()).isEqualTo(lang);
            for (JsonNode code : list.get("codes")) {
                assertThat(code.get("label").asString()).isEqualTo(code.get("labels").get(lang).asString())
                        .isNotBlank();
            }
        }
        HttpResponse<String> portuguese = api.send(api.request("/api/v1/code-lists/sex", TestUser.OFFICER_BRA)
                .header("Accept-Language", "pt-BR,pt;q=0.9,en;q=0.5"));
        assertThat(json(portuguese).get("language").asString()).isEqualTo("pt");
        assertThat(json(api.get("/api/v1/code-lists/sex", TestUser.OFFICER_BRA)).get("language").asString())
                .isEqualTo("en");
    }

    @Test
    void unknownListsVersionsCodesAndLanguagesAreProblems() {
        assertProblem(api.get("/api/v1/code-lists/no-such-list", TestUser.OFFICER_ARG), 404, "/problems/not-found");
        assertProblem(api.get("/api/v1/code-lists/sex?version=999", TestUser.OFFICER_ARG), 404, "/problems/not-found");
        assertProblem(api.get("/api/v1/code-lists/sex/codes/ZZ", TestUser.OFFICER_ARG), 404, "/problems/not-found");
        HttpResponse<String> german = api.get("/api/v1/code-lists/sex?lang=de", TestUser.OFFICER_ARG);
        assertProblem(german, 400, "/problems/validation-failed");
        assertThat(json(german).get("errors").get(0).get("pointer").asString()).isEqualTo("/query/lang");
    }

    @Test
    void aCodeCanBeReadAlone() {
        JsonNode code = json(api.get("/api/v1/code-lists/country/codes/ARG?lang=fr", TestUser.REGIONAL));

        assertThat(code.get("code").get("label").asString()).isEqualTo("Argentine");
        assertThat(code.get("code").get("mappings").get("M49").get(0).asString()).isEqualTo("032");
        assertThat(code.get("code").get("flags").toString()).contains("oas-member");
    }

    @Test
    void aNamedVersionIsCacheableForGoodAndRevalidatesByEtag() {
        HttpResponse<String> first = api.get("/api/v1/code-lists/victim-status?version=1&lang=es", TestUser.OFFICER_ARG);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = api.send(api.request("/api/v1/code-lists/victim-status?version=1&lang=es",
                TestUser.OFFICER_ARG).header("If-None-Match", etag));

        assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("immutable");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void aChangeMakesVersionNPlusOneAndVersionNStaysAsItWas() {
        String listId = "transport-mode";
        JsonNode before = json(api.get("/api/v1/code-lists/" + listId, TestUser.ADMIN));
        int n = before.get("version").asInt();
        CodeListDocument next = withExtraCode(exported(listId, n), "CABLE_CAR");

        HttpResponse<String> published = api.postJson("/api/v1/code-lists/" + listId + "/versions", TestUser.ADMIN, next,
                "If-Match", "\"" + listId + "-v" + n + "-en\"");

        assertThat(published.statusCode()).isEqualTo(201);
        assertThat(json(published).get("version").asInt()).isEqualTo(n + 1);
        assertThat(published.headers().firstValue("Location").orElseThrow()).endsWith("?version=" + (n + 1));
        JsonNode old = json(api.get("/api/v1/code-lists/" + listId + "?version=" + n, TestUser.ADMIN));
        assertThat(old.get("codes").toString()).isEqualTo(before.get("codes").toString()).doesNotContain("CABLE_CAR");
        assertThat(json(api.get("/api/v1/code-lists/" + listId, TestUser.ADMIN)).get("codes").toString())
                .contains("CABLE_CAR");
        JsonNode versions = json(api.get("/api/v1/code-lists/" + listId + "/versions", TestUser.OFFICER_ARG));
        JsonNode last = versions.get("versions").get(versions.get("versions").size() - 1);
        assertThat(last.get("changeSummary").asString()).isEqualTo("Adds CABLE_CAR");
        assertThat(last.get("publishedBy").asString()).isEqualTo("admin");

        HttpResponse<String> stale = api.postJson("/api/v1/code-lists/" + listId + "/versions", TestUser.ADMIN, next,
                "If-Match", "\"" + listId + "-v" + n + "-en\"");
        assertProblem(stale, 412, "/problems/precondition-failed");
    }

    @Test
    void onlyRegistryAdministratorsPublishAndOnlyCompleteVersions() {
        CodeListDocument document = exported("risk-level", 1);
        assertProblem(api.postJson("/api/v1/code-lists/risk-level/versions", TestUser.OFFICER_ARG, document), 403,
                "/problems/forbidden");

        CodeDocument first = document.codes().getFirst();
        Map<String, String> noFrench = new java.util.HashMap<>(first.labels());
        noFrench.remove("fr");
        List<CodeDocument> codes = new ArrayList<>(document.codes());
        codes.set(0, new CodeDocument(first.code(), first.parent(), noFrench, first.description(), first.flags(),
                first.validFrom(), first.validTo(), Map.of("SDG_SERIES", List.of("VC_HTF_NOPE"))));
        CodeListDocument incomplete = new CodeListDocument(null, null, document.names(), document.description(),
                null, "Breaks it", "Test", codes);

        HttpResponse<String> refused = api.postJson("/api/v1/code-lists/risk-level/versions", TestUser.ADMIN, incomplete);

        assertProblem(refused, 400, "/problems/validation-failed");
        assertThat(json(refused).get("errors").toString()).contains("/codes/0/labels/fr", "LabelMissing",
                "/codes/0/mappings/SDG_SERIES/0", "MappingTargetUnknown");
        assertThat(json(api.get("/api/v1/code-lists/risk-level", TestUser.ADMIN)).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void thePublishedContentCannotBeChangedEvenInTheDatabase() {
        assertThatThrownBy(() -> jdbc.update("update code set label_en = 'changed' where code = 'F'"))
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.update("delete from code_mapping where scheme = 'SDG_SERIES'"))
                .hasMessageContaining("immutable");
    }

    @Test
    void exportsAsCsvAndAsTheDocumentThatPublishes() {
        HttpResponse<String> csv = api.get("/api/v1/code-lists/sex/export?format=csv", TestUser.ANALYST_ARG);
        HttpResponse<String> document = api.get("/api/v1/code-lists/sex/export?format=json", TestUser.ANALYST_ARG);

        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow())
                .isEqualTo("code,parent,label_en,label_es,label_fr,label_pt,description,flags,valid_from,valid_to,mappings");
        assertThat(csv.body()).contains("SDMX_SEX:F");
        assertThat(json(document).get("id").asString()).isEqualTo("sex");
        assertThat(json(document).get("codes").get(0).get("labels").size()).isEqualTo(4);
    }

    @Test
    void theCatalogueListsEveryShippedList() {
        JsonNode catalogue = json(api.get("/api/v1/code-lists?lang=es", TestUser.OFFICER_ARG));

        List<String> ids = new ArrayList<>();
        catalogue.get("codeLists").forEach(entry -> ids.add(entry.get("id").asString()));
        assertThat(ids).contains("sex", "country", "exploitation-form", "institution-kind", "ethnicity-bra");
        assertThat(catalogue.get("codeLists").get(0).get("name").asString()).isNotBlank();
    }

    private CodeListDocument exported(String listId, int version) {
        return ApiClient.JSON.readValue(api.get("/api/v1/code-lists/" + listId + "/export?format=json&version=" + version,
                TestUser.ADMIN).body(), CodeListDocument.class);
    }

    private static CodeListDocument withExtraCode(CodeListDocument document, String code) {
        List<CodeDocument> codes = new ArrayList<>(document.codes());
        codes.add(new CodeDocument(code, null, Map.of("en", "Cable car", "es", "Teleférico", "fr", "Téléphérique",
                "pt", "Teleférico"), null, List.of("international"), null, null, Map.of()));
        return new CodeListDocument(null, null, document.names(), document.description(), document.country(),
                "Adds " + code, "Requested in a test", codes);
    }

    private static JsonNode find(JsonNode list, String code) {
        for (JsonNode entry : list.get("codes")) {
            if (entry.get("code").asString().equals(code)) {
                return entry;
            }
        }
        throw new AssertionError("no code " + code);
    }

    static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(response).get("type").asString()).isEqualTo(type);
    }
}
