#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "analytics/events.hpp"

namespace analytics {

// What a store failed at. `reason` is short and names no host, path or credential, so /readyz may show
// it ("the database is read-only", "cannot connect to PostgreSQL"); what() has the whole story for the log.
class StoreError : public std::runtime_error {
  public:
    // `row_refused`: the database refused what a statement holds (a constraint, a value it cannot store),
    // so the same row fails again while other rows may be written; otherwise the store itself failed.
    StoreError(std::string reason, const std::string& detail, bool row_refused = false)
        : std::runtime_error(detail), reason_(std::move(reason)), row_refused_(row_refused) {}
    const std::string& reason() const { return reason_; }
    bool row_refused() const { return row_refused_; }

  private:
    std::string reason_;
    bool row_refused_ = false;
};

// Rows the report is computed from (report.hpp), read in one go. Days are UTC days since the epoch.
struct DayRow {
    std::int64_t day = 0;
    std::uint64_t answers = 0, fallback = 0, not_covered = 0, helpful = 0, not_helpful = 0;
};
struct ChannelRow {
    std::string channel;  // to_string(Channel) (events.hpp): websocket, http, slack, telegram, sms, whatsapp
    std::uint64_t answers = 0, fallback = 0, not_covered = 0, helpful = 0, not_helpful = 0;
};
struct IntentsRow {
    std::string intents;  // an answer's intents joined by spaces, as stored
    std::uint64_t answers = 0, helpful = 0, not_helpful = 0;
};
struct QuestionRow {
    std::string text;
    std::int64_t at_ms = 0;
    bool fallback = false, not_covered = false;
    std::string intents;
};
struct VoteRow {
    std::string answer_id;
    std::int64_t answered_at_ms = 0, voted_at_ms = 0;
    std::string intents, question, comment;
};
struct ReportRows {
    std::vector<DayRow> days;             // by day, ascending
    std::vector<ChannelRow> channels;     // by answers, descending
    std::vector<IntentsRow> intents;      // by answers, descending
    std::vector<QuestionRow> unanswered;  // fallbacks and "not covered" with their text, newest first
    std::vector<VoteRow> not_helpful;     // "not helpful" votes, newest first
};

// What the answers and votes take, as the store budget counts it (--store-max-mb): the bytes of their text
// plus row_overhead_bytes a row for the numbers beside it. The file or tables, with their indexes, take about
// twice that (measured in store_test.cpp).
struct StoreUsage {
    std::uint64_t rows = 0, bytes = 0;
};
constexpr std::uint64_t row_overhead_bytes = 64;

// A database of answers and feedback. One implementation per engine (SQLite, PostgreSQL) with the same
// schema and migrations (schema.cpp), tested by one suite. An object is used by one thread at a time;
// several objects (threads, processes, replicas) may use one database at once. Every method throws
// StoreError on failure; the object stays usable (a lost connection is made again on the next call).
class Store {
  public:
    virtual ~Store() = default;

    // "sqlite" or "postgresql".
    virtual const char* kind() const = 0;
    // Brings the schema to schema_version() (creating it in an empty database), once however many
    // processes try at once; refuses a database whose schema is newer than this program knows.
    // Returns the deployment's answer-id key, created with the schema.
    virtual std::string migrate() = 0;
    // The schema version the database is at; throws when it has no schema yet (migrate() makes one).
    virtual int version() = 0;
    // Writes the events in one transaction. An answer id already stored is skipped (a batch retried
    // after a failure); a vote replaces the answer's earlier vote unless that one is newer.
    virtual void write(std::span<const AnswerEvent> answers, std::span<const FeedbackEvent> votes) = 0;
    // Deletes answers and votes from before `cutoff_ms`; returns how many rows went.
    virtual std::uint64_t delete_before(std::int64_t cutoff_ms) = 0;
    // What the answers and votes take now (one pass over both tables).
    virtual StoreUsage usage() = 0;
    // The time of the answer with `n` answers before it in time (0: the oldest), or nullopt when there are
    // not that many: delete_before() that time deletes the `n` oldest (fewer when times are equal).
    virtual std::optional<std::int64_t> answer_time_at(std::uint64_t n) = 0;
    // The report's rows for answers since `since_ms`, at most `max_rows` questions and votes each.
    virtual ReportRows read(std::int64_t since_ms, std::size_t max_rows) = 0;

    // The messaging channels' follow-up contexts (docs/channels.md), shared by the replicas on one database.
    // `sender` is already a hash; `context` is opaque text (the context's JSON). Saving keeps the later of
    // two writes and deletes every context last written before `forget_before_ms`.
    virtual void save_context(const std::string& sender, const std::string& context, std::int64_t at_ms,
                              std::int64_t forget_before_ms) = 0;
    // The context last saved for `sender` at or after `since_ms`, or nullopt.
    virtual std::optional<std::string> load_context(const std::string& sender, std::int64_t since_ms) = 0;

    // The platforms' deliveries (channels/replay_guard.hpp), shared by the replicas so that a retry is
    // answered once whichever replica it reaches. claim_delivery() first deletes every delivery claimed
    // before `forget_before_ms`; then the first claim of `id` (on any replica) is `first`, and so is one
    // that finds `id` claimed before `abandoned_before_ms` and never answered (its replica died or lost the
    // database); any other gets the reply answer_delivery() kept, or nullopt while the first is still being
    // answered. release_delivery() forgets a claim that was never answered, so the next delivery of `id` is
    // answered.
    struct DeliveryClaim {
        bool first = false;
        std::optional<std::string> reply;
    };
    virtual DeliveryClaim claim_delivery(const std::string& id, std::int64_t at_ms,
                                         std::int64_t forget_before_ms, std::int64_t abandoned_before_ms) = 0;
    virtual void answer_delivery(const std::string& id, const std::string& reply) = 0;
    virtual void release_delivery(const std::string& id) = 0;
};

// The version migrate() brings a database to.
int schema_version();

// Where to store: "sqlite" (the file analytics.sqlite3 in the data directory) or a PostgreSQL URL
// (postgresql://user@host:port/db?...; password from the URL, PGPASSWORD or ~/.pgpass).
struct StoreLocation {
    std::string database = "sqlite";
    std::filesystem::path data_dir;
    bool create = true;  // false: a missing SQLite file is an error, not a new database (the report)
};

// An empty string when `database` is a form open_store accepts, else what is wrong with it.
std::string database_problem(const std::string& database);
// The location for logs: the SQLite file, or the URL without its password.
std::string describe(const StoreLocation& location);
// Connects (creating the directory and file for SQLite when `create`); does not migrate.
std::unique_ptr<Store> open_store(const StoreLocation& location);

}  // namespace analytics
