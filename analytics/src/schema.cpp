#include "schema.hpp"

namespace analytics::detail {

const std::vector<std::vector<std::string>>& migrations() {
    static const std::vector<std::vector<std::string>> all = {
        // 1: answers (question text only when keeps_question() allows), one vote per answer, settings.
        {
            "CREATE TABLE answers ("
            " answer_id TEXT PRIMARY KEY,"
            " at_ms BIGINT NOT NULL,"
            " intents TEXT NOT NULL,"
            " fallback INTEGER NOT NULL,"
            " not_covered INTEGER NOT NULL,"
            " latency_us INTEGER NOT NULL,"
            " channel TEXT NOT NULL,"
            " question TEXT)",
            "CREATE INDEX answers_at ON answers (at_ms)",
            "CREATE TABLE feedback ("
            " answer_id TEXT PRIMARY KEY,"
            " at_ms BIGINT NOT NULL,"
            " helpful INTEGER NOT NULL,"
            " comment TEXT)",
            "CREATE INDEX feedback_at ON feedback (at_ms)",
            "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        },
        // 2: the report reads the questions kept, which are few among the answers.
        {
            "CREATE INDEX answers_kept_questions ON answers (at_ms) WHERE question IS NOT NULL",
        },
        // 3: the messaging channels' follow-up contexts, shared by replicas; `sender` is a hash
        // (docs/channels.md).
        {
            "CREATE TABLE channel_contexts ("
            " sender TEXT PRIMARY KEY,"
            " context TEXT NOT NULL,"
            " updated_at_ms BIGINT NOT NULL)",
            "CREATE INDEX channel_contexts_at ON channel_contexts (updated_at_ms)",
        },
        // 4: the platforms' deliveries being answered or answered (reply NULL until then), so that a retry is
        // answered once whichever replica it reaches.
        {
            "CREATE TABLE channel_deliveries ("
            " id TEXT PRIMARY KEY,"
            " reply TEXT,"
            " at_ms BIGINT NOT NULL)",
            "CREATE INDEX channel_deliveries_at ON channel_deliveries (at_ms)",
        },
    };
    return all;
}

namespace sql {

const std::string create_version_table =
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at_ms BIGINT NOT NULL)";
const std::string current_version = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
const std::string record_version = "INSERT INTO schema_version (version, applied_at_ms) VALUES (?, ?)";

const std::string insert_setting =
    "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING";
const std::string select_setting = "SELECT value FROM settings WHERE name = ?";

const std::string insert_answer =
    "INSERT INTO answers (answer_id, at_ms, intents, fallback, not_covered, latency_us, channel, question)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (answer_id) DO NOTHING";
// The later vote wins, whichever replica writes first.
const std::string upsert_vote =
    "INSERT INTO feedback (answer_id, at_ms, helpful, comment) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (answer_id) DO UPDATE SET at_ms = excluded.at_ms, helpful = excluded.helpful,"
    " comment = excluded.comment WHERE excluded.at_ms >= feedback.at_ms";

const std::string delete_votes_of_old_answers =
    "DELETE FROM feedback WHERE answer_id IN (SELECT answer_id FROM answers WHERE at_ms < ?)";
const std::string delete_old_answers = "DELETE FROM answers WHERE at_ms < ?";
const std::string delete_old_votes = "DELETE FROM feedback WHERE at_ms < ?";

const std::string answer_time_at = "SELECT at_ms FROM answers ORDER BY at_ms LIMIT 1 OFFSET ?";

std::string usage(std::string_view kind) {
    const auto bytes = [&](const char* column) {
        return kind == "postgresql" ? "COALESCE(OCTET_LENGTH(" + std::string(column) + "), 0)"
                                    : "COALESCE(LENGTH(CAST(" + std::string(column) + " AS BLOB)), 0)";
    };
    return "SELECT (SELECT COUNT(*) FROM answers) + (SELECT COUNT(*) FROM feedback),"
           " COALESCE((SELECT SUM(" +
           bytes("answer_id") + " + " + bytes("intents") + " + " + bytes("channel") + " + " +
           bytes("question") + ") FROM answers), 0) + COALESCE((SELECT SUM(" + bytes("answer_id") + " + " +
           bytes("comment") + ") FROM feedback), 0)";
}

const std::string report_days =
    "SELECT a.at_ms / 86400000, COUNT(*), SUM(a.fallback), SUM(a.not_covered),"
    " SUM(CASE WHEN f.helpful = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN f.helpful = 0 THEN 1 ELSE 0 END)"
    " FROM answers a LEFT JOIN feedback f ON f.answer_id = a.answer_id"
    " WHERE a.at_ms >= ? GROUP BY a.at_ms / 86400000 ORDER BY 1";
const std::string report_channels =
    "SELECT a.channel, COUNT(*), SUM(a.fallback), SUM(a.not_covered),"
    " SUM(CASE WHEN f.helpful = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN f.helpful = 0 THEN 1 ELSE 0 END)"
    " FROM answers a LEFT JOIN feedback f ON f.answer_id = a.answer_id"
    " WHERE a.at_ms >= ? GROUP BY a.channel ORDER BY 2 DESC, 1";
const std::string report_intents =
    "SELECT a.intents, COUNT(*),"
    " SUM(CASE WHEN f.helpful = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN f.helpful = 0 THEN 1 ELSE 0 END)"
    " FROM answers a LEFT JOIN feedback f ON f.answer_id = a.answer_id"
    " WHERE a.at_ms >= ? GROUP BY a.intents ORDER BY 2 DESC, 1";
const std::string report_unanswered =
    "SELECT question, at_ms, fallback, not_covered, intents FROM answers"
    " WHERE at_ms >= ? AND question IS NOT NULL AND (fallback = 1 OR not_covered = 1)"
    " ORDER BY at_ms DESC LIMIT ?";
const std::string report_not_helpful =
    "SELECT a.answer_id, a.at_ms, f.at_ms, a.intents, a.question, f.comment"
    " FROM feedback f JOIN answers a ON a.answer_id = f.answer_id"
    " WHERE f.helpful = 0 AND a.at_ms >= ? ORDER BY f.at_ms DESC LIMIT ?";

// A later write wins, whichever replica makes it first.
const std::string upsert_context =
    "INSERT INTO channel_contexts (sender, context, updated_at_ms) VALUES (?, ?, ?)"
    " ON CONFLICT (sender) DO UPDATE SET context = excluded.context, updated_at_ms = excluded.updated_at_ms"
    " WHERE excluded.updated_at_ms >= channel_contexts.updated_at_ms";
const std::string select_context =
    "SELECT context FROM channel_contexts WHERE sender = ? AND updated_at_ms >= ?";
const std::string delete_old_contexts = "DELETE FROM channel_contexts WHERE updated_at_ms < ?";

// Whichever replica inserts a delivery's row first answers it; the others read its reply. A row still without
// a reply after its lease (the third parameter: claimed before it) was claimed by a replica that died or
// failed to say so: the next claim takes it over.
const std::string insert_delivery =
    "INSERT INTO channel_deliveries (id, reply, at_ms) VALUES (?, NULL, ?)"
    " ON CONFLICT (id) DO UPDATE SET at_ms = excluded.at_ms"
    " WHERE channel_deliveries.reply IS NULL AND channel_deliveries.at_ms < ?";
const std::string select_delivery_reply = "SELECT reply FROM channel_deliveries WHERE id = ?";
const std::string update_delivery_reply = "UPDATE channel_deliveries SET reply = ? WHERE id = ?";
const std::string delete_unanswered_delivery =
    "DELETE FROM channel_deliveries WHERE id = ? AND reply IS NULL";
const std::string delete_old_deliveries = "DELETE FROM channel_deliveries WHERE at_ms < ?";

}  // namespace sql

}  // namespace analytics::detail
