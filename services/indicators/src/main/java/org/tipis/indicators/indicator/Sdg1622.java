package org.tipis.indicators.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.stereotype.Service;
import org.tipis.indicators.indicator.persistence.DetectedVictims;
import org.tipis.indicators.statistics.FeedConsumer;
import org.tipis.platform.caller.Caller;
import org.tipis.platform.problem.FieldError;
import org.tipis.platform.problem.ProblemException;
import org.tipis.platform.problem.ProblemType;

/** SDG 16.2.2 for a country-year, with its provenance. */
@Service
public class Sdg1622 {

    public record Observation(String series, String sex, String age, BigDecimal value, String unitMeasure,
                              String obsStatus, String reason) {
    }

    public record Provenance(long feedPosition, Map<String, List<Integer>> codeLists, Integer populationVersion,
                             String populationSource, String ruleVersion, Instant computedAt) {
    }

    /** How an output was protected: k, the cells suppressed, and whether counts were rounded to base 5. */
    public record Disclosure(int k, int suppressedCells, boolean roundedToFive) {
    }

    /** @param presumedVictims persons only presumed in the year; null when suppressed by disclosure control */
    public record Table(String indicator, String country, int year, List<Observation> observations,
                        Long presumedVictims, Provenance provenance, Disclosure disclosure) {

        public Table withObservations(List<Observation> changed, Long presumed, Disclosure applied) {
            return new Table(indicator, country, year, changed, presumed, provenance, applied);
        }
    }

    private final DetectedVictims victims;
    private final ReferenceData referenceData;
    private final FeedConsumer feed;
    private final DisclosurePolicy disclosure;
    private final Clock clock;

    Sdg1622(DetectedVictims victims, ReferenceData referenceData, FeedConsumer feed, DisclosurePolicy disclosure,
            Clock clock) {
        this.victims = victims;
        this.referenceData = referenceData;
        this.feed = feed;
        this.disclosure = disclosure;
        this.clock = clock;
    }

    /** The figures as the caller may see them: raw for the country's approvers, disclosure-controlled otherwise. */
    public Table compute(Caller caller, String country, int year, boolean roundToFive) {
        authorize(caller, country);
        Table raw = raw(country, year);
        return disclosure.forCaller(caller, raw, roundToFive);
    }

