#include "sql_store.hpp"

#include <chrono>

#include "analytics/answer_ids.hpp"
#include "schema.hpp"

namespace analytics::detail {

namespace {

std::int64_t wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

std::uint64_t count(const std::optional<std::string>& value) {
    return static_cast<std::uint64_t>(as_integer(value));
}

}  // namespace

std::int64_t as_integer(const std::optional<std::string>& value) {
    if (!value || value->empty()) return 0;  // SUM over no rows
    try {
        return std::stoll(*value);
    } catch (const std::exception&) {
        throw StoreError("the database returned something unexpected", "not an integer: " + *value);
    }
}

template <class Begin, class Work>
auto SqlStore::transaction(Begin begin, Work work) {
    begin();
    try {
        auto result = work();
        db_->execute("COMMIT");
        return result;
    } catch (...) {
        try {
            db_->execute("ROLLBACK");
        } catch (const StoreError&) {
            // The connection is gone: the server rolls back, and the next call reconnects.
        }
        throw;
    }
}

int SqlStore::version() { return static_cast<int>(as_integer(db_->query(sql::current_version).at(0).at(0))); }

std::string SqlStore::migrate() {
    return transaction(
        [this] { db_->begin_migration(); },
        [this] {
            db_->execute(sql::create_version_table);
            const auto at = static_cast<int>(as_integer(db_->query(sql::current_version).at(0).at(0)));
            if (at > schema_version()) {
                throw StoreError("the database is newer than this program",
                                 "the database's schema is at version " + std::to_string(at) +
                                     ", this program knows " + std::to_string(schema_version()) +
                                     ": run a newer career-advisor");
            }
            for (int v = at; v < schema_version(); ++v) {
                for (const std::string& statement : migrations()[static_cast<std::size_t>(v)])
                    db_->execute(statement);
                db_->execute(sql::record_version, {std::int64_t{v + 1}, wall_clock_ms()});
            }
            const std::string fresh_key = new_answer_id_key();
            db_->execute(sql::insert_setting,
                         {std::string_view("answer_id_key"), std::string_view(fresh_key)});
            const auto rows = db_->query(sql::select_setting, {std::string_view("answer_id_key")});
            return rows.at(0).at(0).value_or(fresh_key);
        });
}

void SqlStore::write(std::span<const AnswerEvent> answers, std::span<const FeedbackEvent> votes) {
    transaction([this] { db_->begin(); },
                [&] {
                    for (const AnswerEvent& a : answers) {
                        const std::string intents = joined(a.intents);
                        const std::string id = storable_text(a.answer_id),
                                          question = storable_text(a.question);
                        db_->execute(sql::insert_answer,
                                     {std::string_view(id), a.at_ms, std::string_view(intents),
                                      std::int64_t{a.fallback}, std::int64_t{a.not_covered},
                                      std::int64_t{a.latency_us}, std::string_view(to_string(a.channel)),
                                      question.empty() ? Param(nullptr) : Param(std::string_view(question))});
                    }
                    for (const FeedbackEvent& v : votes) {
                        const std::string id = storable_text(v.answer_id), comment = storable_text(v.comment);
                        db_->execute(sql::upsert_vote,
                                     {std::string_view(id), v.at_ms, std::int64_t{v.helpful},
                                      comment.empty() ? Param(nullptr) : Param(std::string_view(comment))});
                    }
                    return 0;
                });
}

std::uint64_t SqlStore::delete_before(std::int64_t cutoff_ms) {
    return transaction([this] { db_->begin(); },
                       [&] {
                           std::uint64_t deleted =
                               db_->execute(sql::delete_votes_of_old_answers, {cutoff_ms});
                           deleted += db_->execute(sql::delete_old_answers, {cutoff_ms});
                           deleted += db_->execute(sql::delete_old_votes, {cutoff_ms});
                           return deleted;
                       });
}

StoreUsage SqlStore::usage() {
    const Row r = db_->query(sql::usage(db_->kind())).at(0);
    const std::uint64_t rows = count(r.at(0));
    return {rows, count(r.at(1)) + rows * row_overhead_bytes};
}

std::optional<std::int64_t> SqlStore::answer_time_at(std::uint64_t n) {
    const auto rows = db_->query(sql::answer_time_at, {static_cast<std::int64_t>(n)});
    if (rows.empty()) return std::nullopt;
    return as_integer(rows.at(0).at(0));
}

ReportRows SqlStore::read(std::int64_t since_ms, std::size_t max_rows) {
    ReportRows out;
    const auto limit = static_cast<std::int64_t>(max_rows);
    for (const Row& r : db_->query(sql::report_days, {since_ms})) {
        out.days.push_back({as_integer(r.at(0)), count(r.at(1)), count(r.at(2)), count(r.at(3)),
                            count(r.at(4)), count(r.at(5))});
    }
    for (const Row& r : db_->query(sql::report_channels, {since_ms})) {
        out.channels.push_back({r.at(0).value_or(""), count(r.at(1)), count(r.at(2)), count(r.at(3)),
                                count(r.at(4)), count(r.at(5))});
    }
    for (const Row& r : db_->query(sql::report_intents, {since_ms})) {
        out.intents.push_back({r.at(0).value_or(""), count(r.at(1)), count(r.at(2)), count(r.at(3))});
    }
    for (const Row& r : db_->query(sql::report_unanswered, {since_ms, limit})) {
        out.unanswered.push_back({r.at(0).value_or(""), as_integer(r.at(1)), as_integer(r.at(2)) != 0,
                                  as_integer(r.at(3)) != 0, r.at(4).value_or("")});
    }
    for (const Row& r : db_->query(sql::report_not_helpful, {since_ms, limit})) {
        out.not_helpful.push_back({r.at(0).value_or(""), as_integer(r.at(1)), as_integer(r.at(2)),
                                   r.at(3).value_or(""), r.at(4).value_or(""), r.at(5).value_or("")});
    }
    return out;
}

void SqlStore::save_context(const std::string& sender, const std::string& context, std::int64_t at_ms,
                            std::int64_t forget_before_ms) {
    transaction(
        [this] { db_->begin(); },
        [&] {
            db_->execute(sql::upsert_context, {std::string_view(sender), std::string_view(context), at_ms});
            // Expired contexts go as new ones come: an indexed range, so cheap, and no job of its own to run.
            db_->execute(sql::delete_old_contexts, {forget_before_ms});
            return 0;
        });
}

std::optional<std::string> SqlStore::load_context(const std::string& sender, std::int64_t since_ms) {
    const auto rows = db_->query(sql::select_context, {std::string_view(sender), since_ms});
    if (rows.empty()) return std::nullopt;
    return rows.at(0).at(0);
}

Store::DeliveryClaim SqlStore::claim_delivery(const std::string& id, std::int64_t at_ms,
                                              std::int64_t forget_before_ms,
                                              std::int64_t abandoned_before_ms) {
    return transaction(
        [this] { db_->begin(); },
        [&] {
            db_->execute(sql::delete_old_deliveries, {forget_before_ms});
            // A claim racing on another replica waits here for that one's commit, then finds
            // its row.
            if (db_->execute(sql::insert_delivery, {std::string_view(id), at_ms, abandoned_before_ms}) == 1)
                return DeliveryClaim{true, {}};
            const auto rows = db_->query(sql::select_delivery_reply, {std::string_view(id)});
            return DeliveryClaim{false, rows.empty() ? std::nullopt : rows.at(0).at(0)};
        });
}

void SqlStore::answer_delivery(const std::string& id, const std::string& reply) {
    db_->execute(sql::update_delivery_reply, {std::string_view(reply), std::string_view(id)});
}

void SqlStore::release_delivery(const std::string& id) {
    db_->execute(sql::delete_unanswered_delivery, {std::string_view(id)});
}

}  // namespace analytics::detail
