package org.tipis.caseregistry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.tipis.caseregistry.support.RegistryTestBase;
import org.tipis.platform.test.TestUser;

import tools.jackson.databind.JsonNode;

class AccessLogIT extends RegistryTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theApplicationCannotChangeOrDeleteLogEntries() {
        get("/api/v1/cases/" + java.util.UUID.randomUUID(), TestUser.OFFICER_BRA);

        assertThatThrownBy(() -> jdbc.update("update access_log set purpose = 'x'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from access_log")).hasMessageContaining("append-only");
    }

    @Test
    void tamperingWithOneEntryIsReportedAtThatEntry() {
        for (int i = 0; i < 3; i++) {
            get("/api/v1/cases/" + java.util.UUID.randomUUID(), TestUser.OFFICER_ARG);
        }
        JsonNode intact = json(get("/api/v1/audit/verify", TestUser.AUDITOR_ARG));
        assertThat(intact.get("intact").asBoolean()).isTrue();
        Long target = jdbc.queryForObject("select max(id) - 1 from access_log", Long.class);

        try {
            // what an attacker with database superuser rights could do: bypass the trigger and rewrite a row
            transactions.executeWithoutResult(status -> {
                jdbc.execute("set local session_replication_role = replica");
                jdbc.update("update access_log set username = 'someone-else' where id = ?", target);
            });

            JsonNode report = json(get("/api/v1/audit/verify", TestUser.AUDITOR_ARG));

            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.get("firstBrokenId").asLong()).isEqualTo(target);
        } finally {
            transactions.executeWithoutResult(status -> {
                jdbc.execute("set local session_replication_role = replica");
                jdbc.update("update access_log set username = (select username from access_log where id = ? - 1) "
                        + "where id = ? and username = 'someone-else'", target, target);
            });
        }
        assertThat(get("/api/v1/audit/verify", TestUser.OFFICER_ARG).statusCode()).isEqualTo(403);
    }
}
