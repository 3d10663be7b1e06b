package org.labrador.chatserver.conversations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.labrador.chatserver.ask.Answer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Conversations and their exchanges in the database; every method is scoped to one user. */
@Repository
public class ConversationStore {

    private static final int TITLE_CHARS = 120;

    /** A conversation as listed. */
    public record ConversationSummary(long id, String title, Instant createdAt, Instant updatedAt) {
    }

    /**
     * One question and its answer, with the citations as JSON.
     *
     * @param grounded false when the answer cited none of the sources it was given (unverified)
     */
    public record StoredExchange(long id, String question, String answer, String citationsJson, boolean covered,
                                 Instant askedAt, Integer rating, String feedback, boolean grounded) {
    }

    public record ConversationDetail(ConversationSummary conversation, List<StoredExchange> exchanges) {
    }

    /** Where an answer was recorded. */
    public record Recorded(long conversationId, long exchangeId) {
    }

    /**
     * A question as curators see it: no user name unless configured.
     *
     * @param grounded false when the answer cited none of the sources it was given (unverified)
     */
    public record AskedQuestion(long exchangeId, Instant askedAt, String question, boolean covered, Double bestSimilarity,
                                String sources, Integer rating, String feedback, String username, boolean grounded) {
    }

    private final JdbcClient db;
    private final JsonMapper json;

