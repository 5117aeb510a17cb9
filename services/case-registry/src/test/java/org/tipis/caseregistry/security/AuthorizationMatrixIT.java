package org.tipis.caseregistry.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tipis.caseregistry.support.RegistryTestBase;
import org.tipis.platform.test.TestUser;

/**
 * Every role × relation to the record (owner, same institution's supervisor, shared to contribute, centralized
 * entry, same country without a share, another country) × every endpoint and method, with the expected status of
 * each cell. Write cells get a fresh case each, so no cell depends on another. An endpoint that the service
 * serves but the matrix does not list fails the test. The matrix is rendered into docs/security.md
 * ({@code -Ddocs.update=true} to refresh it).
 */
class AuthorizationMatrixIT extends RegistryTestBase {

    /** The actors, in the matrix's column order. */
    static final Map<String, TestUser> ACTORS = new LinkedHashMap<>();

    static {
        ACTORS.put("owner officer", TestUser.OFFICER_ARG);
        ACTORS.put("owner supervisor", TestUser.SUPERVISOR_ARG);
        ACTORS.put("shared prosecutor", TestUser.PROSECUTOR_ARG);
        ACTORS.put("shared NGO", TestUser.NGO_ARG);
        ACTORS.put("centralized entry", TestUser.of("officer-comite", "case-officer", "ARG", "arg-comite"));
        ACTORS.put("unshared court", TestUser.COURT_ARG);
        ACTORS.put("other country officer", TestUser.OFFICER_BRA);
        ACTORS.put("analyst", TestUser.ANALYST_ARG);
        ACTORS.put("other country analyst", TestUser.ANALYST_BRA);
        ACTORS.put("approver", TestUser.APPROVER_ARG);
        ACTORS.put("regional analyst", TestUser.REGIONAL);
        ACTORS.put("auditor", TestUser.AUDITOR_ARG);
        ACTORS.put("registry admin", TestUser.ADMIN);
        ACTORS.put("service", TestUser.service("indicators"));
        ACTORS.put("anonymous", null);
    }

    record Fixture(String caseId, String victimId, String suspectId, String protexShareId, String uploadId) {
    }

    static final String UPLOAD = "case_ref,victim_ref,identification_date,victim_status,sex\nM-1,M-1,2024-01-01,IDENTIFIED,F\n";

    record Cell(String method, String pattern, boolean writes,
                BiFunction<Fixture, AuthorizationMatrixIT, HttpRequest.Builder> request, int[] expected) {
    }

    static final String READ = "200 200 200 200 200 404 404 200 404 403 403 403 403 403 401";
    static final String CONTRIBUTE = " 201 201 201 403 201 404 404 403 403 403 403 403 403 403 401";

