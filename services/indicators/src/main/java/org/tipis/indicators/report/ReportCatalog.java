package org.tipis.indicators.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a dynamic report can count and break down by, written once. Every measure is a set of statistical units
 * (persons, cases) drawn from the de-identified store; every unit falls in exactly one category of every dimension
 * (missing values in {@code UNKNOWN}), so each table is additive and its margins are true totals. The counting rules
 * are in {@code docs/methodology/reports.md}.
 */
public final class ReportCatalog {

    /** Where the unknown values of a dimension are counted. */
    public static final String UNKNOWN = "UNKNOWN";
    /** The total over a dimension, as SDMX writes it. */
    public static final String TOTAL = "_T";
    /** Proceedings that bring charges against a person (prosecuted, in GLOTIP terms). */
    public static final List<String> CHARGING_EVENTS = List.of("CHARGE", "INDICTMENT");
    public static final String CONVICTION = "CONVICTION";

    /**
     * A countable unit: the rows it is drawn from (one or more per unit; {@code unit_key} names the unit and the
     * earliest row by {@code ref_date} then {@code tiebreak} represents it) and the attribute columns they carry.
     *
     * @param distinct whether several rows may describe the same unit (persons recorded by several institutions);
     *                 such rows carry {@code shared}: true where another row may describe the same unit
     */
    public record Measure(String name, String description, String rows, Set<String> columns, boolean distinct) {
    }

    /**
     * A way to break a table down: its SQL over the attribute columns and the columns it needs; {@code column} names
     * the one column whose value it is (missing values in {@code UNKNOWN}), so that filters can name the column
     * itself (PostgreSQL then estimates their selectivity from its statistics).
     */
    public record Dimension(String name, String description, String codeList, String sql, Set<String> needs) {

