#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace analytics::detail {

// The schema's migrations, in order: migration i brings a database from version i to i + 1. Each is
// SQL both SQLite and PostgreSQL run as it is (flags and times are integers in both). Append a new
// migration to change the schema; never edit one that has shipped.
const std::vector<std::vector<std::string>>& migrations();

// Statements shared by both stores.
namespace sql {
extern const std::string create_version_table, current_version, record_version;
extern const std::string insert_setting, select_setting;
extern const std::string insert_answer, upsert_vote;
extern const std::string delete_votes_of_old_answers, delete_old_answers, delete_old_votes;
extern const std::string answer_time_at;
// Store::usage() by engine: SQLite before 3.43 has no OCTET_LENGTH, PostgreSQL no BLOB.
std::string usage(std::string_view kind);
extern const std::string report_days, report_channels, report_intents, report_unanswered, report_not_helpful;
extern const std::string upsert_context, select_context, delete_old_contexts;
extern const std::string insert_delivery, select_delivery_reply, update_delivery_reply,
    delete_unanswered_delivery, delete_old_deliveries;
}  // namespace sql

}  // namespace analytics::detail
