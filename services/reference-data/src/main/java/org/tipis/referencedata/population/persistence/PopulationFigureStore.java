package org.tipis.referencedata.population.persistence;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tipis.referencedata.population.PopulationFigure;

/** Figures are written once per dataset, in batches, and read by filters. */
@Repository
public class PopulationFigureStore {

    private final JdbcTemplate template;
    private final JdbcClient jdbc;

    public PopulationFigureStore(JdbcTemplate template, JdbcClient jdbc) {
        this.template = template;
        this.jdbc = jdbc;
    }

    public void insert(UUID datasetId, List<PopulationFigure> figures) {
        template.batchUpdate("insert into population_figure (dataset_id, year, sex, age_group, population) "
                + "values (?, ?, ?, ?, ?)", figures, 1000, (ps, f) -> {
                    ps.setObject(1, datasetId);
                    ps.setInt(2, f.year());
                    ps.setString(3, f.sex());
                    ps.setString(4, f.ageGroup());
                    ps.setLong(5, f.population());
                });
    }

    public List<PopulationFigure> find(UUID datasetId, String country, Integer year, String sex, String ageGroup) {
        return jdbc.sql("""
                        select year, sex, age_group, population from population_figure
                        where dataset_id = :dataset
                          and (cast(:year as integer) is null or year = :year)
                          and (cast(:sex as varchar) is null or sex = :sex)
                          and (cast(:age as varchar) is null or age_group = :age)
                        order by year, sex, age_group""")
                .param("dataset", datasetId).param("year", year).param("sex", sex).param("age", ageGroup)
                .query((rs, n) -> new PopulationFigure(country, rs.getInt("year"), rs.getString("sex"),
                        rs.getString("age_group"), rs.getLong("population")))
                .list();
    }

    public int count(UUID datasetId) {
        return jdbc.sql("select count(*) from population_figure where dataset_id = ?").param(datasetId)
                .query(Integer.class).single();
    }
}
