package org.tipis.caseregistry.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.tipis.caseregistry.caserecord.AssistanceDetails;
import org.tipis.caseregistry.caserecord.CaseDetails;
import org.tipis.caseregistry.caserecord.CaseRecordService;
import org.tipis.caseregistry.caserecord.CaseShare;
import org.tipis.caseregistry.caserecord.ProceedingDetails;
import org.tipis.caseregistry.caserecord.VictimDetails;
import org.tipis.caseregistry.identity.IdentityDetails;
import org.tipis.caseregistry.identity.IdentityService;
import org.tipis.platform.audit.AuditOrigin;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.SafeThrowables;

/**
 * Fictitious cases for Argentina and Brazil, so that a freshly started system has something to show: every stage
 * from complaint to judgment, victims of both sexes and all ages, several forms of exploitation, shares,
 * proceedings, assistance and identities (invented names). Only on a kept embedded database (never in external
 * mode, never in tests), once, through the same use cases as the API (so audit and change feed are complete).
 * It waits for reference-data, which starts alongside.
 */
@Component
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String PREFIX = "DEMO-";

    private final CaseRecordService cases;
    private final IdentityService identities;
    private final org.tipis.caseregistry.reference.ReferenceData referenceData;
    private final JdbcClient jdbc;
    private final boolean enabled;

    DemoData(CaseRecordService cases, IdentityService identities,
             org.tipis.caseregistry.reference.ReferenceData referenceData, JdbcClient jdbc,
             @Value("${spring.datasource.url:}") String externalDatabase,
             @Value("${tipis.embedded-postgres.data-dir:}") String dataDir,
             @Value("${tipis.demo-data.enabled:true}") boolean wanted) {
        this.cases = cases;
        this.identities = identities;
        this.referenceData = referenceData;
        this.jdbc = jdbc;
        this.enabled = wanted && externalDatabase.isBlank() && !dataDir.isBlank();
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadInBackground() {
        if (!enabled) {
            return;
        }
        Thread.ofVirtual().name("demo-data").start(() -> {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
            while (Instant.now().isBefore(deadline)) {
                try {
                    referenceData.institution("arg-pfa").orElseThrow();
                    referenceData.latestVersion("exploitation-form");
                } catch (RuntimeException notYet) {
                    log.info("Demo data waits for reference-data");
                    sleep();
                    continue;
                }
                try {
                    load();
                    return;
                } catch (RuntimeException failed) {
                    log.warn("Demo data could not be loaded: {}", SafeThrowables.describe(failed));
                    return;
                }
            }
            log.warn("Demo data was not loaded: reference-data did not answer in 10 minutes");
        });
    }

    void load() {
        Integer existing = jdbc.sql("select count(*) from case_record where file_reference like 'DEMO-%'")
                .query(Integer.class).single();
        if (existing > 0) {
            return;
        }
        AuditOrigin.runAs("demo-data", () -> {
            Random random = new Random(20261124L);
            int created = 0;
            for (int i = 0; i < 22; i++) {
                created += demoCase("ARG", i, random) ? 1 : 0;
            }
            for (int i = 0; i < 12; i++) {
                created += demoCase("BRA", i, random) ? 1 : 0;
            }
            log.info("Loaded {} demo cases", created);
        });
        SecurityContextHolder.clearContext();
    }

    private static final String[] FORMS = {"SEXUAL", "SEXUAL_CSEC", "FORCED_LABOUR", "DOMESTIC_SERVITUDE", "BEGGING",
            "FORCED_LABOUR_MINING", "SEXUAL_PROSTITUTION", "FORCED_CRIMINALITY", "ORGAN_REMOVAL"};
    private static final String[] STAGES = {"COMPLAINT", "PRELIMINARY_INQUIRY", "INVESTIGATION", "PROSECUTION",
            "TRIAL", "JUDGMENT", "APPEAL", "CLOSED"};
    private static final String[] CHANNELS = {"TIP_HOTLINE", "POLICE_LINE", "IN_PERSON", "WEBSITE", "PROACTIVE_OPERATION",
            "LABOUR_INSPECTION", "INSTITUTIONAL_REFERRAL"};
    private static final String[] NATIONALITIES = {"ARG", "BOL", "PRY", "PER", "BRA", "VEN", "DOM", "COL"};
    private static final String[] GIVEN = {"Lucía", "Mateo", "Valentina", "Santiago", "Camila", "Joaquín", "Ana",
            "Thiago", "Martina", "Benjamín", "Julia", "Gabriel"};
    private static final String[] FAMILY = {"Ficticia", "Inventado", "Ejemplo", "Demostración", "Prueba", "Modelo"};

    private boolean demoCase(String country, int i, Random random) {
        String police = "ARG".equals(country) ? "arg-pfa" : "bra-pf";
        Caller officer = as(police + "-demo", country, police, "case-officer", "case-supervisor");
        String form = FORMS[random.nextInt(FORMS.length)];
        String stage = STAGES[i % STAGES.length];
        int year = 2019 + random.nextInt(7);
        LocalDate opened = LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28));
        UUID caseId = cases.open(officer, new CaseDetails(PREFIX + country + "-" + (1000 + i), opened,
                CHANNELS[random.nextInt(CHANNELS.length)], List.of(random.nextBoolean() ? "REACTIVE" : "PROACTIVE"),
                List.of(form), random.nextInt(3) == 0 ? "INTRA_REGIONAL" : "DOMESTIC", null, List.of(), country,
                List.of("LAND"), random.nextBoolean() ? "URBAN" : "BORDER", List.of(), "Lugar ficticio " + i,
                null, List.of(), "CLOSED".equals(stage) ? "CLOSED" : "OPEN", stage), null, Map.of()).record().id();
        int victimCount = 1 + random.nextInt(3);
        List<UUID> victims = new ArrayList<>();
        for (int v = 0; v < victimCount; v++) {
            boolean minor = random.nextInt(4) == 0;
            int age = minor ? 12 + random.nextInt(6) : 18 + random.nextInt(35);
            String status = random.nextInt(5) == 0 ? "PRESUMED" : "IDENTIFIED";
            LocalDate identified = opened.plusDays(random.nextInt(20));
            if (identified.isAfter(LocalDate.now())) {
                identified = LocalDate.now();
            }
            UUID victimId = cases.addVictim(officer, caseId, new VictimDetails(null,
                    random.nextInt(3) == 0 ? "M" : "F", Math.max(0, age - random.nextInt(2)), age, null, null, null,
                    NATIONALITIES[random.nextInt(NATIONALITIES.length)], country, null, null, null, null, null, null,
                    null, random.nextBoolean() ? "IRREGULAR" : "NATIONAL", form, List.of(), List.of("FALSE_JOB_OFFER"),
                    opened.minusMonths(3), identified, null, status, List.of("STATISTICS_ONLY"), null), Map.of()).id();
            identities.write(officer, victimId, new IdentityDetails(GIVEN[random.nextInt(GIVEN.length)],
                    FAMILY[random.nextInt(FAMILY.length)] + " (demo)", "DEMO-" + (100000 + random.nextInt(899999)),
                    LocalDate.of(year - age, 1 + random.nextInt(12), 1 + random.nextInt(28)), null), null);
            victims.add(victimId);
        }
        UUID suspectId = cases.addSuspect(officer, caseId, new org.tipis.caseregistry.caserecord.SuspectDetails(
                random.nextBoolean() ? "M" : "F", 25 + random.nextInt(30), NATIONALITIES[random.nextInt(NATIONALITIES.length)],
                "RECRUITER", "LOCAL_NETWORK", List.of("DEBT_BONDAGE"), null), Map.of()).id();
        int stageIndex = List.of(STAGES).indexOf(stage);
        if (stageIndex >= 2) {
            cases.addProceeding(officer, caseId, new ProceedingDetails("ARREST", opened.plusDays(30), suspectId, null,
                    null, null, null, null, null), Map.of());
        }
        if ("ARG".equals(country) && stageIndex >= 3) {
            cases.share(officer, caseId, "arg-protex", null, CaseShare.Rights.CONTRIBUTE, "prosecution (demo)");
            cases.addProceeding(as("prosecutor-demo", "ARG", "arg-protex", "case-officer"), caseId,
                    new ProceedingDetails("CHARGE", opened.plusDays(60), suspectId, null, null, null, null, null, null),
                    Map.of());
        }
        if ("ARG".equals(country) && stageIndex >= 5) {
            cases.share(officer, caseId, "arg-court-federal", null, CaseShare.Rights.CONTRIBUTE, "trial (demo)");
            cases.addProceeding(as("court-demo", "ARG", "arg-court-federal", "case-officer"), caseId,
                    new ProceedingDetails("JUDGMENT", opened.plusDays(200), suspectId, null,
                            random.nextInt(4) == 0 ? "ACQUITTAL" : "CONVICTION", null, null, null, null), Map.of());
        }
        if ("ARG".equals(country) && i % 2 == 0) {
            cases.share(officer, caseId, "arg-ngo-refugio", victims.getFirst(), CaseShare.Rights.CONTRIBUTE,
                    "assistance (demo)");
            cases.addAssistance(as("ngo-demo", "ARG", "arg-ngo-refugio", "case-officer"), caseId,
                    new AssistanceDetails(victims.getFirst(), "SHELTER", null, "CIVIL_SOCIETY", "TIP_ONLY", true, false,
                            opened.plusDays(21), null, "MEDIUM", null), Map.of());
        }
        return true;
    }

    /** A demo caller, also put in the security context so that audit revisions name it. */
    private static Caller as(String username, String country, String institution, String... roles) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "demo-data-" + username);
        claims.put("preferred_username", username);
        claims.put("roles", List.of(roles));
        claims.put("country", country);
        claims.put("institution", institution);
        claims.put("azp", "demo-data");
        Jwt jwt = new Jwt("demo", Instant.now(), Instant.now().plusSeconds(3600), Map.of("alg", "none"), claims);
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt,
                java.util.Arrays.stream(roles).map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList()));
        return Caller.from(jwt);
    }

    private static void sleep() {
        try {
            Thread.sleep(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
