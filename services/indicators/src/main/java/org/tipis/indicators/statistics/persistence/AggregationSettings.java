package org.tipis.indicators.statistics.persistence;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Settings for the current transaction of a statistics query over the store: enough {@code work_mem} for its sorts
 * and hash tables to stay in memory (PostgreSQL's default of 4 MB spills a million records to temporary files), and
 * a plan made for the statement's own parameters (a prepared statement's generic plan would scan the whole store for
 * a small country when a large one dominates it). Call inside a transaction: the settings end with it.
 */
@Component
public class AggregationSettings {

    private final JdbcClient jdbc;
    private final String workMem;

    AggregationSettings(JdbcClient jdbc, @Value("${tipis.statistics.work-mem:64MB}") String workMem) {
        this.jdbc = jdbc;
        this.workMem = workMem;
    }

    public void apply() {
        jdbc.sql("select set_config('work_mem', :mem, true), set_config('plan_cache_mode', 'force_custom_plan', true)")
                .param("mem", workMem).query((rs, n) -> rs.getString(1)).single();
    }
}
