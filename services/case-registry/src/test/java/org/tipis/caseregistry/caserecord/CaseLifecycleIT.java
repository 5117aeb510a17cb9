package org.tipis.caseregistry.caserecord;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tipis.caseregistry.support.RegistryTestBase;
import org.tipis.platform.test.TestUser;

import tools.jackson.databind.JsonNode;

/**
 * From complaint to judgment and assistance, each institution writing its own part, as the acceptance
 * describes it.
 */
class CaseLifecycleIT extends RegistryTestBase {

    @Test
    void eachInstitutionWritesItsOwnPartAndTheHistoryShowsWho() {
        // police opens the case with a victim and a suspect
        String caseId = openCase(TestUser.OFFICER_ARG);
        HttpResponse<String> victim = post("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG, victim(
                "V-1", "F", 16, "IDENTIFIED", "2024-03-05"));
        assertThat(victim.statusCode()).as(victim.body()).isEqualTo(201);
        JsonNode victimJson = json(victim);
        assertThat(victimJson.get("minor").asBoolean()).isTrue();
        assertThat(victimJson.get("coding").get("sex").asInt()).isEqualTo(1);
        String victimId = victimJson.get("id").asString();
        HttpResponse<String> suspect = post("/api/v1/cases/" + caseId + "/suspects", TestUser.OFFICER_ARG,
                Map.of("sex", "M", "age", 41, "nationality", "ARG", "role", "RECRUITER", "profileNote", "known as El Tío"));
        assertThat(suspect.statusCode()).as(suspect.body()).isEqualTo(201);
        String suspectId = json(suspect).get("id").asString();