    public ConversationStore(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Records an answer in the user's conversation, or in a new one when {@code conversationId} is null or not theirs. */
    @Transactional
    public Recorded record(long userId, Long conversationId, String question, Answer answer) {
        long conversation = conversationId != null && owns(userId, conversationId) ? conversationId : create(userId, question);
        Set<String> cited = new java.util.TreeSet<>();
        KeyHolder keys = new GeneratedKeyHolder();
        answer.citations().forEach(c -> cited.add(c.source()));
        db.sql("""
                insert into exchanges (conversation_id, question, answer, citations, sources, covered, best_similarity, grounded)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(conversation, question, answer.answer(), json.writeValueAsString(answer.citations()),
                        String.join(",", cited), answer.covered(), answer.bestSimilarity(), answer.grounded())
                .update(keys, "id");
        long exchange = generatedId(keys);
        db.sql("update conversations set updated_at = current_timestamp where id = ?").param(conversation).update();
        return new Recorded(conversation, exchange);
    }

    private long create(long userId, String question) {
        KeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into conversations (user_id, title) values (?, ?)").params(userId, title(question))
                .update(keys, "id");
        return generatedId(keys);
    }

    /** A title on one line, short enough for a list. */
    private static String title(String text) {
        String title = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return title.length() > TITLE_CHARS ? title.substring(0, TITLE_CHARS - 1) + "…" : title;
    }

    /**
     * The id the database gave the row just inserted. Reading it back with {@code max(id)} would race:
     * another request's insert in between hands out its row instead.
     */
    private static long generatedId(KeyHolder keys) {
        Number id = keys.getKey();
        if (id == null) {
            throw new IllegalStateException("the database returned no generated id");
        }
        return id.longValue();
    }

    private boolean owns(long userId, long conversationId) {
        return db.sql("select count(*) from conversations where id = ? and user_id = ?").params(conversationId, userId)
                .query(Long.class).single() > 0;
    }

    public List<ConversationSummary> list(long userId) {
        return db.sql("select * from conversations where user_id = ? order by updated_at desc, id desc").param(userId)
                .query((rs, n) -> summary(rs)).list();
    }

    public Optional<ConversationDetail> get(long userId, long conversationId) {
        Optional<ConversationSummary> summary = db.sql("select * from conversations where id = ? and user_id = ?")
                .params(conversationId, userId).query((rs, n) -> summary(rs)).optional();
        return summary.map(s -> new ConversationDetail(s, db.sql("select * from exchanges where conversation_id = ? order by id")
                .param(conversationId).query((rs, n) -> new StoredExchange(rs.getLong("id"), rs.getString("question"),
                        rs.getString("answer"), rs.getString("citations"), rs.getBoolean("covered"),
                        time(rs.getObject("asked_at", OffsetDateTime.class)), (Integer) rs.getObject("rating", Integer.class),
                        rs.getString("feedback"), rs.getBoolean("grounded"))).list()));
    }

    /**
     * The user's conversations whose title or one of whose questions contains {@code text}, ignoring case,
     * newest first; all of them for a blank text.
     */
    public List<ConversationSummary> search(long userId, String text) {
        if (text == null || text.isBlank()) {
            return list(userId);
        }
        // The text is matched literally: % and _ typed by the user are not wildcards.
        String pattern = "%" + text.strip().toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.sql("""
                select * from conversations c where c.user_id = ?
                and (lower(c.title) like ? escape '\\' or exists (select 1 from exchanges e
                     where e.conversation_id = c.id and lower(e.question) like ? escape '\\'))
                order by c.updated_at desc, c.id desc""")
                .params(userId, pattern, pattern).query((rs, n) -> summary(rs)).list();
    }

    /**
     * Gives one of the user's conversations a new title (one line, cut to a list's length).
     *
     * @return false when the user has no such conversation
     * @throws IllegalArgumentException for a blank title
     */
    public boolean rename(long userId, long conversationId, String newTitle) {
        String title = title(newTitle);
        if (title.isEmpty()) {
            throw new IllegalArgumentException("title is empty");
        }
        return db.sql("update conversations set title = ? where id = ? and user_id = ?")
                .params(title, conversationId, userId).update() == 1;
    }

    public boolean delete(long userId, long conversationId) {
        return db.sql("delete from conversations where id = ? and user_id = ?").params(conversationId, userId).update() == 1;
    }

    /** Thumbs up (1) or down (-1) on one of the user's answers, with an optional comment. */
    public void rate(long userId, long exchangeId, int rating, String comment) {
        if (rating != 1 && rating != -1) {
            throw new IllegalArgumentException("rating is 1 (thumbs up) or -1 (thumbs down)");
        }
        int updated = db.sql("""
                update exchanges set rating = ?, feedback = ?
                where id = ? and conversation_id in (select id from conversations where user_id = ?)""")
                .params(rating, comment == null || comment.isBlank() ? null : comment.strip(), exchangeId, userId).update();
        if (updated == 0) {
            throw new NoSuchElementException("you have no answer " + exchangeId);
        }
    }

    /**
     * Questions asked, newest first, for curators.
     *
     * @param source      only questions whose answer cited this source (null: all)
     * @param uncovered   only questions the sources did not cover
     * @param withNames   whether to show who asked
     * @param visible     which questions the curator may see, given the sources the answer cited and
     *                    the groups of who asked (see {@code CuratorAccess#questions})
     */
    public List<AskedQuestion> questions(String source, boolean uncovered, boolean withNames, int limit,
                                         BiPredicate<Set<String>, Set<String>> visible) {
        String sql = """
                select e.*, u.username, c.user_id from exchanges e
                join conversations c on c.id = e.conversation_id join users u on u.id = c.user_id
                where (? = '' or ',' || e.sources || ',' like ?) and (? = false or e.covered = false)
                order by e.asked_at desc, e.id desc""";
        String name = source == null ? "" : source;
        Map<Long, Set<String>> groups = new HashMap<>();
        db.sql("select user_id, group_name from user_groups").query((rs, n) -> groups
                .computeIfAbsent(rs.getLong("user_id"), id -> new HashSet<>()).add(rs.getString("group_name"))).list();
        return db.sql(sql).params(name, "%," + name + ",%", uncovered)
                .query((rs, n) -> {
                    Set<String> cited = Arrays.stream(rs.getString("sources").split(","))
                            .filter(c -> !c.isBlank()).collect(Collectors.toSet());
                    if (!visible.test(cited, groups.getOrDefault(rs.getLong("user_id"), Set.of()))) {
                        return null;
                    }
                    return new AskedQuestion(rs.getLong("id"), time(rs.getObject("asked_at", OffsetDateTime.class)),
                        rs.getString("question"), rs.getBoolean("covered"), (Double) rs.getObject("best_similarity", Double.class),
                        rs.getString("sources"), (Integer) rs.getObject("rating", Integer.class), rs.getString("feedback"),
                        withNames ? rs.getString("username") : null, rs.getBoolean("grounded"));
                })
                .list().stream().filter(Objects::nonNull).limit(Math.max(1, limit)).toList();
    }

    /** Every question, for the server's own use and tests (curators go through the other method). */
    public List<AskedQuestion> questions(String source, boolean uncovered, boolean withNames, int limit) {
        return questions(source, uncovered, withNames, limit, (cited, askerGroups) -> true);
    }

    private static ConversationSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ConversationSummary(rs.getLong("id"), rs.getString("title"),
                time(rs.getObject("created_at", OffsetDateTime.class)), time(rs.getObject("updated_at", OffsetDateTime.class)));
    }

    private static Instant time(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
