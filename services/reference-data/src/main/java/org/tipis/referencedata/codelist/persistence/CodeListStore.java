package org.tipis.referencedata.codelist.persistence;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tipis.referencedata.codelist.CodeListVersion;
import org.tipis.referencedata.codelist.CodeListVersion.Code;
import org.tipis.referencedata.codelist.Labels;

/** Hand-written SQL for code lists: versions are written once, whole, and read often. */
@Repository
public class CodeListStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public CodeListStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A list with its newest version, for the catalogue. */
    public record Summary(String id, String country, int latestVersion, Labels names, int codeCount,
                          java.time.Instant publishedAt) {
    }

    /** One version of a list, without its codes. */
    public record VersionSummary(int version, String changeSummary, String changeReason, java.time.Instant publishedAt,
                                 String publishedBy, String contentHash, int codeCount) {
    }

    public boolean listExists(String listId) {
        return jdbc.sql("select count(*) from code_list where id = ?").param(listId).query(Integer.class).single() > 0;
    }

    public void createList(String listId, String country) {
        jdbc.sql("insert into code_list (id, country) values (?, ?)").params(listId, country).update();
    }

    public Optional<Integer> latestVersion(String listId) {
        List<Integer> versions = jdbc.sql("select version from code_list_version where code_list_id = ? "
                + "order by version desc limit 1").param(listId).query(Integer.class).list();
        return versions.stream().findFirst();
    }

    public List<Summary> summaries() {
        return jdbc.sql("""
                        select l.id, l.country, v.version, v.name_en, v.name_es, v.name_fr, v.name_pt, v.published_at,
                               (select count(*) from code c where c.version_id = v.id) as code_count
                        from code_list l
                        join code_list_version v on v.code_list_id = l.id
                        where v.version = (select max(version) from code_list_version w where w.code_list_id = l.id)
                        order by l.id""")
                .query((rs, n) -> new Summary(rs.getString("id"), rs.getString("country"), rs.getInt("version"),
                        names(rs), rs.getInt("code_count"), rs.getTimestamp("published_at").toInstant()))
                .list();
    }

    public List<VersionSummary> versions(String listId) {
        return jdbc.sql("""
                        select v.version, v.change_summary, v.change_reason, v.published_at, v.published_by,
                               v.content_hash, (select count(*) from code c where c.version_id = v.id) as code_count
                        from code_list_version v where v.code_list_id = ? order by v.version""")
                .param(listId)
                .query((rs, n) -> new VersionSummary(rs.getInt("version"), rs.getString("change_summary"),
                        rs.getString("change_reason"), rs.getTimestamp("published_at").toInstant(),
                        rs.getString("published_by"), rs.getString("content_hash"), rs.getInt("code_count")))
                .list();
    }

    public Optional<CodeListVersion> load(String listId, int version) {
        Optional<VersionRow> row = jdbc.sql("""
                        select v.id, v.version, v.name_en, v.name_es, v.name_fr, v.name_pt, v.description,
                               v.change_summary, v.change_reason, v.content_hash, v.published_at, v.published_by,
                               l.country
                        from code_list_version v join code_list l on l.id = v.code_list_id
                        where v.code_list_id = ? and v.version = ?""")
                .params(listId, version)
                .query((rs, n) -> new VersionRow(rs.getObject("id", UUID.class), names(rs),
                        rs.getString("description"), rs.getString("country"), rs.getString("change_summary"),
                        rs.getString("change_reason"), rs.getString("content_hash"),
                        rs.getTimestamp("published_at").toInstant(), rs.getString("published_by")))
                .optional();
        return row.map(r -> new CodeListVersion(r.id(), listId, version, r.names(), r.description(), r.country(),
                r.changeSummary(), r.changeReason(), r.contentHash(), r.publishedAt(), r.publishedBy(),
                codes(r.id())));
    }

    private List<Code> codes(UUID versionId) {
        Map<String, Map<String, List<String>>> mappings = new LinkedHashMap<>();
        jdbc.sql("select code, scheme, target from code_mapping where version_id = ? order by code, scheme, target")
                .param(versionId)
                .query(rs -> {
                    mappings.computeIfAbsent(rs.getString("code"), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString("scheme"), k -> new ArrayList<>())
                            .add(rs.getString("target"));
                });
        return jdbc.sql("""
                        select code, parent_code, label_en, label_es, label_fr, label_pt, description, flags,
                               valid_from, valid_to
                        from code where version_id = ? order by position""")
                .param(versionId)
                .query((rs, n) -> new Code(rs.getString("code"), rs.getString("parent_code"),
                        new Labels(rs.getString("label_en"), rs.getString("label_es"), rs.getString("label_fr"),
                                rs.getString("label_pt")),
                        rs.getString("description"), strings(rs.getArray("flags")),
                        date(rs.getDate("valid_from")), date(rs.getDate("valid_to")),
                        mappings.getOrDefault(rs.getString("code"), Map.of())))
                .list();
    }

    public void insert(CodeListVersion version) {
        jdbc.sql("""
                        insert into code_list_version (id, code_list_id, version, name_en, name_es, name_fr, name_pt,
                            description, change_summary, change_reason, content_hash, published_at, published_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(version.id(), version.listId(), version.version(), version.names().en(),
                        version.names().es(), version.names().fr(), version.names().pt(), version.description(),
                        version.changeSummary(), version.changeReason(), version.contentHash(),
                        Timestamp.from(version.publishedAt()), version.publishedBy())
                .update();
        List<Code> codes = version.codes();
        Map<String, Integer> positions = new java.util.HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            positions.put(codes.get(i).code(), i);
        }
        template.batchUpdate("""
                        insert into code (version_id, position, code, parent_code, label_en, label_es, label_fr,
                            label_pt, description, flags, valid_from, valid_to)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", codes, 500,
                (ps, code) -> {
                    ps.setObject(1, version.id());
                    ps.setInt(2, positions.get(code.code()));
                    ps.setString(3, code.code());
                    ps.setString(4, code.parent());
                    ps.setString(5, code.labels().en());
                    ps.setString(6, code.labels().es());
                    ps.setString(7, code.labels().fr());
                    ps.setString(8, code.labels().pt());
                    ps.setString(9, code.description());
                    ps.setArray(10, ps.getConnection().createArrayOf("varchar", code.flags().toArray()));
                    ps.setObject(11, code.validFrom());
                    ps.setObject(12, code.validTo());
                });
        List<Object[]> mappingRows = new ArrayList<>();
        for (Code code : codes) {
            code.mappings().forEach((scheme, targets) -> targets.forEach(target ->
                    mappingRows.add(new Object[] {version.id(), code.code(), scheme, target})));
        }
        template.batchUpdate("insert into code_mapping (version_id, code, scheme, target) values (?, ?, ?, ?)",
                mappingRows);
    }

    private record VersionRow(UUID id, Labels names, String description, String country, String changeSummary,
                              String changeReason, String contentHash, java.time.Instant publishedAt,
                              String publishedBy) {
    }

    private static Labels names(ResultSet rs) throws SQLException {
        return new Labels(rs.getString("name_en"), rs.getString("name_es"), rs.getString("name_fr"),
                rs.getString("name_pt"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static java.time.LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
