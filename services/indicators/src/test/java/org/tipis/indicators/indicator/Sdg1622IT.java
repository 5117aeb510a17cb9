package org.tipis.indicators.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tipis.indicators.statistics.FeedConsumer;
import org.tipis.platform.test.ServiceProcess;
import org.tipis.platform.test.TestIssuer;
import org.tipis.platform.test.TestUser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A synthetic data set with known answers goes through the real registry API (duplicates across institutions,
 * presumed victims, unknown sex and age, minors, several forms, two countries, two years), reaches the indicators
 * through the change feed, and every 16.2.2 count and rate is checked against figures computed here, separately,
 * from the data set itself and the shipped population file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tipis.feed.poll-interval=200ms", "tipis.feed.initial-delay=0s"})
class Sdg1622IT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A person as the test knows it; {@code sameAs} names the earlier person this record is the same one as. */
    record Person(String country, TestUser recorder, String sex, Integer age, String form, String status,
                  LocalDate identified, Integer sameAs) {
    }

    static final List<Person> PEOPLE = List.of(
            new Person("ARG", TestUser.OFFICER_ARG, "F", 16, "SEXUAL", "IDENTIFIED", LocalDate.of(2024, 2, 1), null),
            new Person("ARG", TestUser.PROSECUTOR_ARG, "F", 16, "SEXUAL", "CERTIFIED", LocalDate.of(2024, 3, 1), 0),
            new Person("ARG", TestUser.OFFICER_ARG, "M", 30, "FORCED_LABOUR", "IDENTIFIED", LocalDate.of(2024, 5, 10), null),
            new Person("ARG", TestUser.OFFICER_ARG, "M", 17, "SEXUAL_CSEC", "IDENTIFIED", LocalDate.of(2024, 6, 1), null),
            new Person("ARG", TestUser.PROSECUTOR_ARG, "F", 25, "DOMESTIC_SERVITUDE", "CERTIFIED", LocalDate.of(2024, 7, 1), null),
            new Person("ARG", TestUser.OFFICER_ARG, "UNKNOWN", 40, "ORGAN_REMOVAL", "IDENTIFIED", LocalDate.of(2024, 8, 1), null),
            new Person("ARG", TestUser.OFFICER_ARG, "F", null, "BEGGING", "IDENTIFIED", LocalDate.of(2024, 9, 1), null),
            new Person("ARG", TestUser.OFFICER_ARG, "M", 22, null, "IDENTIFIED", LocalDate.of(2024, 10, 1), null),
            new Person("ARG", TestUser.OFFICER_ARG, "F", 19, "SEXUAL", "PRESUMED", LocalDate.of(2024, 4, 1), null),
            new Person("ARG", TestUser.OFFICER_ARG, "F", 35, "SEXUAL", "IDENTIFIED", LocalDate.of(2023, 12, 31), null),
            new Person("ARG", TestUser.OFFICER_ARG, "OTHER", 15, "FORCED_LABOUR", "IDENTIFIED", LocalDate.of(2024, 11, 1), null),
            new Person("ARG", TestUser.OFFICER_ARG, "M", 12, "BEGGING", "IDENTIFIED", LocalDate.of(2023, 5, 5), null),
            new Person("ARG", TestUser.PROSECUTOR_ARG, "M", 12, "BEGGING", "IDENTIFIED", LocalDate.of(2023, 6, 5), 11),
            new Person("BRA", TestUser.OFFICER_BRA, "F", 14, "SEXUAL", "IDENTIFIED", LocalDate.of(2024, 1, 15), null),
            new Person("BRA", TestUser.OFFICER_BRA, "M", 45, "FORCED_LABOUR_MINING", "IDENTIFIED", LocalDate.of(2024, 3, 3), null),
            new Person("BRA", TestUser.OFFICER_BRA, "F", 52, "SEXUAL_PROSTITUTION", "IDENTIFIED", LocalDate.of(2024, 12, 30), null));

    @LocalServerPort
    int port;

    @Autowired
    FeedConsumer feed;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("tipis.reference-data.uri", ServiceProcess::referenceData);
        registry.add("tipis.feed.uri", ServiceProcess::caseRegistry);
    }

    @BeforeAll
    static void pushTheDataSetThroughTheRegistry() {
        String registry = ServiceProcess.caseRegistry();
        Map<String, String> cases = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (Person person : PEOPLE) {
            String caseId = cases.computeIfAbsent(person.recorder().username(), user -> json(call(registry, "POST",
                    "/api/v1/cases", person.recorder(), Map.of("fileReference", "SDG-" + user + "-" + System.nanoTime(),
                            "openedOn", "2023-01-01"), 201)).get("id").asString());
            Map<String, Object> victim = new LinkedHashMap<>();
            victim.put("sex", person.sex());
            if (person.age() != null) {
                victim.put("ageAtIdentification", person.age());
            }
            if (person.form() != null) {
                victim.put("exploitationPrimary", person.form());
            }
            victim.put("status", person.status());
            victim.put("identificationDate", person.identified().toString());
            if (person.sameAs() != null) {
                victim.put("victimKey", keys.get(person.sameAs()));
            }
            keys.add(json(call(registry, "POST", "/api/v1/cases/" + caseId + "/victims", person.recorder(), victim, 201))
                    .get("victimKey").asString());
        }
    }

    @Test
    void everyCountAndRateMatchesTheFiguresComputedFromTheDataSet() throws Exception {
        awaitFeed();
        for (String[] query : new String[][] {{"ARG", "2024"}, {"ARG", "2023"}, {"BRA", "2024"}}) {
            String country = query[0];
            int year = Integer.parseInt(query[1]);
            // the country's approver sees the exact figures; everyone else sees them disclosure-controlled
            TestUser approver = "ARG".equals(country) ? TestUser.APPROVER_ARG
                    : TestUser.of("approver-bra", "national-approver", "BRA", "bra-mjsp");
            JsonNode table = json(get("/api/v1/indicators/sdg-16-2-2?country=" + country + "&year=" + year, approver));
            Map<String, Long> expected = expectedCounts(country, year);
            long population = shippedPopulation(country, year);

            Map<String, JsonNode> observed = new HashMap<>();
            table.get("observations").forEach(o -> observed.put(o.get("series").asString() + "|"
                    + o.get("sex").asString() + "|" + o.get("age").asString(), o));
            for (String series : List.of("VC_HTF_DETV", "VC_HTF_DETVSX", "VC_HTF_DETVFL", "VC_HTF_DETVOG", "VC_HTF_DETVOP")) {
                for (String sex : List.of("_T", "F", "M")) {
                    for (String age : List.of("_T", "Y0T17", "Y_GE18")) {
                        String key = series + "|" + sex + "|" + age;
                        long count = expected.getOrDefault(key, 0L);
                        assertThat(observed.get(key).get("value").asLong()).as(country + year + " " + key).isEqualTo(count);
                        JsonNode rate = observed.get(series + "R|" + sex + "|" + age);
                        if (sex.equals("_T") && age.equals("_T")) {
                            assertThat(rate.get("value").asDouble()).as("rate " + key)
                                    .isCloseTo(count * 100_000.0 / population, within(1e-6));
                        } else {
                            assertThat(rate.get("value").isNull()).as("no denominator for " + key).isTrue();
                            assertThat(rate.get("reason").asString()).contains("no figure");
                        }
                    }
                }
            }
            long known = expected.getOrDefault("known", 0L);
            for (String sex : List.of("F", "M")) {
                for (String age : List.of("Y0T17", "Y_GE18")) {
                    JsonNode share = observed.get("VC_VAW_DIST|" + sex + "|" + age);
                    assertThat(share.get("value").asDouble()).isCloseTo(
                            100.0 * expected.getOrDefault("VC_HTF_DETV|" + sex + "|" + age, 0L) / known, within(1e-3));
                }
            }
            assertThat(table.get("presumedVictims").asLong()).isEqualTo(expected.getOrDefault("presumed", 0L));
            assertThat(table.get("provenance").get("ruleVersion").asString()).isEqualTo("sdg-16-2-2/1");
            assertThat(table.get("provenance").get("populationVersion").asInt()).isEqualTo(1);
            assertThat(table.get("provenance").get("codeLists").get("exploitation-form").get(0).asInt()).isEqualTo(1);
        }
    }

    @Test
    void analystsSeeSmallCellsSuppressedAndCannotDeriveThem() throws Exception {
        awaitFeed();
        JsonNode table = json(get("/api/v1/indicators/sdg-16-2-2?country=ARG&year=2024", TestUser.ANALYST_ARG));
        Map<String, Long> exact = expectedCounts("ARG", 2024);

        assertThat(table.get("disclosure").get("k").asInt()).isEqualTo(5);
        Map<String, Long> published = new HashMap<>();
        Set<String> hidden = new HashSet<>();
        table.get("observations").forEach(o -> {
            if (!"NUMBER".equals(o.get("unitMeasure").asString())) {
                return;
            }
            String key = o.get("series").asString() + "|" + o.get("sex").asString() + "|" + o.get("age").asString();
            if (o.get("value").isNull()) {
                assertThat(o.get("obsStatus").asString()).isEqualTo("Q");
                hidden.add(key);
            } else {
                published.put(key, o.get("value").asLong());
            }
        });
        exact.forEach((key, count) -> {
            if (key.startsWith("VC_") && count > 0 && count < 5) {
                assertThat(hidden).as("small cell " + key).contains(key);
            }
        });
        // the attack: a hidden cell on a line whose other cells are all published is recovered by subtraction
        for (String series : List.of("VC_HTF_DETV", "VC_HTF_DETVSX", "VC_HTF_DETVFL", "VC_HTF_DETVOG", "VC_HTF_DETVOP")) {
            for (String age : List.of("_T", "Y0T17", "Y_GE18")) {
                assertThat(onlyOneHidden(hidden, series + "|_T|" + age, series + "|F|" + age, series + "|M|" + age))
                        .as("sex line " + series + " " + age).isFalse();
            }
            for (String sex : List.of("_T", "F", "M")) {
                assertThat(onlyOneHidden(hidden, series + "|" + sex + "|_T", series + "|" + sex + "|Y0T17",
                        series + "|" + sex + "|Y_GE18")).as("age line " + series + " " + sex).isFalse();
            }
        }
        assertThat(table.get("presumedVictims").isNull()).as("1 presumed victim is a small cell").isTrue();
    }

    private static boolean onlyOneHidden(Set<String> hidden, String... line) {
        return java.util.Arrays.stream(line).filter(hidden::contains).count() == 1;
    }

    @Test
    void approvedFiguresAreFrozenCorrectedWithAReasonAndExportedAsSdmx() throws Exception {
        awaitFeed();
        HttpResponse<String> none = get("/api/v1/exports/sdg-16-2-2?country=ARG&year=2022", TestUser.APPROVER_ARG);
        assertThat(none.statusCode()).as("nothing approved yet").isEqualTo(409);
        assertThat(post("/api/v1/snapshots", TestUser.ANALYST_ARG, Map.of("country", "ARG", "year", 2022)).statusCode())
                .isEqualTo(403);

        HttpResponse<String> first = post("/api/v1/snapshots", TestUser.APPROVER_ARG, Map.of("country", "ARG", "year", 2022));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json(first).get("version").asInt()).isEqualTo(1);
        assertThat(post("/api/v1/snapshots", TestUser.APPROVER_ARG, Map.of("country", "ARG", "year", 2022)).statusCode())
                .as("unchanged").isEqualTo(409);

        // a late identification of 2022 arrives; the correction needs a reason and lists what changed
        String registry = ServiceProcess.caseRegistry();
        String caseId = json(call(registry, "POST", "/api/v1/cases", TestUser.OFFICER_ARG, Map.of("fileReference",
                "LATE-" + System.nanoTime(), "openedOn", "2022-01-01"), 201)).get("id").asString();
        call(registry, "POST", "/api/v1/cases/" + caseId + "/victims", TestUser.OFFICER_ARG, Map.of("sex", "F",
                "ageAtIdentification", 30, "status", "IDENTIFIED", "identificationDate", "2022-08-08",
                "exploitationPrimary", "SEXUAL"), 201);
        awaitFeed();
        HttpResponse<String> noReason = post("/api/v1/snapshots", TestUser.APPROVER_ARG, Map.of("country", "ARG", "year", 2022));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("CorrectionReasonRequired");
        HttpResponse<String> corrected = post("/api/v1/snapshots", TestUser.APPROVER_ARG,
                Map.of("country", "ARG", "year", 2022, "reason", "late identification reported by the federal police"));
        assertThat(corrected.statusCode()).isEqualTo(201);
        assertThat(json(corrected).get("version").asInt()).isEqualTo(2);
        assertThat(json(corrected).get("changes").toString()).contains("\"series\":\"VC_HTF_DETV\"");
        JsonNode firstAgain = json(get("/api/v1/snapshots/" + json(first).get("id").asString(), TestUser.APPROVER_ARG));
        assertThat(value(firstAgain.get("figures"), "VC_HTF_DETV|_T|_T")).as("version 1 unchanged").isEqualTo("0");

        org.tipis.indicators.export.DsdCheck.assertValidExports(
                get("/api/v1/exports/sdg-16-2-2?country=ARG&year=2022&format=sdmx-csv", TestUser.APPROVER_ARG).body(),
                get("/api/v1/exports/sdg-16-2-2?country=ARG&year=2022&format=sdmx-ml", TestUser.APPROVER_ARG).body());

        // the GLOTIP workbook of the approved snapshot: the questionnaire's victims table carries the approved total
        assertThat(get("/api/v1/exports/glotip?country=ARG&year=2021", TestUser.APPROVER_ARG).statusCode())
                .as("unapproved year").isEqualTo(409);
        assertThat(get("/api/v1/exports/glotip?country=XYZ&year=2022", TestUser.APPROVER_ARG).statusCode())
                .as("unknown country").isEqualTo(400);
        HttpResponse<byte[]> workbook = HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/v1/exports/glotip?country=ARG&year=2022"))
                .header("Authorization", "Bearer " + TestIssuer.get().token(TestUser.APPROVER_ARG)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(workbook.statusCode()).isEqualTo(200);
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook xlsx = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(workbook.body()))) {
            assertThat(xlsx.getNumberOfSheets()).isEqualTo(7);
            org.apache.poi.ss.usermodel.Sheet victims = xlsx.getSheet("1 Victims by form");
            assertThat(victims.getRow(1).getCell(2).getStringCellValue()).isEqualTo("Girls (under 18)");
            assertThat(victims.getRow(2).getCell(0).getStringCellValue()).isEqualTo("All forms of exploitation");
            assertThat((long) victims.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(1);
            assertThat(xlsx.getSheet("About").getRow(3).getCell(1).getStringCellValue()).isEqualTo("2");
            org.apache.poi.ss.usermodel.Sheet attrition = xlsx.getSheet("6 Attrition");
            assertThat(attrition.getRow(1).getCell(1).getStringCellValue()).isEqualTo("cases");
        }

        JsonNode regional = json(get("/api/v1/snapshots?year=2022", TestUser.REGIONAL));
        assertThat(regional.size()).isEqualTo(2);
        JsonNode comparison = json(get("/api/v1/snapshots/comparison?year=2022", TestUser.REGIONAL));
        assertThat(comparison.get("countries").size()).isEqualTo(35);
        assertThat(comparison.get("regionalTotal").isNull()).as("other countries are missing").isTrue();
        assertThat(comparison.toString()).contains("\"country\":\"ARG\",\"approved\":true");
        assertThat(get("/api/v1/snapshots?country=ARG", TestUser.ANALYST_BRA).statusCode()).isEqualTo(403);
    }

    private static String value(JsonNode figures, String key) {
        for (JsonNode o : figures.get("observations")) {
            if ((o.get("series").asString() + "|" + o.get("sex").asString() + "|" + o.get("age").asString()).equals(key)) {
                return o.get("value").isNull() ? null : o.get("value").asString();
            }
        }
        return null;
    }

    private HttpResponse<String> post(String path, TestUser user, Object body) {
        return call("http://127.0.0.1:" + port, "POST", path, user, body, -1);
    }

    @Test
    void replayingTheWholeFeedChangesNothing() throws Exception {
        awaitFeed();
        String before = observations("ARG", 2024);

        jdbc.update("update feed_cursor set position = 0 where id = 1");
        feed.catchUp();

        assertThat(observations("ARG", 2024)).isEqualTo(before);
        assertThat(json(get("/api/v1/indicators/status", TestUser.ANALYST_ARG)).get("lag").asLong()).isZero();
    }

    @Test
    void onlyTheCountrysAnalystsAndApproversComputeIt() {
        assertThat(get("/api/v1/indicators/sdg-16-2-2?country=BRA&year=2024", TestUser.ANALYST_ARG).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/indicators/sdg-16-2-2?country=ARG&year=2024", TestUser.REGIONAL).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/indicators/sdg-16-2-2?country=ARG&year=2024", TestUser.OFFICER_ARG).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/indicators/sdg-16-2-2?country=ARG&year=2024", TestUser.APPROVER_ARG).statusCode()).isEqualTo(200);
        HttpResponse<String> badYear = get("/api/v1/indicators/sdg-16-2-2?country=ARG&year=1900", TestUser.ANALYST_ARG);
        assertThat(badYear.statusCode()).isEqualTo(400);
        assertThat(badYear.body()).contains("/query/year");
    }

    /** The expected figures, from the data set alone: dedupe by person, detected statuses, the year, the rules. */
    private static Map<String, Long> expectedCounts(String country, int year) {
        Map<String, Long> counts = new HashMap<>();
        Set<Integer> counted = new HashSet<>();
        Set<Integer> presumed = new HashSet<>();
        for (int i = 0; i < PEOPLE.size(); i++) {
            Person p = PEOPLE.get(i);
            int person = p.sameAs() != null ? p.sameAs() : i;
            if (!p.country().equals(country) || p.identified().getYear() != year) {
                continue;
            }
            if (p.status().equals("PRESUMED")) {
                presumed.add(person);
                continue;
            }
            if (!counted.add(person)) {
                continue;
            }
            String sex = Set.of("F", "M").contains(p.sex()) ? p.sex() : null;
            String age = p.age() == null ? null : p.age() < 18 ? "Y0T17" : "Y_GE18";
            String form = p.form() == null ? null
                    : p.form().startsWith("SEXUAL") ? "VC_HTF_DETVSX"
                    : p.form().startsWith("FORCED_LABOUR") || p.form().equals("DOMESTIC_SERVITUDE") ? "VC_HTF_DETVFL"
                    : p.form().equals("ORGAN_REMOVAL") ? "VC_HTF_DETVOG" : "VC_HTF_DETVOP";
            for (String s : sex == null ? List.of("_T") : List.of("_T", sex)) {
                for (String a : age == null ? List.of("_T") : List.of("_T", age)) {
                    counts.merge("VC_HTF_DETV|" + s + "|" + a, 1L, Long::sum);
                    if (form != null) {
                        counts.merge(form + "|" + s + "|" + a, 1L, Long::sum);
                    }
                }
            }
            if (sex != null && age != null) {
                counts.merge("known", 1L, Long::sum);
            }
        }
        presumed.removeAll(counted);
        counts.put("presumed", (long) presumed.size());
        return counts;
    }

    /** Read from the shipped file, not through reference-data. */
    private static long shippedPopulation(String country, int year) throws Exception {
        return Files.readAllLines(Path.of("..", "reference-data", "src", "main", "resources", "population",
                        "wpp2024-oas-totals.csv")).stream()
                .filter(l -> l.startsWith(country + "," + year + ",_T,_T,"))
                .map(l -> Long.parseLong(l.split(",")[4])).findFirst().orElseThrow();
    }

    private String observations(String country, int year) {
        return json(get("/api/v1/indicators/sdg-16-2-2?country=" + country + "&year=" + year, TestUser.APPROVER_ARG))
                .get("observations").toString();
    }

    private void awaitFeed() throws InterruptedException {
        String registry = ServiceProcess.caseRegistry();
        long head = json(call(registry, "GET", "/internal/v1/feed?after=0&limit=1", TestUser.service("indicators"),
                null, 200)).get("head").asLong();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (feed.status().appliedPosition() < head && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(feed.status().appliedPosition()).as("the feed was applied").isGreaterThanOrEqualTo(head);
    }

    private HttpResponse<String> get(String path, TestUser user) {
        return call("http://127.0.0.1:" + port, "GET", path, user, null, -1);
    }

    private static HttpResponse<String> call(String base, String method, String path, TestUser user, Object body,
                                             int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + TestIssuer.get().token(user))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (expected > 0 && response.statusCode() != expected) {
                throw new AssertionError(method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
