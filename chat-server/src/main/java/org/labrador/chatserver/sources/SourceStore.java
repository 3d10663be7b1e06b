package org.labrador.chatserver.sources;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.labrador.chatserver.system.LabradorProperties.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The source definitions and curators' per-document flags, in the database. A definition's common
 * settings are columns; its kind's own settings are one JSON object ({@code settings}), so that a
 * new kind needs no new column.
 */
@Repository
public class SourceStore {

    private static final Logger log = LoggerFactory.getLogger(SourceStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where a definition came from: a configuration file (re-imported on start) or the UI/API. */
    public enum Origin { CONFIG, UI }

    /** A curator's mark on one document. */
    public enum Flag {
        /** Kept out of the index, across syncs. */
        EXCLUDED,
        /** Ranked first among the passages relevant to a question. */
        PINNED
    }

    private final JdbcClient db;

    public SourceStore(JdbcClient db) {
        this.db = db;
    }

    public List<Source> all() {
        return db.sql("select * from sources order by name").query((rs, n) -> new Source(
                rs.getString("name"), rs.getString("kind"), settings(rs.getString("name"), rs.getString("settings")),
                rs.getString("link"),
                Arrays.stream(rs.getString("groups_csv").split(",")).filter(g -> !g.isBlank()).toList(),
                rs.getString("schedule"), lines(rs.getString("suggested_questions")))).list();
    }

    /** A row's kind settings; a damaged JSON text reads as none, so that the source is refused with a reason, not the list. */
    private static Map<String, Object> settings(String name, String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            log.error("The settings of source {} in the database are not a JSON object: {}", name, e.getOriginalMessage());
            return Map.of();
        }
    }

    public Map<String, Origin> origins() {
        return db.sql("select name, origin from sources").query((rs, n) -> Map.entry(rs.getString(1), Origin.valueOf(rs.getString(2))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public Optional<Source> byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Inserts or replaces a definition. */
    public void save(Source source, Origin origin) {
        boolean exists = db.sql("select count(*) from sources where name = ?").param(source.name()).query(Long.class).single() > 0;
        String sql = exists
                ? "update sources set kind = ?, settings = ?, link = ?, groups_csv = ?, schedule = ?, suggested_questions = ?, "
                        + "origin = ? where name = ?"
                : "insert into sources (kind, settings, link, groups_csv, schedule, suggested_questions, origin, name) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)";
        db.sql(sql).params(source.kind(), JSON.writeValueAsString(source.settings()), source.link(),
                String.join(",", source.groups()), source.schedule(), String.join("\n", source.suggestedQuestions()),
                origin.name(), source.name()).update();
    }

    public void delete(String name) {
        db.sql("delete from sources where name = ?").param(name).update();
    }

    public Map<String, Flag> flags(String source) {
        return db.sql("select path, flag from document_flags where source_name = ?").param(source)
                .query((rs, n) -> Map.entry(rs.getString(1), Flag.valueOf(rs.getString(2)))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The pinned documents of every source, as {@code source + '/' + path}. */
    public java.util.Set<String> pinned() {
        return java.util.Set.copyOf(db.sql("select source_name, path from document_flags where flag = 'PINNED'")
                .query((rs, n) -> rs.getString(1) + '/' + rs.getString(2)).list());
    }

    /** Sets a document's flag; null clears it. */
    public void flag(String source, String path, Flag flag) {
        db.sql("delete from document_flags where source_name = ? and path = ?").params(source, path).update();
        if (flag != null) {
            db.sql("insert into document_flags (source_name, path, flag) values (?, ?, ?)")
                    .params(source, path, flag.name()).update();
        }
    }


    private static List<String> lines(String text) {
        return text == null || text.isBlank() ? List.of() : text.lines().filter(l -> !l.isBlank()).toList();
    }
}
