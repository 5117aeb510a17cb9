package org.tipis.indicators.approval.persistence;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tipis.indicators.approval.Snapshot;
import org.tipis.indicators.indicator.Sdg1622;
import org.tipis.indicators.report.ReportTable;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class SnapshotStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public SnapshotStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Snapshot s) {
        jdbc.sql("""
                        insert into snapshot (id, country, year, version, approved_by, approved_at, reason, content, diff,
                                              tables)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.id(), s.country(), s.year(), s.version(), s.approvedBy(), Timestamp.from(s.approvedAt()),
                        s.reason(), JSON.writeValueAsString(s.figures()), JSON.writeValueAsString(s.changes()),
                        JSON.writeValueAsString(s.tables()))
                .update();
    }

    public Optional<Snapshot> latest(String country, int year) {
        return jdbc.sql("select * from snapshot where country = ? and year = ? order by version desc limit 1")
                .params(country, year).query(this::row).optional();
    }

    public Optional<Snapshot> byId(UUID id) {
        return jdbc.sql("select * from snapshot where id = ?").param(id).query(this::row).optional();
    }

    public List<Snapshot> of(String country, Integer year) {
        return jdbc.sql("""
                        select * from snapshot where (cast(:country as varchar) is null or country = :country)
                          and (cast(:year as integer) is null or year = :year)
                        order by country, year, version""")
                .param("country", country).param("year", year).query(this::row).list();
    }

    private Snapshot row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Snapshot(rs.getObject("id", UUID.class), rs.getString("country"), rs.getInt("year"),
                rs.getInt("version"), rs.getString("approved_by"), rs.getTimestamp("approved_at").toInstant(),
                rs.getString("reason"), JSON.readValue(rs.getString("content"), Sdg1622.Table.class),
                rs.getString("diff") == null ? List.of()
                        : JSON.readValue(rs.getString("diff"), new TypeReference<List<Snapshot.Change>>() { }),
                rs.getString("tables") == null ? Map.of()
                        : JSON.readValue(rs.getString("tables"), new TypeReference<Map<String, ReportTable>>() { }));
    }
}