    final List<Cell> matrix = List.of(
            cell("GET", "/api/v1/me", false, (f, t) -> t.request("/api/v1/me"),
                    "200 200 200 200 200 200 200 200 200 200 200 200 200 200 401"),
            cell("GET", "/api/v1/cases", false, (f, t) -> t.request("/api/v1/cases"),
                    "200 200 200 200 200 200 200 200 200 403 403 403 403 403 401"),
            cell("POST", "/api/v1/cases", true, (f, t) -> t.json("POST", "/api/v1/cases", Map.of(
                    "fileReference", "M-" + java.util.UUID.randomUUID(), "openedOn", "2024-01-10")),
                    "201 201 201 403 403 403 201 403 403 403 403 403 403 403 401"),
            cell("GET", "/api/v1/cases/{id}", false, (f, t) -> t.request("/api/v1/cases/" + f.caseId()), READ),
            cell("PATCH", "/api/v1/cases/{id}", true, (f, t) -> t.patchRequest("/api/v1/cases/" + f.caseId(),
                    Map.of("stage", "PROSECUTION"), t.etag("/api/v1/cases/" + f.caseId())),
                    "200 200 403 403 200 404 404 403 403 403 403 403 403 403 401"),
            cell("GET", "/api/v1/cases/{id}/victims", false, (f, t) -> t.request("/api/v1/cases/" + f.caseId() + "/victims"), READ),
            cell("GET", "/api/v1/cases/{id}/suspects", false, (f, t) -> t.request("/api/v1/cases/" + f.caseId() + "/suspects"), READ),
            cell("GET", "/api/v1/cases/{id}/proceedings", false, (f, t) -> t.request("/api/v1/cases/" + f.caseId() + "/proceedings"), READ),
            cell("GET", "/api/v1/cases/{id}/assistance", false, (f, t) -> t.request("/api/v1/cases/" + f.caseId() + "/assistance"), READ),
            cell("GET", "/api/v1/cases/{id}/shares", false, (f, t) -> t.request("/api/v1/cases/" + f.caseId() + "/shares"), READ),
            cell("POST", "/api/v1/cases/{id}/victims", true, (f, t) -> t.json("POST", "/api/v1/cases/" + f.caseId()
                    + "/victims", Map.of("sex", "F", "status", "PRESUMED")), CONTRIBUTE.strip()),
            cell("PATCH", "/api/v1/cases/{id}/victims/{victimId}", true, (f, t) -> t.patchRequest("/api/v1/cases/"
                    + f.caseId() + "/victims/" + f.victimId(), Map.of("nationality", "BOL"), t.victimEtag(f)),
                    CONTRIBUTE.strip().replace("201", "200")),
            cell("POST", "/api/v1/cases/{id}/suspects", true, (f, t) -> t.json("POST", "/api/v1/cases/" + f.caseId()
                    + "/suspects", Map.of("sex", "M")), CONTRIBUTE.strip()),
            cell("PATCH", "/api/v1/cases/{id}/suspects/{suspectId}", true, (f, t) -> t.patchRequest("/api/v1/cases/"
                    + f.caseId() + "/suspects/" + f.suspectId(), Map.of("age", 50), t.suspectEtag(f)),
                    CONTRIBUTE.strip().replace("201", "200")),
            cell("POST", "/api/v1/cases/{id}/proceedings", true, (f, t) -> t.json("POST", "/api/v1/cases/" + f.caseId()
                    + "/proceedings", Map.of("type", "ARREST", "occurredOn", "2024-02-01", "suspectId", f.suspectId())),
                    "201 201 403 403 201 404 404 403 403 403 403 403 403 403 401"),
            cell("POST", "/api/v1/cases/{id}/assistance", true, (f, t) -> t.json("POST", "/api/v1/cases/" + f.caseId()
                    + "/assistance", Map.of("victimId", f.victimId(), "type", "MEDICAL", "startedOn", "2024-02-02")),
                    "403 403 403 201 403 404 404 403 403 403 403 403 403 403 401"),
            cell("POST", "/api/v1/cases/{id}/shares", true, (f, t) -> t.json("POST", "/api/v1/cases/" + f.caseId()
                    + "/shares", Map.of("institution", "arg-court-federal", "rights", "READ", "reason", "trial")),
                    "201 201 403 403 403 404 404 403 403 403 403 403 403 403 401"),
            cell("DELETE", "/api/v1/cases/{id}/shares/{shareId}", true, (f, t) -> t.request("/api/v1/cases/"
                    + f.caseId() + "/shares/" + f.protexShareId()).DELETE(),
                    "200 200 403 403 403 404 404 403 403 403 403 403 403 403 401"),
            cell("GET", "/api/v1/cases/{id}/history", false, (f, t) -> t.request("/api/v1/cases/" + f.caseId() + "/history"),
                    "403 200 403 403 403 403 403 403 403 403 403 200 403 403 401"),
            cell("GET", "/api/v1/victims/{victimId}/identity", false, (f, t) -> t.request("/api/v1/victims/"
                    + f.victimId() + "/identity?purpose=matrix"),
                    "200 200 403 403 403 404 404 403 403 403 403 403 403 403 401"),
            cell("PUT", "/api/v1/victims/{victimId}/identity", true, (f, t) -> t.json("PUT", "/api/v1/victims/"
                    + f.victimId() + "/identity", Map.of("givenNames", "Matrix")),
                    "204 204 403 403 403 404 404 403 403 403 403 403 403 403 401"),
            cell("GET", "/api/v1/audit/verify", false, (f, t) -> t.request("/api/v1/audit/verify"),
                    "403 403 403 403 403 403 403 403 403 403 403 200 403 403 401"),
            cell("POST", "/api/v1/uploads", false, (f, t) -> t.request("/api/v1/uploads?dryRun=true")
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(UPLOAD)),
                    "200 200 200 403 403 403 200 403 403 403 403 403 403 403 401"),
            cell("GET", "/api/v1/uploads", false, (f, t) -> t.request("/api/v1/uploads"),
                    "200 200 200 200 200 200 200 403 403 403 403 403 403 403 401"),
            cell("POST", "/api/v1/uploads/{id}/cancel", false, (f, t) -> t.request("/api/v1/uploads/" + f.uploadId()
                    + "/cancel").POST(HttpRequest.BodyPublishers.noBody()),
                    "409 409 404 404 404 404 404 403 403 403 403 403 403 403 401"),
            cell("GET", "/api/v1/uploads/{id}", false, (f, t) -> t.request("/api/v1/uploads/" + f.uploadId()),
                    "200 200 404 404 404 404 404 403 403 403 403 403 403 403 401"),
            cell("GET", "/api/v1/uploads/{id}/report", false, (f, t) -> t.request("/api/v1/uploads/" + f.uploadId()
                    + "/report"), "200 200 404 404 404 404 404 403 403 403 403 403 403 403 401"),
            cell("GET", "/api/v1/uploads/templates/{format}", false,
                    (f, t) -> t.request("/api/v1/uploads/templates/csv?lang=es"),
                    "200 200 200 200 200 200 200 200 200 200 200 200 200 200 401"),
            cell("GET", "/internal/v1/feed", false, (f, t) -> t.request("/internal/v1/feed?limit=1"),
                    "403 403 403 403 403 403 403 403 403 403 403 403 403 200 401"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private TestUser actor;

    @Test
    void everyCellHasItsExpectedStatus() throws Exception {
        Fixture shared = fixture();
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (Cell cell : matrix) {
            int column = 0;
            for (Map.Entry<String, TestUser> entry : ACTORS.entrySet()) {
                Fixture fixture = cell.writes() ? fixture() : shared;
                actor = entry.getValue();
                HttpResponse<String> response = send(cell.request().apply(fixture, this));
                cells++;
                if (response.statusCode() != cell.expected()[column]) {
                    mismatches.add(cell.method() + " " + cell.pattern() + " as " + entry.getKey() + ": expected "
                            + cell.expected()[column] + ", got " + response.statusCode() + " " + abbreviate(response.body()));
                }
                column++;
            }
        }
        System.out.println("authorization matrix: " + cells + " cells, " + mismatches.size() + " mismatches");
        assertThat(mismatches).isEmpty();
        renderIntoSecurityDoc();
    }

    @Test
    void everyEndpointOfTheServiceIsInTheMatrix() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> info.getPathPatternsCondition().getPatternValues()
                .forEach(pattern -> info.getMethodsCondition().getMethods().forEach(m -> {
                    if (pattern.startsWith("/api/") || pattern.startsWith("/internal/")) {
                        served.add(m.name() + " " + pattern);
                    }
                })));
        Set<String> listed = new TreeSet<>();
        matrix.forEach(c -> listed.add(c.method() + " " + c.pattern()));

