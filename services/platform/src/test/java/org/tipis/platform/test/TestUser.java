package org.tipis.platform.test;

import java.util.List;
import java.util.UUID;

/**
 * A caller for tests, shaped like the demo users of the Keycloak realm (see infra/keycloak/tip-realm.json).
 * The user id is derived from the username so that a user is the same person across tests.
 */
public record TestUser(String username, List<String> roles, String country, String institution, String client) {

    public TestUser {
        roles = List.copyOf(roles);
    }

    public static TestUser of(String username, String role, String country, String institution) {
        return new TestUser(username, List.of(role), country, institution, "tipis-cli");
    }

    public String userId() {
        return UUID.nameUUIDFromBytes(username.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    public static final TestUser OFFICER_ARG = of("officer-arg", "case-officer", "ARG", "arg-pfa");
    public static final TestUser NGO_ARG = of("ngo-arg", "case-officer", "ARG", "arg-ngo-refugio");
    public static final TestUser PROSECUTOR_ARG = of("prosecutor-arg", "case-officer", "ARG", "arg-protex");
    public static final TestUser COURT_ARG = of("court-arg", "case-officer", "ARG", "arg-court-federal");
    public static final TestUser SUPERVISOR_ARG = of("supervisor-arg", "case-supervisor", "ARG", "arg-pfa");
    public static final TestUser ANALYST_ARG = of("analyst-arg", "national-analyst", "ARG", "arg-comite");
    public static final TestUser APPROVER_ARG = of("approver-arg", "national-approver", "ARG", "arg-comite");
    public static final TestUser AUDITOR_ARG = of("auditor-arg", "auditor", "ARG", "arg-comite");
    public static final TestUser OFFICER_BRA = of("officer-bra", "case-officer", "BRA", "bra-pf");
    public static final TestUser ANALYST_BRA = of("analyst-bra", "national-analyst", "BRA", "bra-mjsp");
    public static final TestUser REGIONAL = of("regional", "regional-analyst", null, "oas-regional");
    public static final TestUser ADMIN = of("admin", "registry-admin", null, "tipis-platform");

    public static TestUser service(String client) {
        return new TestUser("service-account-" + client, List.of("service"), null, "tipis-platform", client);
    }
}
