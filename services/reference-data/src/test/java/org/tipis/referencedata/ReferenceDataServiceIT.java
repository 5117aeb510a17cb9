package org.tipis.referencedata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tipis.platform.test.OpenApiContract;
import org.tipis.platform.test.TestIssuer;
import org.tipis.platform.test.TestUser;

/** The reference-data service starts on its own PostgreSQL, guards its API and reports its health and metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReferenceDataServiceIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    DataSource dataSource;

    @Test
    void guardsItsApiAndAnswersProblems() throws Exception {
        HttpResponse<String> anonymous = get(port, "/api/v1/anything", null);
        HttpResponse<String> unknown = get(port, "/api/v1/anything", TestIssuer.get().token(TestUser.ANALYST_ARG));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void reportsHealthAndMetricsOnTheManagementPort() throws Exception {
        HttpResponse<String> health = get(managementPort, "/actuator/health/readiness", null);
        HttpResponse<String> metrics = get(managementPort, "/actuator/prometheus", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "hikaricp_connections",
                "application=\"reference-data\"");
    }

    @Test
    void servesTheCommittedOpenApiDocument() throws Exception {
        OpenApiContract.assertMatchesCommitted("reference-data", port);
    }

    @Test
    void runsOnItsOwnRealPostgreSql() {
        assertThat(new JdbcTemplate(dataSource).queryForObject("show server_version", String.class)).startsWith("18.");
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
