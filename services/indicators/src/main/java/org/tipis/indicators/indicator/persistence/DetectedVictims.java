package org.tipis.indicators.indicator.persistence;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.tipis.indicators.indicator.DetectedVictim;
import org.tipis.indicators.indicator.Sdg1622Rules;
import org.tipis.indicators.statistics.persistence.AggregationSettings;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persons of a country-year, one per victim key (the earliest identification wins), grouped by the attributes
 * the indicator reads: the aggregation runs in PostgreSQL, the counting rules in {@code Sdg1622Rules}. Records of a
 * key no other record carries are persons as they are; only the others ({@code shared_key}) are de-duplicated.
 */
@Repository
public class DetectedVictims {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Integer>> CODING = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final AggregationSettings settings;

    public DetectedVictims(JdbcClient jdbc, AggregationSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }


    @Transactional(readOnly = true)
    public List<DetectedVictim> of(String country, int year) {
        settings.apply();
        return jdbc.sql("""
                        select sex, age_at_identification, minor, exploitation_primary, coding, count(*) as persons
                        from (select sex, age_at_identification, minor, exploitation_primary, coding
                              from stat_victim
                              where country = :country and status in (:statuses) and not shared_key
                                and identification_date >= :from and identification_date < :to
                              union all
                              (select distinct on (victim_key) sex, age_at_identification, minor,
                                      exploitation_primary, coding
                               from stat_victim
                               where country = :country and status in (:statuses) and shared_key
                                 and identification_date >= :from and identification_date < :to
                               order by victim_key, identification_date, victim_id)) person
                        group by sex, age_at_identification, minor, exploitation_primary, coding""")
                .param("country", country).param("statuses", Sdg1622Rules.DETECTED_STATUSES)
                .param("from", Date.valueOf(LocalDate.of(year, 1, 1)))
                .param("to", Date.valueOf(LocalDate.of(year + 1, 1, 1)))
                .query((rs, n) -> new DetectedVictim(rs.getString("sex"),
                        (Integer) rs.getObject("age_at_identification"), (Boolean) rs.getObject("minor"),
                        rs.getString("exploitation_primary"),
                        rs.getString("coding") == null ? Map.of() : JSON.readValue(rs.getString("coding"), CODING),
                        rs.getLong("persons")))
                .list();
    }

    /**
     * Presumed victims of the year who are not also detected: reported beside the indicator, never in it. A record
     * whose key no other record carries is such a person by itself; only shared keys are looked up.
     */
    @Transactional(readOnly = true)
    public long presumedOnly(String country, int year) {
        settings.apply();
        return jdbc.sql("""
                        select (select count(*) from stat_victim
                                where country = :country and status = 'PRESUMED' and not shared_key
                                  and identification_date >= :from and identification_date < :to)
                             + (select count(distinct victim_key) from stat_victim p
                                where p.country = :country and p.status = 'PRESUMED' and p.shared_key
                                  and p.identification_date >= :from and p.identification_date < :to
                                  and not exists (select 1 from stat_victim d where d.victim_key = p.victim_key
                                                  and d.country = p.country and d.status in (:statuses)))""")
                .param("country", country).param("statuses", Sdg1622Rules.DETECTED_STATUSES)
                .param("from", Date.valueOf(LocalDate.of(year, 1, 1)))
                .param("to", Date.valueOf(LocalDate.of(year + 1, 1, 1)))
                .query(Long.class).single();
    }
}
