#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/question_groups.hpp"
#include "analytics/store.hpp"
#include "intents/lexicon.hpp"

namespace analytics {

// What visitors asked and how the answers did, over a period: `career-advisor report` and GET /admin/report.
struct Report {
    std::int64_t since_ms = 0, until_ms = 0;
    std::string store;  // "sqlite" or "postgresql"

    struct Totals {
        std::uint64_t answers = 0, fallback = 0, not_covered = 0, helpful = 0, not_helpful = 0;
    } totals;
    struct Day {
        std::string date;  // YYYY-MM-DD, UTC
        std::uint64_t answers = 0, fallback = 0, not_covered = 0, helpful = 0, not_helpful = 0;
    };
    std::vector<Day> days;             // every day of the period, answers or not
    std::vector<ChannelRow> channels;  // the same per channel (websocket, http, slack, …), most answers first
    struct IntentCount {
        std::string intent;
        std::uint64_t answers = 0;  // answers with a part of this intent
        std::uint64_t helpful = 0, not_helpful = 0;
    };
    std::vector<IntentCount> intents;         // most answers first
    std::vector<IntentCount> worst_feedback;  // intents with a "not helpful" vote, worst share first
    std::vector<QuestionGroup> unanswered;    // at most max_groups
    std::vector<VoteRow> not_helpful;         // the latest, at most max_votes
};

constexpr std::size_t max_groups = 50;
constexpr std::size_t max_votes = 50;
// The most unanswered questions (and votes) read for one report: the newest, when there are more.
constexpr std::size_t max_report_rows = 20000;

// Pure: the report for rows read from a store for [since_ms, until_ms].
Report build_report(const ReportRows& rows, std::int64_t since_ms, std::int64_t until_ms,
                    const std::string& store, const intents::Lexicon& lexicon);

// Reads the rows and builds the report. Throws StoreError.
Report make_report(Store& store, std::int64_t since_ms, std::int64_t until_ms,
                   const intents::Lexicon& lexicon);

nlohmann::json to_json(const Report& report);
std::string to_text(const Report& report);

// The top unanswered questions as JSON Lines that `career-advisor eval` reads: one line per group,
// {"text", "intent": the intent it got now ("fallback" or a gap), "count"}; docs/intents.md says
// how to turn them into examples.
std::string examples_jsonl(const Report& report);

// "7d", "24h", "90m" or a date "2026-11-01" (UTC midnight) -> the start of the period, given now;
// nullopt when the text is none of these.
std::optional<std::int64_t> parse_since(std::string_view text, std::int64_t now_ms);

// "2026-11-24T10:31:07Z".
std::string iso_time(std::int64_t ms);

}  // namespace analytics
