package org.tipis.indicators.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tipis.indicators.disclosure.CellTable;
import org.tipis.indicators.disclosure.Recovery;
import org.tipis.platform.test.ServiceProcess;
import org.tipis.platform.test.TestIssuer;
import org.tipis.platform.test.TestUser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dynamic reports over a synthetic statistical store with known answers (persons recorded twice by different
 * institutions, presumed victims, unknown sex and age, suspects charged and convicted, two countries): every
 * count is checked against figures the test computes itself from the same data, and every protected shape is
 * attacked from its published margins.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tipis.feed.enabled=false", "tipis.reports.max-cells=600"})
class ReportIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();


    record Victim(UUID id, UUID key, UUID caseId, String country, String sex, Integer age, Boolean minor,
                  String nationality, String form, String status, LocalDate identified, String institutionKind) {
    }

    record Case(UUID id, String country, LocalDate opened, String kind, String flow, String stage) {
    }

    record Suspect(UUID id, UUID caseId, String country, String sex, Integer age, String nationality,
                   LocalDate charged, LocalDate convicted) {
    }

    static final List<Victim> VICTIMS = new ArrayList<>();
    static final List<Case> CASES = new ArrayList<>();
    static final List<Suspect> SUSPECTS = new ArrayList<>();

    static {
        Random random = new Random(20261124);
        String[] sexes = {"F", "F", "F", "M", "M", "OTHER", "UNKNOWN", null};
        String[] forms = {"SEXUAL", "SEXUAL", "FORCED_LABOUR", "BEGGING", "DOMESTIC_SERVITUDE", "ORGAN_REMOVAL", null};
        String[] nationalities = {"ARG", "ARG", "PRY", "BOL", "PER", "VEN", null};
        String[] kinds = {"POLICE", "PROSECUTOR", "NGO"};
        String[] statuses = {"IDENTIFIED", "IDENTIFIED", "CERTIFIED", "PRESUMED"};
        for (String country : List.of("ARG", "BRA")) {
            for (int c = 0; c < 40; c++) {
                CASES.add(new Case(UUID.randomUUID(), country, LocalDate.of(2023 + c % 2, 1 + c % 12, 1 + c % 27),
                        kinds[c % 3], c % 4 == 0 ? null : c % 2 == 0 ? "DOMESTIC" : "INTRA_REGIONAL",
                        c % 5 == 0 ? "JUDGMENT" : "INVESTIGATION"));
            }
        }
        for (int i = 0; i < 420; i++) {
            Case kase = CASES.get(random.nextInt(CASES.size()));
            Integer age = random.nextInt(9) == 0 ? null : random.nextInt(60);
            Boolean minor = age != null ? Boolean.valueOf(age < 18) : random.nextBoolean() ? Boolean.TRUE : null;
            LocalDate identified = LocalDate.of(2023 + random.nextInt(2), 1 + random.nextInt(12), 1 + random.nextInt(28));
            Victim victim = new Victim(UUID.randomUUID(), UUID.randomUUID(), kase.id(), kase.country(),
                    sexes[random.nextInt(sexes.length)], age, minor, nationalities[random.nextInt(nationalities.length)],
                    forms[random.nextInt(forms.length)], statuses[random.nextInt(statuses.length)], identified,
                    kinds[random.nextInt(kinds.length)]);
            VICTIMS.add(victim);
            if (i % 7 == 0) { // the same person recorded again later by another institution, with other details
                VICTIMS.add(new Victim(UUID.randomUUID(), victim.key(), kase.id(), kase.country(), "F", 30, false,
                        "PER", "FORCED_LABOUR", "CERTIFIED", identified.plusDays(1 + random.nextInt(400)), "NGO"));
            }
        }
        for (int s = 0; s < 150; s++) {
            Case kase = CASES.get(random.nextInt(CASES.size()));
            LocalDate charged = random.nextInt(3) == 0 ? null : kase.opened().plusDays(random.nextInt(300));
            LocalDate convicted = charged != null && random.nextBoolean() ? charged.plusDays(random.nextInt(200)) : null;
            SUSPECTS.add(new Suspect(UUID.randomUUID(), kase.id(), kase.country(), sexes[random.nextInt(5)],
                    random.nextInt(8) == 0 ? null : 18 + random.nextInt(50), nationalities[random.nextInt(nationalities.length)],
                    charged, convicted));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("tipis.reference-data.uri", ServiceProcess::referenceData);
    }

    @BeforeEach
    void loadTheStore() {
        if (jdbc.queryForObject("select count(*) from stat_victim", Long.class) > 0) {
            return;
        }
        for (Case c : CASES) {
            jdbc.update("""
                    insert into stat_case (case_id, country, owning_institution_kind, opened_on, flow_level, stage,
                                           source_position) values (?, ?, ?, ?, ?, ?, 1)""",
                    c.id(), c.country(), c.kind(), Date.valueOf(c.opened()), c.flow(), c.stage());
        }
        for (Victim v : VICTIMS) {
            jdbc.update("""
                    insert into stat_victim (victim_id, victim_key, case_id, country, sex, age_at_identification, minor,
                                             nationality, exploitation_primary, identification_date,
                                             identifying_institution_kind, status, source_position)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""", v.id(), v.key(), v.caseId(), v.country(),
                    v.sex(), v.age(), v.minor(), v.nationality(), v.form(), Date.valueOf(v.identified()),
                    v.institutionKind(), v.status());
        }
        // what the store's feed consumer maintains (Sdg1622IT checks it through the real feed)
        jdbc.update("""
                update stat_victim v set shared_key = true where exists
                  (select 1 from stat_victim o where o.victim_key = v.victim_key and o.victim_id <> v.victim_id)""");
        for (Suspect s : SUSPECTS) {
            jdbc.update("insert into stat_suspect (suspect_id, case_id, country, sex, age, nationality, source_position) "
                    + "values (?, ?, ?, ?, ?, ?, 1)", s.id(), s.caseId(), s.country(), s.sex(), s.age(), s.nationality());
            if (s.charged() != null) {
                jdbc.update("insert into stat_proceeding (proceeding_id, case_id, country, type, occurred_on, suspect_id,"
                        + " source_position) values (?, ?, ?, 'CHARGE', ?, ?, 1)", UUID.randomUUID(), s.caseId(),
                        s.country(), Date.valueOf(s.charged()), s.id());
            }
            if (s.convicted() != null) {
                jdbc.update("insert into stat_proceeding (proceeding_id, case_id, country, type, occurred_on, suspect_id,"
                        + " outcome, source_position) values (?, ?, ?, 'JUDGMENT', ?, ?, 'CONVICTION', 1)",
                        UUID.randomUUID(), s.caseId(), s.country(), Date.valueOf(s.convicted()), s.id());
            }
        }
    }

    // ---- the independent computation -------------------------------------------------------------------------

    static String ageGroup(Integer age, Boolean minor) {
        if (age != null) {
            return age < 18 ? "Y0T17" : "Y_GE18";
        }
        return minor == null ? "UNKNOWN" : minor ? "Y0T17" : "Y_GE18";
    }

    static String orUnknown(String value) {
        return value == null ? "UNKNOWN" : value;
    }

    /** Victims of a country in a period, filtered, then one per person: the earliest record. */
    static List<Map<String, String>> persons(String country, LocalDate from, LocalDate to, Set<String> statuses) {
        Map<UUID, Victim> earliest = new HashMap<>();
        for (Victim v : VICTIMS) {
            if (v.country().equals(country) && !v.identified().isBefore(from) && !v.identified().isAfter(to)
                    && (statuses == null || statuses.contains(v.status()))) {
                earliest.merge(v.key(), v, (a, b) -> a.identified().isBefore(b.identified()) ? a : b);
            }
        }
        return earliest.values().stream().map(v -> Map.of("sex", orUnknown(v.sex()), "ageGroup",
                ageGroup(v.age(), v.minor()), "exploitationForm", orUnknown(v.form()), "nationality",
                orUnknown(v.nationality()), "year", String.valueOf(v.identified().getYear()), "institutionKind",
                orUnknown(v.institutionKind()), "victimStatus", v.status())).toList();
    }

    static long expected(List<Map<String, String>> units, Map<String, String> key) {
        return units.stream().filter(u -> key.entrySet().stream()
                .allMatch(e -> e.getValue().equals("_T") || e.getValue().equals(u.get(e.getKey())))).count();
    }

    // ---- the tests ---------------------------------------------------------------------------------------------

    @Test
    void approversSeeEveryCellOfEveryShapeExactlyAsComputedFromTheData() {
        LocalDate from = LocalDate.of(2024, 1, 1);
        LocalDate to = LocalDate.of(2024, 12, 31);
        for (List<String> dimensions : List.of(List.<String>of(), List.of("sex"), List.of("sex", "ageGroup"),
                List.of("exploitationForm", "sex", "ageGroup"), List.of("nationality", "institutionKind"))) {
            JsonNode table = query(TestUser.APPROVER_ARG, Map.of("measures", List.of("victims"), "dimensions", dimensions,
                    "filters", Map.of("victimStatus", List.of("IDENTIFIED", "CERTIFIED")),
                    "period", Map.of("from", from.toString(), "to", to.toString())), 200);
            List<Map<String, String>> units = persons("ARG", from, to, Set.of("IDENTIFIED", "CERTIFIED"));
            assertThat(table.get("disclosure").get("k").asInt()).isZero();
            int expectedRows = 1;
            for (String d : dimensions) {
                expectedRows *= 1 + (int) units.stream().map(u -> u.get(d)).distinct().count();
            }
            assertThat(table.get("rows")).as("every cell of the cube " + dimensions).hasSize(expectedRows);
            for (JsonNode row : table.get("rows")) {
                Map<String, String> key = new LinkedHashMap<>();
                row.get("key").properties().forEach(e -> key.put(e.getKey(), e.getValue().asString()));
                assertThat(row.get("values").get("victims").get("value").asLong()).as(dimensions + " " + key)
                        .isEqualTo(expected(units, key));
            }
        }
    }

    @Test
    void aPersonRecordedTwiceCountsOnceAtTheEarliestIdentification() {
        JsonNode all = query(TestUser.APPROVER_ARG, Map.of("measures", List.of("victims"), "dimensions", List.of("year")), 200);
        long persons = VICTIMS.stream().filter(v -> v.country().equals("ARG")).map(Victim::key).distinct().count();
        long records = VICTIMS.stream().filter(v -> v.country().equals("ARG")).count();

        assertThat(records).isGreaterThan(persons);
        assertThat(total(all, "victims")).isEqualTo(persons);
    }

    @Test
    void suspectsProsecutedConvictedAndAttritionMatchTheData() {
        JsonNode persons = query(TestUser.APPROVER_ARG, Map.of("preset", "glotip-persons",
                "period", Map.of("from", "2023-01-01", "to", "2024-12-31")), 200);
        List<Suspect> arg = SUSPECTS.stream().filter(s -> s.country().equals("ARG")).toList();
        Function<Suspect, LocalDate> opened = s -> CASES.stream().filter(c -> c.id().equals(s.caseId())).findFirst()
                .orElseThrow().opened();
        LocalDate end = LocalDate.of(2024, 12, 31);
        assertThat(total(persons, "suspects")).isEqualTo(arg.stream().filter(s -> !opened.apply(s).isAfter(end)).count());
        assertThat(total(persons, "prosecuted")).isEqualTo(arg.stream().filter(s -> s.charged() != null
                && !s.charged().isAfter(end)).count());
        assertThat(total(persons, "convicted")).isEqualTo(arg.stream().filter(s -> s.convicted() != null
                && !s.convicted().isAfter(end)).count());
        for (String sex : List.of("F", "M")) {
            assertThat(cell(persons, Map.of("sex", sex, "ageGroup", "_T"), "prosecuted")).as(sex)
                    .isEqualTo(arg.stream().filter(s -> sex.equals(s.sex()) && s.charged() != null
                            && !s.charged().isAfter(end)).count());
        }

        JsonNode attrition = query(TestUser.APPROVER_ARG, Map.of("preset", "attrition"), 200);
        Map<Integer, List<Case>> byYear = CASES.stream().filter(c -> c.country().equals("ARG"))
                .collect(Collectors.groupingBy(c -> c.opened().getYear()));
        byYear.forEach((year, cases) -> {
            Map<String, String> key = Map.of("year", String.valueOf(year));
            assertThat(cell(attrition, key, "cases")).isEqualTo(cases.size());
            assertThat(cell(attrition, key, "casesCharged")).isEqualTo(cases.stream().filter(c -> SUSPECTS.stream()
                    .anyMatch(s -> s.caseId().equals(c.id()) && s.charged() != null)).count());
            assertThat(cell(attrition, key, "casesConvicted")).isEqualTo(cases.stream().filter(c -> SUSPECTS.stream()
                    .anyMatch(s -> s.caseId().equals(c.id()) && s.convicted() != null)).count());
        });
    }

    @Test
    void analystsGetEveryShapeProtectedAndTheMarginsDoNotGiveAnySuppressedCellAway() {
        int k = 5;
        for (Map<String, Object> shape : List.<Map<String, Object>>of(
                Map.of("measures", List.of("victims"), "dimensions", List.of("sex")),
                Map.of("measures", List.of("victims"), "dimensions", List.of("sex", "ageGroup")),
                Map.of("measures", List.of("victims"), "dimensions", List.of("exploitationForm", "sex", "ageGroup")),
                Map.of("measures", List.of("victims", "assisted"), "dimensions", List.of("nationality", "year")),
                Map.of("measures", List.of("suspects", "prosecuted", "convicted"), "dimensions", List.of("nationality", "sex")),
                Map.of("preset", "attrition"),
                Map.of("measures", List.of("victims"), "dimensions", List.of("sex"), "filters",
                        Map.of("nationality", List.of("BOL"))))) {
            JsonNode table = query(TestUser.ANALYST_ARG, shape, 200);
            assertThat(table.get("disclosure").get("k").asInt()).isEqualTo(k);
            List<String> dimensions = new ArrayList<>();
            table.get("dimensions").forEach(d -> dimensions.add(d.asString()));
            for (JsonNode measure : table.get("measures")) {
                Map<String, Long> published = new HashMap<>();
                Set<String> hidden = new HashSet<>();
                List<List<String>> axes = new ArrayList<>();
                dimensions.forEach(d -> axes.add(new ArrayList<>(List.of("_T"))));
                for (JsonNode row : table.get("rows")) {
                    List<String> parts = new ArrayList<>();
                    for (int d = 0; d < dimensions.size(); d++) {
                        String value = row.get("key").get(dimensions.get(d)).asString();
                        parts.add(value);
                        if (!axes.get(d).contains(value)) {
                            axes.get(d).add(value);
                        }
                    }
                    JsonNode cell = row.get("values").get(measure.asString());
                    if (cell.get("value").isNull()) {
                        assertThat(cell.get("status").asString()).isEqualTo("Q");
                        hidden.add(String.join("|", parts));
                    } else {
                        long value = cell.get("value").asLong();
                        assertThat(value).as(shape + " " + measure + " " + parts + " is 0 or at least k")
                                .satisfiesAnyOf(v -> assertThat(v).isZero(), v -> assertThat(v).isGreaterThanOrEqualTo(k));
                        published.put(String.join("|", parts), value);
                    }
                }
                // the attacker knows every published cell and that each total is the sum of its parts
                CellTable seen = new CellTable(published, CellTable.linesOf(axes));
                assertThat(Recovery.determinable(seen, hidden)).as(shape + " " + measure).isEmpty();
            }
        }
    }

    @Test
    void theSuppressionReallyHidSmallCellsThatTheApproverSees() {
        Map<String, Object> shape = Map.of("measures", List.of("victims"), "dimensions", List.of("nationality", "sex"));
        JsonNode exact = query(TestUser.APPROVER_ARG, shape, 200);
        JsonNode protectedTable = query(TestUser.ANALYST_ARG, shape, 200);
        long small = 0;
        for (int i = 0; i < exact.get("rows").size(); i++) {
            long value = exact.get("rows").get(i).get("values").get("victims").get("value").asLong();
            if (value > 0 && value < 5) {
                small++;
                assertThat(protectedTable.get("rows").get(i).get("values").get("victims").get("value").isNull()).isTrue();
            }
        }
        assertThat(small).as("the data set has small cells to protect").isPositive();
        assertThat(protectedTable.get("disclosure").get("suppressedCells").asInt()).isGreaterThanOrEqualTo((int) small);
    }

    @Test
    void unknownMeasuresDimensionsAndCountriesAre400sNamingThem() {
        JsonNode problem = query(TestUser.ANALYST_ARG, Map.of("measures", List.of("victims", "trafficers"),
                "dimensions", List.of("sex", "shoeSize"), "filters", Map.of("religion", List.of("X"))), 400);
        assertThat(problem.toString()).contains("/measures/1", "MeasureUnknown", "trafficers", "/dimensions/1",
                "DimensionUnknown", "shoeSize", "/filters/religion");

        JsonNode notOffered = query(TestUser.ANALYST_ARG, Map.of("measures", List.of("cases"),
                "dimensions", List.of("sex")), 400);
        assertThat(notOffered.toString()).contains("DimensionNotOffered");

        JsonNode country = query(TestUser.ANALYST_ARG, Map.of("country", "XXX", "measures", List.of("victims")), 400);
        assertThat(country.toString()).contains("/country", "CountryUnknown");

        JsonNode period = query(TestUser.ANALYST_ARG, Map.of("measures", List.of("victims"),
                "period", Map.of("from", "1990-01-01")), 400);
        assertThat(period.toString()).contains("/period/from");
    }

    @Test
    void aQueryOverTheCellLimitIs422WithTheLimit() {
        JsonNode problem = query(TestUser.ANALYST_ARG, Map.of("measures", List.of("victims", "assisted"),
                "dimensions", List.of("nationality", "exploitationForm", "sex", "ageGroup")), 422);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/report-too-large");
        assertThat(problem.get("detail").asString()).contains("600");
    }

    @Test
    void onlyTheCountrysAnalystsAndApproversReport() {
        query(TestUser.REGIONAL, Map.of("measures", List.of("victims")), 403);
        query(TestUser.OFFICER_ARG, Map.of("measures", List.of("victims")), 403);
        query(TestUser.ANALYST_ARG, Map.of("country", "BRA", "measures", List.of("victims")), 403);
        JsonNode own = query(TestUser.ANALYST_BRA, Map.of("measures", List.of("victims")), 200);
        assertThat(own.get("country").asString()).isEqualTo("BRA");
    }

    @Test
    void csvAndXlsxCarryTheSameTable() throws Exception {
        Map<String, Object> shape = Map.of("measures", List.of("victims"), "dimensions", List.of("sex"));
        JsonNode json = query(TestUser.APPROVER_ARG, shape, 200);
        HttpResponse<String> csv = send("POST", "/api/v1/reports/query?format=csv", TestUser.APPROVER_ARG, shape);
        HttpResponse<byte[]> xlsx = HTTP.send(request("POST", "/api/v1/reports/query", TestUser.APPROVER_ARG, shape)
                .header("Accept", ReportFiles.XLSX).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("sex,victims,victims_status");
        assertThat(lines).contains("_T," + total(json, "victims") + ",A");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(1).getStringCellValue()).isEqualTo("victims");
            assertThat((long) workbook.getSheetAt(0).getRow(1).getCell(1).getNumericCellValue())
                    .isEqualTo(total(json, "victims"));
            assertThat(workbook.getSheet("About")).isNotNull();
        }
    }

    @Test
    void savedDefinitionsAreSharedWithinTheCountryVersionedAndAudited() {
        HttpResponse<String> created = send("POST", "/api/v1/reports/definitions", TestUser.ANALYST_ARG,
                Map.of("name", "Victims by sex " + UUID.randomUUID(), "query",
                        Map.of("measures", List.of("victims"), "dimensions", List.of("sex"))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();
        String etag = created.headers().firstValue("ETag").orElseThrow();

        assertThat(send("GET", "/api/v1/reports/definitions", TestUser.APPROVER_ARG, null).body()).contains(id);
        assertThat(send("GET", "/api/v1/reports/definitions/" + id, TestUser.ANALYST_BRA, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/reports/definitions", TestUser.ANALYST_BRA, null).body()).doesNotContain(id);

        HttpResponse<String> run = send("POST", "/api/v1/reports/definitions/" + id + "/run", TestUser.ANALYST_ARG, null);
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(run.body()).get("dimensions").get(0).asString()).isEqualTo("sex");

        Map<String, Object> changed = Map.of("name", "Victims by age " + UUID.randomUUID(), "query",
                Map.of("measures", List.of("victims"), "dimensions", List.of("ageGroup")));
        assertThat(send("PUT", "/api/v1/reports/definitions/" + id, TestUser.APPROVER_ARG, changed).statusCode())
                .isEqualTo(428);
        HttpResponse<String> updated = sendIfMatch("PUT", "/api/v1/reports/definitions/" + id, TestUser.APPROVER_ARG,
                changed, etag);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(sendIfMatch("PUT", "/api/v1/reports/definitions/" + id, TestUser.APPROVER_ARG, changed, etag)
                .statusCode()).isEqualTo(412);

        HttpResponse<String> bad = send("POST", "/api/v1/reports/definitions", TestUser.ANALYST_ARG,
                Map.of("name", "Broken", "query", Map.of("measures", List.of("nope"))));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("/query/measures/0");

        assertThat(jdbc.queryForObject("select count(*) from report_definition_aud a join revinfo r on r.rev = a.rev "
                + "where a.id = ?::uuid and r.username in ('analyst-arg', 'approver-arg')", Long.class, id)).isEqualTo(2);
        assertThat(sendIfMatch("DELETE", "/api/v1/reports/definitions/" + id, TestUser.ANALYST_ARG, null,
                updated.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(204);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static long total(JsonNode table, String measure) {
        Map<String, String> key = new HashMap<>();
        table.get("dimensions").forEach(d -> key.put(d.asString(), "_T"));
        return cell(table, key, measure);
    }

    static long cell(JsonNode table, Map<String, String> wanted, String measure) {
        for (JsonNode row : table.get("rows")) {
            boolean match = true;
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                match &= row.get("key").get(e.getKey()).asString().equals(e.getValue());
            }
            if (match) {
                return row.get("values").get(measure).get("value").asLong();
            }
        }
        return 0; // a value that never occurs in the data has no row: its count is zero
    }

    private JsonNode query(TestUser user, Map<String, Object> body, int expected) {
        HttpResponse<String> response = send("POST", "/api/v1/reports/query", user, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String method, String path, TestUser user, Object body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestIssuer.get().token(user))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private HttpResponse<String> send(String method, String path, TestUser user, Object body) {
        return sendIfMatch(method, path, user, body, null);
    }

    private HttpResponse<String> sendIfMatch(String method, String path, TestUser user, Object body, String ifMatch) {
        try {
            HttpRequest.Builder request = request(method, path, user, body);
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