        // read back, then update with If-Match; a stale ETag gives 412
        HttpResponse<String> read = get("/api/v1/cases/" + caseId, TestUser.OFFICER_ARG);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).get("victims").size()).isEqualTo(1);
        assertThat(json(read).get("placeDescription").asString()).isEqualTo("behind the bus terminal");
        String etag = read.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> updated = patch("/api/v1/cases/" + caseId, TestUser.OFFICER_ARG,
                Map.of("stage", "PROSECUTION", "investigationTypes", List.of("PROACTIVE")), etag);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).get("stage").asString()).isEqualTo("PROSECUTION");
        assertThat(json(updated).get("complaintChannel").asString()).as("untouched by the patch").isEqualTo("TIP_HOTLINE");
        assertThat(patch("/api/v1/cases/" + caseId, TestUser.OFFICER_ARG, Map.of("stage", "TRIAL"), etag).statusCode())
                .isEqualTo(412);
        assertThat(patch("/api/v1/cases/" + caseId, TestUser.OFFICER_ARG, Map.of("stage", "TRIAL"), null).statusCode())
                .isEqualTo(428);

        // the prosecutor cannot see it before it is shared, then charges the suspect
        assertThat(get("/api/v1/cases/" + caseId, TestUser.PROSECUTOR_ARG).statusCode()).isEqualTo(404);
        assertThat(share(caseId, "arg-protex", "CONTRIBUTE").statusCode()).isEqualTo(201);
        HttpResponse<String> charge = post("/api/v1/cases/" + caseId + "/proceedings", TestUser.PROSECUTOR_ARG,
                Map.of("type", "CHARGE", "occurredOn", "2024-04-01", "suspectId", suspectId));
        assertThat(charge.statusCode()).as(charge.body()).isEqualTo(201);
        assertThat(json(charge).get("institution").asString()).isEqualTo("arg-protex");

        // the police may not record a charge: its kind lacks the section
        assertThat(post("/api/v1/cases/" + caseId + "/proceedings", TestUser.OFFICER_ARG,
                Map.of("type", "CHARGE", "occurredOn", "2024-04-02", "suspectId", suspectId)).statusCode()).isEqualTo(403);

        // the court records the judgment once shared
        assertThat(share(caseId, "arg-court-federal", "CONTRIBUTE").statusCode()).isEqualTo(201);
        HttpResponse<String> judgment = post("/api/v1/cases/" + caseId + "/proceedings", TestUser.COURT_ARG,
                Map.of("type", "JUDGMENT", "occurredOn", "2024-09-10", "suspectId", suspectId, "outcome", "CONVICTION"));
        assertThat(judgment.statusCode()).as(judgment.body()).isEqualTo(201);

        // the NGO adds shelter assistance once the victim's part is shared with it
        Map<String, Object> shelter = new LinkedHashMap<>(Map.of("victimId", victimId, "type", "SHELTER",
                "shelterProvider", "CIVIL_SOCIETY", "shelterType", "TIP_ONLY", "womenOnly", true, "withChildren", false,
                "startedOn", "2024-03-06", "providerName", "Refugio Esperanza"));
        assertThat(post("/api/v1/cases/" + caseId + "/assistance", TestUser.NGO_ARG, shelter).statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/cases/" + caseId + "/shares", TestUser.OFFICER_ARG, Map.of("institution",
                "arg-ngo-refugio", "victimId", victimId, "rights", "CONTRIBUTE", "reason", "shelter placement"))
                .statusCode()).isEqualTo(201);
        HttpResponse<String> assisted = post("/api/v1/cases/" + caseId + "/assistance", TestUser.NGO_ARG, shelter);
        assertThat(assisted.statusCode()).as(assisted.body()).isEqualTo(201);

        // the auditor sees every revision with its author and institution
        HttpResponse<String> history = get("/api/v1/cases/" + caseId + "/history", TestUser.AUDITOR_ARG);
        assertThat(history.statusCode()).isEqualTo(200);
        List<String> authors = new ArrayList<>();
        json(history).forEach(entry -> authors.add(entry.get("entity").asString() + ":" + entry.get("change").asString()
                + ":" + entry.get("username").asString() + ":" + entry.get("institution").asString()));
        assertThat(authors).contains("case:ADD:officer-arg:arg-pfa", "case:MOD:officer-arg:arg-pfa",
                "victim:ADD:officer-arg:arg-pfa", "suspect:ADD:officer-arg:arg-pfa",
                "proceeding:ADD:prosecutor-arg:arg-protex", "proceeding:ADD:court-arg:arg-court-federal",
                "assistance:ADD:ngo-arg:arg-ngo-refugio", "share:ADD:officer-arg:arg-pfa");
        json(history).forEach(entry -> assertThat(entry.get("requestId").asString()).isNotBlank());
        assertThat(get("/api/v1/cases/" + caseId + "/history", TestUser.OFFICER_ARG).statusCode()).isEqualTo(403);
    }

    @Test
    void anotherCountryNeverLearnsThatTheCaseExists() {
        String caseId = openCase(TestUser.OFFICER_ARG);
        for (String path : List.of("", "/victims", "/suspects", "/proceedings", "/assistance", "/shares")) {
            assertThat(get("/api/v1/cases/" + caseId + path, TestUser.OFFICER_BRA).statusCode()).as(path).isEqualTo(404);
        }
        TestUser auditorBra = TestUser.of("auditor-bra", "auditor", "BRA", "bra-mjsp");
        assertThat(get("/api/v1/cases/" + caseId + "/history", auditorBra).statusCode()).isEqualTo(404);
        assertThat(patch("/api/v1/cases/" + caseId, TestUser.OFFICER_BRA, Map.of("stage", "TRIAL"), "\"0\"")
                .statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/cases/" + java.util.UUID.randomUUID(), TestUser.OFFICER_BRA).statusCode()).isEqualTo(404);
        JsonNode page = json(get("/api/v1/cases", TestUser.OFFICER_BRA));
        page.get("items").forEach(item -> assertThat(item.get("id").asString()).isNotEqualTo(caseId));
    }

    @Test
    void analystsSeeStatisticsWithoutFreeTextAndRegionalRolesSeeNoRecords() {
        String caseId = openCase(TestUser.OFFICER_ARG);
        post("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG,
                Map.of("sex", "F", "ageAtIdentification", 30, "status", "IDENTIFIED", "identificationDate", "2024-03-05",
                        "situationNote", "lives with her aunt", "residenceRegion", "Barrio Norte"));

        JsonNode seen = json(get("/api/v1/cases/" + caseId, TestUser.ANALYST_ARG));

        assertThat(seen.get("redacted").asBoolean()).isTrue();
        assertThat(seen.get("placeDescription").isNull()).isTrue();
        assertThat(seen.get("victims").get(0).get("situationNote").isNull()).isTrue();
        assertThat(seen.get("victims").get(0).get("residenceRegion").isNull()).isTrue();
        assertThat(seen.toString()).doesNotContain("aunt", "Barrio Norte", "bus terminal");
        assertThat(seen.get("victims").get(0).get("sex").asString()).isEqualTo("F");
        for (TestUser user : List.of(TestUser.REGIONAL, TestUser.APPROVER_ARG, TestUser.ADMIN)) {
            assertThat(get("/api/v1/cases/" + caseId, user).statusCode()).as(user.username()).isEqualTo(403);
            assertThat(get("/api/v1/cases", user).statusCode()).as(user.username()).isEqualTo(403);
        }
    }

    @Test
    void invalidInputIsRefusedWholeWithPointersAndRuleCodes() {
        String caseId = openCase(TestUser.OFFICER_ARG);
        Map<String, Object> body = new LinkedHashMap<>(victim("V-9", "Z", 12, "IDENTIFIED", "2999-01-01"));
        body.put("ageAtExploitation", 15);
        body.put("minor", false);
        body.put("exploitationOther", List.of("SEXUAL", "NOPE"));
        body.put("shoeSize", 41);

        HttpResponse<String> unknownField = post("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG, body);
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("/shoeSize", "FieldUnknown");

        body.remove("shoeSize");
        HttpResponse<String> refused = post("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG, body);
        assertThat(refused.statusCode()).isEqualTo(400);
        String errors = json(refused).get("errors").toString();
        assertThat(errors).contains("IdentificationDateNotInFuture", "AgeAtIdentificationNotBelowAgeAtExploitation",
                "MinorFlagMatchesAges", "/sex", "CodeUnknown", "sex version 1", "/exploitationOther/1");
        assertThat(json(get("/api/v1/cases/" + caseId, TestUser.OFFICER_ARG)).get("victims").size())
                .as("nothing was written").isZero();
        HttpResponse<String> tooLarge = post("/api/v1/cases", TestUser.OFFICER_ARG,
                Map.of("fileReference", "X", "openedOn", "2024-01-01", "placeDescription", "x".repeat(2_000_000)));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("/problems/payload-too-large");
        HttpResponse<String> badDate = post("/api/v1/cases", TestUser.OFFICER_ARG, Map.of("fileReference", "X",
                "openedOn", "yesterday"));
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("/openedOn");
    }

    @Test
    void ruleMessagesComeInTheCallersLanguage() {
        String caseId = openCase(TestUser.OFFICER_ARG);
        Map<String, Object> body = new LinkedHashMap<>(victim("V-es", "Z", 20, "IDENTIFIED", "2999-01-01"));

        HttpResponse<String> spanish = send(request("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG)
                .header("Content-Type", "application/json").header("Accept-Language", "es-AR,es;q=0.9")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        HttpResponse<String> english = post("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG, body);

        assertThat(spanish.statusCode()).isEqualTo(400);
        String errors = json(spanish).get("errors").toString();
        assertThat(errors).contains("'Z' no es un código de la lista sex, versión 1.", "no puede ser futura");
        assertThat(errors).doesNotContain("args");
        assertThat(json(english).get("errors").toString()).contains("'Z' is not a code of sex version 1.");
    }

    @Test
    void aJudgmentNeedsAChargeFirst() {
        String caseId = openCase(TestUser.OFFICER_ARG);
        String suspectId = json(post("/api/v1/cases/" + caseId + "/suspects", TestUser.OFFICER_ARG, Map.of("sex", "M")))
                .get("id").asString();
        share(caseId, "arg-court-federal", "CONTRIBUTE");

        HttpResponse<String> judgment = post("/api/v1/cases/" + caseId + "/proceedings", TestUser.COURT_ARG,
                Map.of("type", "JUDGMENT", "occurredOn", "2024-09-10", "suspectId", suspectId, "outcome", "ACQUITTAL"));

        assertThat(judgment.statusCode()).isEqualTo(400);
        assertThat(judgment.body()).contains("JudgmentOnlyAfterCharge");
    }

    @Test
    void victimStatusChangesAreDecidedBySupervisorsAndCertifiedByAuthorizedKinds() {
        String caseId = openCase(TestUser.OFFICER_ARG);
        JsonNode victim = json(post("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG,
                victim("V-2", "M", 25, "PRESUMED", null)));
        String path = "/api/v1/cases/" + caseId + "/victims/" + victim.get("id").asString();
        String etag = "\"" + victim.get("version").asLong() + "\"";

        HttpResponse<String> byOfficer = patch(path, TestUser.OFFICER_ARG,
                Map.of("status", "IDENTIFIED", "identificationDate", "2024-03-10"), etag);
        assertThat(byOfficer.statusCode()).isEqualTo(400);
        assertThat(byOfficer.body()).contains("StatusChangeApprovedBySupervisor");

        HttpResponse<String> bySupervisor = patch(path, TestUser.SUPERVISOR_ARG,
                Map.of("status", "IDENTIFIED", "identificationDate", "2024-03-10"), etag);
        assertThat(bySupervisor.statusCode()).as(bySupervisor.body()).isEqualTo(200);
        assertThat(json(bySupervisor).get("statusDecidedBy").asString()).isEqualTo("supervisor-arg");

        HttpResponse<String> certified = patch(path, TestUser.SUPERVISOR_ARG, Map.of("status", "CERTIFIED"),
                bySupervisor.headers().firstValue("ETag").orElseThrow());
        assertThat(certified.statusCode()).isEqualTo(400);
        assertThat(certified.body()).contains("CertifiedOnlyByAuthorizedInstitution");
    }

    @Test
    void searchFindsByStageExploitationAndIdentificationDates() {
        String caseId = openCase(TestUser.OFFICER_ARG);
        post("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG, Map.of("sex", "F", "ageAtIdentification", 19,
                "status", "IDENTIFIED", "identificationDate", "2021-07-15", "exploitationPrimary", "FORCED_LABOUR"));

        JsonNode found = json(get("/api/v1/cases?exploitation=FORCED_LABOUR&identifiedFrom=2021-07-01"
                + "&identifiedTo=2021-07-31&stage=INVESTIGATION&size=200", TestUser.OFFICER_ARG));
        JsonNode none = json(get("/api/v1/cases?identifiedFrom=2021-08-01&identifiedTo=2021-08-31&size=200",
                TestUser.OFFICER_ARG));

        List<String> ids = new ArrayList<>();
        found.get("items").forEach(i -> ids.add(i.get("id").asString()));
        assertThat(ids).contains(caseId);
        none.get("items").forEach(i -> assertThat(i.get("id").asString()).isNotEqualTo(caseId));
        assertThat(get("/api/v1/cases?country=BRA", TestUser.OFFICER_ARG).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/cases?sort=name", TestUser.OFFICER_ARG).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> share(String caseId, String institution, String rights) {
        return post("/api/v1/cases/" + caseId + "/shares", TestUser.OFFICER_ARG,
                Map.of("institution", institution, "rights", rights, "reason", "prosecution of the case"));
    }

    static Map<String, Object> victim(String ref, String sex, int age, String status, String identified) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("victimRef", ref + "-" + java.util.UUID.randomUUID());
        body.put("sex", sex);
        body.put("ageAtIdentification", age);
        body.put("nationality", "PRY");
        body.put("exploitationPrimary", "SEXUAL");
        body.put("status", status);
        if (identified != null) {
            body.put("identificationDate", identified);
        }
        return body;
    }
}