        assertThat(served).as("endpoints without matrix rows").isSubsetOf(listed);
        assertThat(listed).as("matrix rows without endpoints").isSubsetOf(served);
    }

    // ---------------------------------------------------------------- fixture and requests

    private Fixture fixture() {
        actor = TestUser.OFFICER_ARG;
        String caseId = openCase(TestUser.OFFICER_ARG);
        String victimId = json(post("/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG,
                Map.of("sex", "F", "status", "PRESUMED"))).get("id").asString();
        String suspectId = json(post("/api/v1/cases/" + caseId + "/suspects", TestUser.OFFICER_ARG, Map.of("sex", "M")))
                .get("id").asString();
        put("/api/v1/victims/" + victimId + "/identity", TestUser.OFFICER_ARG, Map.of("givenNames", "Fixture"));
        String share = json(post("/api/v1/cases/" + caseId + "/shares", TestUser.OFFICER_ARG, Map.of(
                "institution", "arg-protex", "rights", "CONTRIBUTE", "reason", "prosecution"))).get("id").asString();
        post("/api/v1/cases/" + caseId + "/shares", TestUser.OFFICER_ARG, Map.of(
                "institution", "arg-ngo-refugio", "rights", "CONTRIBUTE", "reason", "assistance"));
        String upload = json(send(request("/api/v1/uploads?dryRun=true", TestUser.OFFICER_ARG)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(UPLOAD)))).get("id").asString();
        return new Fixture(caseId, victimId, suspectId, share, upload);
    }

    HttpRequest.Builder request(String path) {
        return request(path, actor);
    }

    HttpRequest.Builder json(String method, String path, Object body) {
        return request(path, actor).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    HttpRequest.Builder patchRequest(String path, Object body, String etag) {
        return request(path, actor).header("Content-Type", "application/merge-patch+json").header("If-Match", etag)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    String etag(String path) {
        return get(path, TestUser.OFFICER_ARG).headers().firstValue("ETag").orElse("\"0\"");
    }

    String victimEtag(Fixture f) {
        return "\"" + json(get("/api/v1/cases/" + f.caseId(), TestUser.OFFICER_ARG)).get("victims").get(0)
                .get("version").asLong() + "\"";
    }

    String suspectEtag(Fixture f) {
        return "\"" + json(get("/api/v1/cases/" + f.caseId(), TestUser.OFFICER_ARG)).get("suspects").get(0)
                .get("version").asLong() + "\"";
    }

    private static Cell cell(String method, String pattern, boolean writes,
                             BiFunction<Fixture, AuthorizationMatrixIT, HttpRequest.Builder> request, String expected) {
        int[] statuses = java.util.Arrays.stream(expected.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        if (statuses.length != ACTORS.size()) {
            throw new IllegalArgumentException(method + " " + pattern + ": " + statuses.length + " expectations");
        }
        return new Cell(method, pattern, writes, request, statuses);
    }

    private void renderIntoSecurityDoc() throws Exception {
        StringBuilder md = new StringBuilder("| endpoint |");
        ACTORS.keySet().forEach(a -> md.append(' ').append(a).append(" |"));
        md.append("\n|---|");
        ACTORS.keySet().forEach(a -> md.append("---|"));
        md.append('\n');
        for (Cell cell : matrix) {
            md.append("| `").append(cell.method()).append(' ').append(cell.pattern()).append("` |");
            for (int status : cell.expected()) {
                md.append(' ').append(status).append(" |");
            }
            md.append('\n');
        }
        Path doc = repositoryRoot().resolve("docs/security.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int start = text.indexOf("<!-- matrix:start -->");
        int end = text.indexOf("<!-- matrix:end -->");
        assertThat(start).as("docs/security.md has the matrix markers").isNotNegative();
        String rendered = text.substring(0, start) + "<!-- matrix:start -->\n" + md + text.substring(end);
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(doc, rendered, StandardCharsets.UTF_8);
            text = rendered;
        }
        assertThat(text).as("docs/security.md matrix is stale: run with -Ddocs.update=true").isEqualTo(rendered);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("tipis"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) : body;
    }
}