    /** The unprotected figures; callers must apply {@link DisclosurePolicy} before showing them to anyone else. */
    public Table raw(String country, int year) {
        validate(country, year);
        long position = feed.status().appliedPosition();
        List<DetectedVictim> detected = victims.of(country, year);
        SortedMap<String, TreeSet<Integer>> versions = new TreeMap<>();
        long[][][] counts = new long[1 + Sdg1622Rules.FORMS.size()][Sdg1622Rules.SEXES.size()][Sdg1622Rules.AGES.size()];
        for (DetectedVictim victim : detected) {
            String sex = Sdg1622Rules.sex(mapped(victim, "sex", "SDMX_SEX", victim.sex(), versions));
            String age = Sdg1622Rules.age(victim.ageAtIdentification(), victim.minor());
            String series = mapped(victim, "exploitation-form", "SDG_SERIES", victim.form(), versions);
            int form = series == null ? -1 : Sdg1622Rules.FORMS.indexOf(series);
            for (int s = 0; s < Sdg1622Rules.SEXES.size(); s++) {
                if (s > 0 && !Sdg1622Rules.SEXES.get(s).equals(sex)) {
                    continue;
                }
                for (int a = 0; a < Sdg1622Rules.AGES.size(); a++) {
                    if (a > 0 && !Sdg1622Rules.AGES.get(a).equals(age)) {
                        continue;
                    }
                    counts[0][s][a] += victim.persons();
                    if (form >= 0) {
                        counts[1 + form][s][a] += victim.persons();
                    }
                }
            }
        }
        Optional<ReferenceData.Population> population = referenceData.population(country, year);
        List<Observation> observations = new ArrayList<>();
        List<String> series = new ArrayList<>();
        series.add(Sdg1622Rules.TOTAL);
        series.addAll(Sdg1622Rules.FORMS);
        for (int f = 0; f < series.size(); f++) {
            for (int s = 0; s < Sdg1622Rules.SEXES.size(); s++) {
                for (int a = 0; a < Sdg1622Rules.AGES.size(); a++) {
                    observations.add(new Observation(series.get(f), Sdg1622Rules.SEXES.get(s),
                            Sdg1622Rules.AGES.get(a), BigDecimal.valueOf(counts[f][s][a]), "NUMBER", "A", null));
                }
            }
        }
        for (int f = 0; f < series.size(); f++) {
            for (int s = 0; s < Sdg1622Rules.SEXES.size(); s++) {
                for (int a = 0; a < Sdg1622Rules.AGES.size(); a++) {
                    String sex = Sdg1622Rules.SEXES.get(s);
                    String age = Sdg1622Rules.AGES.get(a);
                    Optional<Long> denominator = population.flatMap(p -> p.of(sex, age)).filter(p -> p > 0);
                    String rateSeries = Sdg1622Rules.rate(series.get(f));
                    if (denominator.isPresent()) {
                        observations.add(new Observation(rateSeries, sex, age, BigDecimal.valueOf(
                                Sdg1622Rules.perHundredThousand(counts[f][s][a], denominator.get()))
                                .setScale(6, RoundingMode.HALF_UP), "PER_100000_POP", "A", null));
                    } else {
                        observations.add(new Observation(rateSeries, sex, age, null, "PER_100000_POP", "O",
                                population.isEmpty() ? "No population version is in use for " + country + "."
                                        : "The population version in use has no figure for sex " + sex + " and age "
                                        + age + " in " + year + "; the rate is not computed from another denominator."));
                    }
                }
            }
        }
        long known = counts[0][1][1] + counts[0][1][2] + counts[0][2][1] + counts[0][2][2];
        for (int s = 1; s < Sdg1622Rules.SEXES.size(); s++) {
            for (int a = 1; a < Sdg1622Rules.AGES.size(); a++) {
                observations.add(known == 0
                        ? new Observation(Sdg1622Rules.DISTRIBUTION, Sdg1622Rules.SEXES.get(s), Sdg1622Rules.AGES.get(a),
                        null, "PT", "O", "No detected victim of known sex and age.")
                        : new Observation(Sdg1622Rules.DISTRIBUTION, Sdg1622Rules.SEXES.get(s), Sdg1622Rules.AGES.get(a),
                        BigDecimal.valueOf(counts[0][s][a] * 100.0 / known).setScale(4, RoundingMode.HALF_UP), "PT",
                        "A", null));
            }
        }
        Map<String, List<Integer>> codeLists = new TreeMap<>();
        versions.forEach((list, v) -> codeLists.put(list, List.copyOf(v)));
        return new Table("16.2.2", country, year, observations, victims.presumedOnly(country, year),
                new Provenance(position, codeLists, population.map(ReferenceData.Population::version).orElse(null),
                        population.map(ReferenceData.Population::source).orElse(null), Sdg1622Rules.VERSION,
                        clock.instant()), null);
    }

    private String mapped(DetectedVictim victim, String list, String scheme, String code,
                          SortedMap<String, TreeSet<Integer>> versions) {
        if (code == null) {
            return null;
        }
        Integer version = victim.coding().get(list);
        if (version == null) {
            return null;
        }
        versions.computeIfAbsent(list, k -> new TreeSet<>()).add(version);
        return referenceData.mapping(list, version, scheme).get(code);
    }

    private static void authorize(Caller caller, String country) {
        if (!caller.hasAnyRole("national-analyst", "national-approver")) {
            throw ProblemException.forbidden(caller.hasRole("regional-analyst")
                    ? "Regional analysts see approved figures only." : "Your role does not compute national figures.");
        }
        if (!caller.country().filter(country::equals).isPresent()) {
            throw ProblemException.forbidden("You compute the figures of your own country only.");
        }
    }

    private void validate(String country, int year) {
        List<FieldError> errors = new ArrayList<>();
        if (year < 2000 || year > Year.now(clock).getValue()) {
            errors.add(new FieldError("/query/year", "YearOutOfRange", "A year from 2000 to the current year."));
        }
        if (country == null || !country.matches("[A-Z]{3}") || !referenceData.isCountry(country)) {
            errors.add(new FieldError("/query/country", "CountryUnknown", "An ISO 3166-1 alpha-3 code of the country list."));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown country or year.", errors);
        }
    }
}