        public String column() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("coalesce\\((\\w+), 'UNKNOWN'\\)").matcher(sql);
            return m.matches() ? m.group(1) : "country".equals(sql) ? "country" : null;
        }
    }

    private static final Set<String> VICTIM_COLUMNS = Set.of("sex", "age", "minor", "nationality", "exploitation_form",
            "institution_kind", "flow_level", "stage", "complaint_channel", "victim_status");
    private static final Set<String> CASE_COLUMNS = Set.of("institution_kind", "flow_level", "stage", "complaint_channel");
    private static final Set<String> SUSPECT_COLUMNS = Set.of("sex", "age", "minor", "nationality", "suspect_role",
            "institution_kind", "flow_level", "stage", "complaint_channel");

    private static final String VICTIM_ATTRIBUTES = """
            v.sex, v.age_at_identification as age, v.minor, v.nationality,
            v.exploitation_primary as exploitation_form, v.identifying_institution_kind as institution_kind,
            c.flow_level, c.stage, c.complaint_channel, v.status as victim_status""";
    private static final String CASE_ATTRIBUTES = """
            c.owning_institution_kind as institution_kind, c.flow_level, c.stage, c.complaint_channel""";
    private static final String SUSPECT_ATTRIBUTES = """
            s.sex, s.age, cast(null as boolean) as minor, s.nationality, s.role as suspect_role,
            c.owning_institution_kind as institution_kind, c.flow_level, c.stage, c.complaint_channel""";
    private static final String CHARGING = "('" + String.join("', '", CHARGING_EVENTS) + "')";

    public static final Map<String, Measure> MEASURES = measures(
            new Measure("victims", "Persons recorded as victims (any status unless filtered by victimStatus), "
                    + "counted once however many institutions recorded them, at their earliest identification in "
                    + "the period", """
                    select v.country, v.victim_key as unit_key, v.identification_date as ref_date,
                           v.victim_id as tiebreak, v.shared_key as shared, %s
                    from stat_victim v left join stat_case c on c.case_id = v.case_id""".formatted(VICTIM_ATTRIBUTES),
                    VICTIM_COLUMNS, true),
            new Measure("assisted", "Victims who received assistance, counted once, at their first assistance in the "
                    + "period", """
                    select v.country, v.victim_key as unit_key, a.first_assisted as ref_date,
                           v.victim_id as tiebreak, v.shared_key as shared, %s
                    from stat_victim v
                    join (select victim_key, min(started_on) as first_assisted from stat_assistance
                          where started_on is not null group by victim_key) a on a.victim_key = v.victim_key
                    left join stat_case c on c.case_id = v.case_id""".formatted(VICTIM_ATTRIBUTES),
                    VICTIM_COLUMNS, true),
            new Measure("cases", "Cases, by the date they were opened", """
                    select c.country, c.case_id as unit_key, c.opened_on as ref_date,
                           c.case_id as tiebreak, %s
                    from stat_case c""".formatted(CASE_ATTRIBUTES), CASE_COLUMNS, false),
            new Measure("casesCharged", "Cases opened in the period in which anyone was charged or indicted "
                    + "(criminal-justice attrition)", """
                    select c.country, c.case_id as unit_key, c.opened_on as ref_date,
                           c.case_id as tiebreak, %s
                    from stat_case c
                    where exists (select 1 from stat_proceeding p where p.case_id = c.case_id and p.type in %s)"""
                    .formatted(CASE_ATTRIBUTES, CHARGING), CASE_COLUMNS, false),
            new Measure("casesConvicted", "Cases opened in the period with at least one conviction (attrition)", """
                    select c.country, c.case_id as unit_key, c.opened_on as ref_date,
                           c.case_id as tiebreak, %s
                    from stat_case c
                    where exists (select 1 from stat_proceeding p where p.case_id = c.case_id
                                  and p.outcome = '%s')""".formatted(CASE_ATTRIBUTES, CONVICTION), CASE_COLUMNS, false),
            new Measure("suspects", "Persons suspected, by the date their case was opened", """
                    select s.country, s.suspect_id as unit_key, c.opened_on as ref_date,
                           s.suspect_id as tiebreak, %s
                    from stat_suspect s join stat_case c on c.case_id = s.case_id""".formatted(SUSPECT_ATTRIBUTES),
                    SUSPECT_COLUMNS, false),
            new Measure("prosecuted", "Persons charged or indicted, at their first charge in the period", """
                    select s.country, s.suspect_id as unit_key, p.first_charged as ref_date,
                           s.suspect_id as tiebreak, %s
                    from stat_suspect s join stat_case c on c.case_id = s.case_id
                    join (select suspect_id, min(occurred_on) as first_charged from stat_proceeding
                          where type in %s and suspect_id is not null and occurred_on is not null
                          group by suspect_id) p on p.suspect_id = s.suspect_id""".formatted(SUSPECT_ATTRIBUTES, CHARGING),
                    SUSPECT_COLUMNS, false),
            new Measure("convicted", "Persons convicted, at their first conviction in the period", """
                    select s.country, s.suspect_id as unit_key, p.first_convicted as ref_date,
                           s.suspect_id as tiebreak, %s
                    from stat_suspect s join stat_case c on c.case_id = s.case_id
                    join (select suspect_id, min(occurred_on) as first_convicted from stat_proceeding
                          where outcome = '%s' and suspect_id is not null and occurred_on is not null
                          group by suspect_id) p on p.suspect_id = s.suspect_id""".formatted(SUSPECT_ATTRIBUTES, CONVICTION),
                    SUSPECT_COLUMNS, false));

    public static final Map<String, Dimension> DIMENSIONS = dimensions(
            new Dimension("country", "ISO 3166-1 alpha-3 of the recording country", "country", "country", Set.of()),
            new Dimension("year", "calendar year of the reference date", null,
                    "cast(cast(extract(year from ref_date) as integer) as text)", Set.of()),
            new Dimension("quarter", "calendar quarter of the reference date (2024-Q1)", null,
                    "to_char(ref_date, 'YYYY-\"Q\"Q')", Set.of()),
            new Dimension("sex", "sex as recorded", "sex", "coalesce(sex, 'UNKNOWN')", Set.of("sex")),
            new Dimension("ageGroup", "Y0T17 under 18, Y_GE18 from 18 (age, or the minor flag when only a range "
                    + "is known)", null, """
                    case when age is not null then case when age < 18 then 'Y0T17' else 'Y_GE18' end
                         when minor then 'Y0T17' when not minor then 'Y_GE18' else 'UNKNOWN' end""",
                    Set.of("age", "minor")),
            new Dimension("nationality", "citizenship (ISO 3166-1 alpha-3)", "country",
                    "coalesce(nationality, 'UNKNOWN')", Set.of("nationality")),
            new Dimension("exploitationForm", "primary form of exploitation", "exploitation-form",
                    "coalesce(exploitation_form, 'UNKNOWN')", Set.of("exploitation_form")),
            new Dimension("institutionKind", "kind of the identifying (victims) or owning (cases, suspects) "
                    + "institution", "institution-kind", "coalesce(institution_kind, 'UNKNOWN')",
                    Set.of("institution_kind")),
            new Dimension("flowLevel", "domestic, intra- or inter-regional trafficking", "flow-level",
                    "coalesce(flow_level, 'UNKNOWN')", Set.of("flow_level")),
            new Dimension("stage", "the case's current procedural stage", "case-stage", "coalesce(stage, 'UNKNOWN')",
                    Set.of("stage")),
            new Dimension("complaintChannel", "how the case came to light", "complaint-channel",
                    "coalesce(complaint_channel, 'UNKNOWN')", Set.of("complaint_channel")),
            new Dimension("victimStatus", "presumed, identified or certified", "victim-status",
                    "coalesce(victim_status, 'UNKNOWN')", Set.of("victim_status")),
            new Dimension("suspectRole", "the suspect's role in the trafficking process", "suspect-role",
                    "coalesce(suspect_role, 'UNKNOWN')", Set.of("suspect_role")));

    private ReportCatalog() {
    }

    public static boolean offers(Measure measure, Dimension dimension) {
        return measure.columns().containsAll(dimension.needs());
    }

    private static Map<String, Measure> measures(Measure... all) {
        Map<String, Measure> map = new LinkedHashMap<>();
        for (Measure m : all) {
            map.put(m.name(), m);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static Map<String, Dimension> dimensions(Dimension... all) {
        Map<String, Dimension> map = new LinkedHashMap<>();
        for (Dimension d : all) {
            map.put(d.name(), d);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
