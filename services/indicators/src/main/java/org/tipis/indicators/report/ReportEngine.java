package org.tipis.indicators.report;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.tipis.indicators.disclosure.CellTable;
import org.tipis.indicators.disclosure.DisclosureControl;
import org.tipis.indicators.indicator.DisclosurePolicy;
import org.tipis.indicators.indicator.ReferenceData;
import org.tipis.indicators.statistics.FeedConsumer;
import org.tipis.indicators.statistics.persistence.AggregationSettings;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;

/**
 * Dynamic reports over the statistical store: validates a {@link ReportQuery} against the {@link ReportCatalog},
 * counts the units of each measure in SQL (one {@code GROUP BY} per measure over the finest cells), builds the
 * cube with its totals, and protects it with the same disclosure control as the SDG figures.
 */
@Service
@EnableConfigurationProperties(ReportEngine.Settings.class)
public class ReportEngine {

    /** More cells than this (all measures together) and the query is refused with 422. */
    public static final ProblemType REPORT_TOO_LARGE =
            ProblemType.of("report-too-large", "Report too large", HttpStatus.UNPROCESSABLE_CONTENT);

    /**
     * @param maxCells the largest table a query may return, totals included, all measures together
     */
    @ConfigurationProperties("tipis.reports")
    public record Settings(Integer maxCells) {

        public Settings {
            maxCells = maxCells == null ? 5000 : maxCells;
        }
    }

    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    public static final String RULE_VERSION = "reports/1";

    private final JdbcClient jdbc;
    private final ReferenceData referenceData;
    private final DisclosurePolicy disclosure;
    private final FeedConsumer feed;
    private final Settings settings;
    private final AggregationSettings aggregation;
    private final Clock clock;

    ReportEngine(JdbcClient jdbc, ReferenceData referenceData, DisclosurePolicy disclosure, FeedConsumer feed,
                 Settings settings, AggregationSettings aggregation, Clock clock) {
        this.jdbc = jdbc;
        this.aggregation = aggregation;
        this.referenceData = referenceData;
        this.disclosure = disclosure;
        this.feed = feed;
        this.settings = settings;
        this.clock = clock;
    }

    /** The report as the caller may see it: unprotected only for the country's approvers, k-protected for others. */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public ReportTable run(Caller caller, ReportQuery requested) {
        ReportQuery query = resolve(caller, requested);
        ReportTable raw = raw(query);
        boolean approver = caller.hasRole("national-approver") && caller.country().filter(query.country()::equals).isPresent();
        int k = query.forPublic() ? disclosure.publicK() : approver ? 0 : disclosure.k(query.country());
        return protect(raw, k, query.rounded());
    }

