package org.tipis.caseregistry.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tipis.caseregistry.support.RegistryTestBase;
import org.tipis.platform.test.TestUser;

import tools.jackson.databind.JsonNode;

class IdentityVaultIT extends RegistryTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theOwningInstitutionReadsAnIdentityOnlyWithAPurposeAndEveryReadIsLogged() {
        String caseId = openCase(TestUser.OFFICER_ARG);
        String victimId = json(post("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG,
                Map.of("sex", "F", "status", "PRESUMED"))).get("id").asString();
        Map<String, Object> identity = Map.of("givenNames", "Mariela", "familyNames", "Quispe Ortega",
                "documentNumber", "DNI 40111222", "dateOfBirth", "2008-02-29", "contact", "+54 11 5555 0101");

        HttpResponse<String> written = put("/api/v1/victims/" + victimId + "/identity", TestUser.OFFICER_ARG, identity);
        assertThat(written.statusCode()).as(written.body()).isEqualTo(204);

        HttpResponse<String> withoutPurpose = get("/api/v1/victims/" + victimId + "/identity", TestUser.OFFICER_ARG);
        assertThat(withoutPurpose.statusCode()).isEqualTo(400);
        assertThat(json(withoutPurpose).get("errors").get(0).get("pointer").asString()).isEqualTo("/query/purpose");

        HttpResponse<String> read = get("/api/v1/victims/" + victimId + "/identity?purpose=court%20summons",
                TestUser.SUPERVISOR_ARG);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).get("familyNames").asString()).isEqualTo("Quispe Ortega");
        assertThat(json(read).get("dateOfBirth").asString()).isEqualTo("2008-02-29");

        Integer logged = jdbc.queryForObject("select count(*) from access_log where action = 'READ_IDENTITY' "
                + "and resource_id = ? and purpose = 'court summons' and outcome = 'ALLOWED'", Integer.class, victimId);
        assertThat(logged).isEqualTo(1);
    }

    @Test
    void nobodyElseReadsItAndTheDatabaseHoldsOnlyCiphertext() {
        String caseId = openCase(TestUser.OFFICER_ARG);
        String victimId = json(post("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG,
                Map.of("sex", "M", "status", "PRESUMED"))).get("id").asString();
        put("/api/v1/victims/" + victimId + "/identity", TestUser.OFFICER_ARG,
                Map.of("givenNames", "Canary-Given-7731", "documentNumber", "Canary-Doc-7731"));
        post("/api/v1/cases/" + caseId + "/shares", TestUser.OFFICER_ARG,
                Map.of("institution", "arg-protex", "rights", "READ", "reason", "review"));
        String path = "/api/v1/victims/" + victimId + "/identity?purpose=curiosity";

        assertThat(get(path, TestUser.PROSECUTOR_ARG).statusCode()).as("shared, not owner").isEqualTo(403);
        assertThat(get(path, TestUser.COURT_ARG).statusCode()).as("not shared").isEqualTo(404);
        assertThat(get(path, TestUser.OFFICER_BRA).statusCode()).as("other country").isEqualTo(404);
        for (TestUser user : List.of(TestUser.ANALYST_ARG, TestUser.AUDITOR_ARG, TestUser.ADMIN, TestUser.REGIONAL)) {
            assertThat(get(path, user).statusCode()).as(user.username()).isEqualTo(403);
        }
        Integer denied = jdbc.queryForObject("select count(*) from access_log where resource_id = ? and outcome = 'DENIED'",
                Integer.class, victimId);
        assertThat(denied).isEqualTo(7);

        byte[] stored = jdbc.queryForObject("select given_names from victim_identity where victim_id = ?::uuid",
                byte[].class, victimId);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Canary");
        String dump = jdbc.queryForList("select * from victim_identity_aud").toString()
                + jdbc.queryForList("select * from victim").toString();
        assertThat(dump).doesNotContain("Canary-Given-7731").doesNotContain("Canary-Doc-7731");
        JsonNode caseView = json(get("/api/v1/cases/" + caseId, TestUser.OFFICER_ARG));
        assertThat(caseView.toString()).doesNotContain("Canary");
    }
}
