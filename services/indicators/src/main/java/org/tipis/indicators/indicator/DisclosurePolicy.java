package org.tipis.indicators.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.tipis.indicators.disclosure.CellTable;
import org.tipis.indicators.disclosure.DisclosureControl;
import org.tipis.platform.caller.Caller;

/**
 * Disclosure control on every output except to the country's own approvers: counts of 1 to k−1 persons are
 * suppressed (obsStatus Q) with complementary suppression, the rates of suppressed counts too, and the age-sex
 * distribution whenever one of its cells is suppressed. Optional rounding of counts to base 5.
 */
@Component
@EnableConfigurationProperties(DisclosurePolicy.Settings.class)
public class DisclosurePolicy {

    /**
     * @param defaultK  k for countries without their own setting
     * @param publicK   k for outputs meant for the public
     * @param byCountry k per country (ISO 3166-1 alpha-3)
     */
    @ConfigurationProperties("tipis.disclosure")
    public record Settings(Integer defaultK, Integer publicK, Map<String, Integer> byCountry) {

        public Settings {
            defaultK = defaultK == null ? 5 : defaultK;
            publicK = publicK == null ? 11 : publicK;
            byCountry = byCountry == null ? Map.of() : Map.copyOf(byCountry);
        }
    }

    private static final List<List<String>> DIMENSIONS = List.of(
            List.of(Sdg1622Rules.TOTAL, "VC_HTF_DETVSX", "VC_HTF_DETVFL", "VC_HTF_DETVOG", "VC_HTF_DETVOP"),
            Sdg1622Rules.SEXES, Sdg1622Rules.AGES);
    private static final List<List<String>> LINES = CellTable.linesOf(DIMENSIONS);

    private final Settings settings;

    DisclosurePolicy(Settings settings) {
        this.settings = settings;
    }

    /** k for outputs meant for the public, whoever asks. */
    public int publicK() {
        return settings.publicK();
    }

    public int k(String country) {
        return settings.byCountry().getOrDefault(country, settings.defaultK());
    }

    public Sdg1622.Table forCaller(Caller caller, Sdg1622.Table raw, boolean roundToFive) {
        boolean approver = caller.hasRole("national-approver") && caller.country().filter(raw.country()::equals).isPresent();
        if (approver && !roundToFive) {
            return raw;
        }
        return apply(raw, approver ? 0 : k(raw.country()), roundToFive);
    }

    public Sdg1622.Table apply(Sdg1622.Table raw, int k, boolean roundToFive) {
        Map<String, Long> counts = new HashMap<>();
        for (Sdg1622.Observation o : raw.observations()) {
            if ("NUMBER".equals(o.unitMeasure())) {
                counts.put(key(o.series(), o.sex(), o.age()), o.value().longValue());
            }
        }
        Set<String> suppressed = k > 1 ? DisclosureControl.suppress(new CellTable(counts, LINES), k) : Set.of();
        boolean distributionHidden = suppressed.stream().anyMatch(c -> c.startsWith(Sdg1622Rules.TOTAL + "|")
                && !c.contains("|_T"));
        List<Sdg1622.Observation> out = new ArrayList<>();
        for (Sdg1622.Observation o : raw.observations()) {
            String countKey = o.series().endsWith("R") && !Sdg1622Rules.DISTRIBUTION.equals(o.series())
                    ? key(o.series().substring(0, o.series().length() - 1), o.sex(), o.age())
                    : key(o.series(), o.sex(), o.age());
            boolean hidden = Sdg1622Rules.DISTRIBUTION.equals(o.series()) ? distributionHidden : suppressed.contains(countKey);
            if (hidden) {
                out.add(new Sdg1622.Observation(o.series(), o.sex(), o.age(), null, o.unitMeasure(), "Q",
                        "Suppressed by disclosure control (cells below " + k + " persons and their complements)."));
            } else if (roundToFive && o.value() != null && !Sdg1622Rules.DISTRIBUTION.equals(o.series())) {
                long raw5 = counts.getOrDefault(countKey, 0L);
                long rounded = DisclosureControl.roundToFive(raw5);
                BigDecimal value = "NUMBER".equals(o.unitMeasure()) ? BigDecimal.valueOf(rounded)
                        : raw5 == 0 ? o.value() : o.value().multiply(BigDecimal.valueOf(rounded))
                        .divide(BigDecimal.valueOf(raw5), 6, RoundingMode.HALF_UP);
                out.add(new Sdg1622.Observation(o.series(), o.sex(), o.age(), value, o.unitMeasure(), o.obsStatus(),
                        o.reason()));
            } else {
                out.add(o);
            }
        }
        Long presumed = raw.presumedVictims() != null && k > 1 && raw.presumedVictims() > 0
                && raw.presumedVictims() < k ? null : raw.presumedVictims();
        return raw.withObservations(out, presumed, new Sdg1622.Disclosure(k, suppressed.size(), roundToFive));
    }

    private static String key(String series, String sex, String age) {
        return series + "|" + sex + "|" + age;
    }
}