    /** Who may ask, and the query completed (preset, country, period) and checked; 400 naming what is wrong. */
    public ReportQuery resolve(Caller caller, ReportQuery requested) {
        if (!caller.hasAnyRole("national-analyst", "national-approver")) {
            throw ProblemException.forbidden(caller.hasRole("regional-analyst")
                    ? "Regional analysts see approved figures only." : "Your role does not use statistics.");
        }
        if (requested == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A report query is required.",
                    List.of(new FieldError("", "NotBlank", "Send measures and dimensions.")));
        }
        List<FieldError> errors = new ArrayList<>();
        ReportQuery query = requested;
        if (requested.preset() != null) {
            ReportQuery preset = ReportQuery.PRESETS.get(requested.preset());
            if (preset == null) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown preset.", List.of(new FieldError(
                        "/preset", "PresetUnknown", "One of " + new TreeSet<>(ReportQuery.PRESETS.keySet()) + ".")));
            }
            query = requested.withPreset(preset);
        }
        String country = query.country() == null ? caller.country().orElse(null) : query.country();
        if (country == null || !country.matches("[A-Z]{3}") || !referenceData.isCountry(country)) {
            errors.add(new FieldError("/country", "CountryUnknown", "An ISO 3166-1 alpha-3 code of the country list."));
        } else if (!caller.country().filter(country::equals).isPresent()) {
            throw ProblemException.forbidden("You report on your own country only.");
        }
        List<String> measures = query.measures() == null ? List.of() : query.measures();
        List<String> dimensions = query.dimensions() == null ? List.of() : query.dimensions();
        Map<String, List<String>> filters = query.filters() == null ? Map.of() : query.filters();
        if (measures.isEmpty()) {
            errors.add(new FieldError("/measures", "MeasureRequired", "Name at least one of "
                    + ReportCatalog.MEASURES.keySet() + "."));
        }
        for (int i = 0; i < measures.size(); i++) {
            if (!ReportCatalog.MEASURES.containsKey(measures.get(i))) {
                errors.add(FieldError.withArgs("/measures/" + i, "MeasureUnknown", "Unknown measure '"
                        + measures.get(i) + "'; one of " + ReportCatalog.MEASURES.keySet() + ".", measures.get(i)));
            } else if (measures.indexOf(measures.get(i)) != i) {
                errors.add(new FieldError("/measures/" + i, "MeasureRepeated", "Each measure once."));
            }
        }
        for (int i = 0; i < dimensions.size(); i++) {
            checkDimension(dimensions.get(i), "/dimensions/" + i, measures, errors);
            if (dimensions.indexOf(dimensions.get(i)) != i) {
                errors.add(new FieldError("/dimensions/" + i, "DimensionRepeated", "Each dimension once."));
            }
        }
        filters.forEach((name, values) -> {
            String pointer = "/filters/" + name.replace("~", "~0").replace("/", "~1");
            checkDimension(name, pointer, measures, errors);
            if (values == null || values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isBlank())) {
                errors.add(new FieldError(pointer, "FilterEmpty", "List the codes to keep."));
            }
        });
        LocalDate today = LocalDate.now(clock);
        LocalDate from = query.period() == null || query.period().from() == null ? EARLIEST : query.period().from();
        LocalDate to = query.period() == null || query.period().to() == null ? today : query.period().to();
        if (from.isBefore(EARLIEST) || from.isAfter(today)) {
            errors.add(new FieldError("/period/from", "YearOutOfRange", "A date from 2000-01-01 to today."));
        }
        if (to.isBefore(from)) {
            errors.add(new FieldError("/period/to", "PeriodInverted", "Not before the start of the period."));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The report query names something unknown.",
                    errors);
        }
        return new ReportQuery(query.preset(), country, List.copyOf(measures), List.copyOf(dimensions),
                Map.copyOf(filters), new ReportQuery.Period(from, to), query.roundToFive(), query.audience());
    }

    private static void checkDimension(String name, String pointer, List<String> measures, List<FieldError> errors) {
        ReportCatalog.Dimension dimension = ReportCatalog.DIMENSIONS.get(name);
        if (dimension == null) {
            errors.add(FieldError.withArgs(pointer, "DimensionUnknown", "Unknown dimension '" + name + "'; one of "
                    + ReportCatalog.DIMENSIONS.keySet() + ".", name));
            return;
        }
        for (String measure : measures) {
            ReportCatalog.Measure m = ReportCatalog.MEASURES.get(measure);
            if (m != null && !ReportCatalog.offers(m, dimension)) {
                errors.add(FieldError.withArgs(pointer, "DimensionNotOffered", "'" + measure
                        + "' cannot be broken down by '" + name + "'.", measure, name));
            }
        }
    }

    /** The exact counts of a resolved query, unprotected: never return this to anyone but the country's approvers. */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public ReportTable raw(ReportQuery query) {
        aggregation.apply();
        long position = feed.status().appliedPosition();
        List<String> dimensions = query.dimensions();
        Map<String, List<Group>> groups = new LinkedHashMap<>();
        List<Set<String>> seen = new ArrayList<>();
        dimensions.forEach(d -> seen.add(new TreeSet<>(VALUE_ORDER)));
        for (String measure : query.measures()) {
            List<Group> counted = count(ReportCatalog.MEASURES.get(measure), query);
            for (Group g : counted) {
                for (int d = 0; d < dimensions.size(); d++) {
                    seen.get(d).add(g.values()[d]);
                }
            }
            groups.put(measure, counted);
        }
        List<List<String>> axes = new ArrayList<>();
        long cells = query.measures().size();
        for (Set<String> values : seen) {
            List<String> axis = new ArrayList<>();
            axis.add(ReportCatalog.TOTAL);
            axis.addAll(values);
            axes.add(axis);
            cells *= axis.size();
            if (cells > settings.maxCells()) {
                break;
            }
        }
        if (cells > settings.maxCells()) {
            throw new ProblemException(REPORT_TOO_LARGE, "The report would have more than " + settings.maxCells()
                    + " cells (the configured limit); use fewer dimensions or filters.", List.of(FieldError.withArgs(
                    "/dimensions", "CellLimitExceeded", "At most " + settings.maxCells() + " cells.",
                    settings.maxCells())));
        }
        int size = (int) (cells / Math.max(1, query.measures().size()));
        int[] radix = axes.stream().mapToInt(List::size).toArray();
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (String measure : query.measures()) {
            long[] c = new long[size];
            for (Group g : groups.get(measure)) {
                int[] index = new int[dimensions.size()];
                for (int d = 0; d < dimensions.size(); d++) {
                    index[d] = axes.get(d).indexOf(g.values()[d]);
                }
                for (int mask = 0; mask < (1 << dimensions.size()); mask++) {
                    int flat = 0;
                    for (int d = 0; d < dimensions.size(); d++) {
                        flat = flat * radix[d] + ((mask & (1 << d)) != 0 ? 0 : index[d]);
                    }
                    c[flat] += g.count();
                }
            }
            counts.put(measure, c);
        }
        List<ReportTable.Row> rows = new ArrayList<>(size);
        for (int flat = 0; flat < size; flat++) {
            Map<String, String> key = new LinkedHashMap<>();
            int rest = flat;
            String[] parts = new String[dimensions.size()];
            for (int d = dimensions.size() - 1; d >= 0; d--) {
                parts[d] = axes.get(d).get(rest % radix[d]);
                rest /= radix[d];
            }
            for (int d = 0; d < dimensions.size(); d++) {
                key.put(dimensions.get(d), parts[d]);
            }
            Map<String, ReportTable.Cell> values = new LinkedHashMap<>();
            for (String measure : query.measures()) {
                values.put(measure, ReportTable.Cell.published(counts.get(measure)[flat]));
            }
            rows.add(new ReportTable.Row(key, values));
        }
        return new ReportTable(query.country(), query.period(), query.measures(), dimensions, query.filters(), rows,
                new ReportTable.Disclosure(0, 0, false),
                new ReportTable.Provenance(position, RULE_VERSION, clock.instant()));
    }

    /**
     * Small-cell suppression with complementary suppression for each measure's table (k ≤ 1: none), then optional
     * base-5 rounding of what is published.
     */
    public static ReportTable protect(ReportTable raw, int k, boolean roundToFive) {
        if (k <= 1 && !roundToFive) {
            return raw;
        }
        List<List<String>> axes = new ArrayList<>();
        for (String dimension : raw.dimensions()) {
            List<String> axis = new ArrayList<>();
            raw.rows().forEach(r -> {
                if (!axis.contains(r.key().get(dimension))) {
                    axis.add(r.key().get(dimension));
                }
            });
            axis.remove(ReportCatalog.TOTAL);
            axis.addFirst(ReportCatalog.TOTAL);
            axes.add(axis);
        }
        List<List<String>> lines = CellTable.linesOf(axes);
        Map<String, Set<String>> suppressed = new HashMap<>();
        int hidden = 0;
        for (String measure : raw.measures()) {
            Map<String, Long> counts = new HashMap<>();
            for (ReportTable.Row row : raw.rows()) {
                counts.put(cellKey(raw.dimensions(), row), row.values().get(measure).value());
            }
            Set<String> cells = k > 1 ? DisclosureControl.suppress(new CellTable(counts, lines), k) : Set.of();
            suppressed.put(measure, cells);
            hidden += cells.size();
        }
        List<ReportTable.Row> rows = new ArrayList<>(raw.rows().size());
        for (ReportTable.Row row : raw.rows()) {
            String key = cellKey(raw.dimensions(), row);
            Map<String, ReportTable.Cell> values = new LinkedHashMap<>();
            row.values().forEach((measure, cell) -> values.put(measure, suppressed.get(measure).contains(key)
                    ? ReportTable.Cell.SUPPRESSED
                    : roundToFive ? ReportTable.Cell.published(DisclosureControl.roundToFive(cell.value())) : cell));
            rows.add(new ReportTable.Row(row.key(), values));
        }
        return raw.with(rows, new ReportTable.Disclosure(Math.max(k, 0), hidden, roundToFive));
    }

    private static String cellKey(List<String> dimensions, ReportTable.Row row) {
        List<String> parts = new ArrayList<>(dimensions.size());
        dimensions.forEach(d -> parts.add(row.key().get(d)));
        return String.join("|", parts);
    }

    record Group(String[] values, long count) {
    }

    /** Codes in their natural order, {@code UNKNOWN} last. */
    static final Comparator<String> VALUE_ORDER = Comparator.comparing((String v) -> ReportCatalog.UNKNOWN.equals(v))
            .thenComparing(Comparator.naturalOrder());

    private List<Group> count(ReportCatalog.Measure measure, ReportQuery query) {
        List<String> dimensions = query.dimensions();
        StringBuilder sql = new StringBuilder("select ");
        for (int d = 0; d < dimensions.size(); d++) {
            sql.append(ReportCatalog.DIMENSIONS.get(dimensions.get(d)).sql()).append(" as d").append(d).append(", ");
        }
        StringBuilder where = new StringBuilder(" where r.country = :country and r.ref_date >= :from and r.ref_date <= :to");
        Map<String, Object> params = new HashMap<>();
        int f = 0;
        for (Map.Entry<String, List<String>> filter : new java.util.TreeMap<>(query.filters()).entrySet()) {
            ReportCatalog.Dimension dimension = ReportCatalog.DIMENSIONS.get(filter.getKey());
            if (dimension.column() != null) {
                where.append(" and (r.").append(dimension.column()).append(" in (:f").append(f).append(")");
                if (filter.getValue().contains(ReportCatalog.UNKNOWN)) {
                    where.append(" or r.").append(dimension.column()).append(" is null");
                }
                where.append(")");
            } else {
                where.append(" and (").append(dimension.sql()).append(") in (:f").append(f).append(")");
            }
            params.put("f" + f, filter.getValue());
            f++;
        }
        String rows = "(" + measure.rows() + ") r";
        // only the columns the query uses: PostgreSQL then drops joins nobody reads (e.g. the case of a victim)
        java.util.Set<String> used = new java.util.TreeSet<>(List.of("unit_key", "ref_date", "tiebreak"));
        dimensions.forEach(d -> used.addAll(ReportCatalog.DIMENSIONS.get(d).needs()));
        query.filters().keySet().forEach(d -> used.addAll(ReportCatalog.DIMENSIONS.get(d).needs()));
        if (dimensions.contains("country")) {
            used.add("country");
        }
        String columns = String.join(", ", used);
        sql.append("count(*) as n from (");
        if (measure.distinct()) {
            // units only one row describes are counted as they are; the others once, by their earliest row
            sql.append("select ").append(columns).append(" from ").append(rows).append(where)
                    .append(" and not r.shared union all (select distinct on (unit_key) ").append(columns)
                    .append(" from ").append(rows).append(where)
                    .append(" and r.shared order by unit_key, ref_date, tiebreak)");
        } else {
            sql.append("select ").append(columns).append(" from ").append(rows).append(where);
        }
        sql.append(") u");
        if (!dimensions.isEmpty()) {
            sql.append(" group by ");
            for (int d = 0; d < dimensions.size(); d++) {
                sql.append(d == 0 ? "" : ", ").append(d + 1);
            }
        }
        return jdbc.sql(sql.toString()).param("country", query.country())
                .param("from", Date.valueOf(query.period().from())).param("to", Date.valueOf(query.period().to()))
                .params(params)
                .query((rs, n) -> {
                    String[] values = new String[dimensions.size()];
                    for (int d = 0; d < dimensions.size(); d++) {
                        values[d] = rs.getString("d" + d);
                    }
                    return new Group(values, rs.getLong("n"));
                }).list().stream().filter(g -> g.count() > 0).toList();
    }
}
