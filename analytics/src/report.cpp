#include "analytics/report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "knowledge/json_text.hpp"

namespace analytics {

using nlohmann::json;

namespace {

constexpr std::int64_t day_ms = 86'400'000;

// Days since 1970-01-01 <-> civil dates (Howard Hinnant's algorithms), so no time zone database is needed.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
    std::int64_t year;
    unsigned month, day;
};

Civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

std::string date_of_day(std::int64_t day) {
    const Civil c = civil_from_days(day);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month, c.day);
    return buf;
}

std::vector<std::string> split(const std::string& intents) {
    std::vector<std::string> out;
    std::istringstream words(intents);
    for (std::string w; words >> w;) out.push_back(w);
    return out;
}

double share(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * share(part, whole));
    return buf;
}

// Days shown: every day of the period; a period reaching further back than a year starts at the first
// day with answers instead of listing empty years.
std::vector<Report::Day> every_day(const std::vector<DayRow>& rows, std::int64_t since_ms,
                                   std::int64_t until_ms) {
    const std::int64_t last = floor_div(until_ms, day_ms);
    std::int64_t first = floor_div(since_ms, day_ms);
    if (last - first > 366) first = rows.empty() ? last : std::max(first, rows.front().day);
    std::map<std::int64_t, const DayRow*> by_day;
    for (const DayRow& r : rows) by_day[r.day] = &r;
    std::vector<Report::Day> days;
    for (std::int64_t d = first; d <= last; ++d) {
        Report::Day day{date_of_day(d)};
        if (auto it = by_day.find(d); it != by_day.end()) {
            const DayRow& r = *it->second;
            day.answers = r.answers, day.fallback = r.fallback, day.not_covered = r.not_covered;
            day.helpful = r.helpful, day.not_helpful = r.not_helpful;
        }
        days.push_back(std::move(day));
    }
    return days;
}

json to_json(const Report::IntentCount& c) {
    return {
        {"intent", c.intent}, {"answers", c.answers}, {"helpful", c.helpful}, {"not_helpful", c.not_helpful}};
}

}  // namespace

std::string iso_time(std::int64_t ms) {
    const std::int64_t day = floor_div(ms, day_ms);
    const std::int64_t in_day = (ms - day * day_ms) / 1000;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lldZ", date_of_day(day).c_str(),
                  static_cast<long long>(in_day / 3600), static_cast<long long>(in_day / 60 % 60),
                  static_cast<long long>(in_day % 60));
    return buf;
}

std::optional<std::int64_t> parse_since(std::string_view text, std::int64_t now_ms) {
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        unsigned y = 0, m = 0, d = 0;
        if (std::sscanf(std::string(text).c_str(), "%4u-%2u-%2u", &y, &m, &d) != 3 || m < 1 || m > 12 ||
            d < 1 || d > 31 || y < 1970) {
            return std::nullopt;
        }
        return days_from_civil(y, m, d) * day_ms;
    }
    if (text.size() < 2 || text.size() > 7) return std::nullopt;
    const std::string_view digits = text.substr(0, text.size() - 1);
    if (digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    const std::int64_t n = std::stoll(std::string(digits));
    const char unit = text.back();
    const std::int64_t unit_ms = unit == 'd' ? day_ms : unit == 'h' ? 3'600'000 : unit == 'm' ? 60'000 : 0;
    if (unit_ms == 0 || n == 0) return std::nullopt;
    return now_ms - n * unit_ms;
}

Report build_report(const ReportRows& rows, std::int64_t since_ms, std::int64_t until_ms,
                    const std::string& store, const intents::Lexicon& lexicon) {
    Report report;
    report.since_ms = since_ms;
    report.until_ms = until_ms;
    report.store = store;
    report.days = every_day(rows.days, since_ms, until_ms);
    report.channels = rows.channels;
    for (const Report::Day& d : report.days) {
        report.totals.answers += d.answers;
        report.totals.fallback += d.fallback;
        report.totals.not_covered += d.not_covered;
        report.totals.helpful += d.helpful;
        report.totals.not_helpful += d.not_helpful;
    }
    std::map<std::string, Report::IntentCount> by_intent;
    for (const IntentsRow& row : rows.intents) {
        const auto intents = split(row.intents);
        // An answer with two parts of one intent counts once for it.
        for (const std::string& intent : std::set<std::string>(intents.begin(), intents.end())) {
            Report::IntentCount& c = by_intent[intent];
            c.intent = intent;
            c.answers += row.answers;
            c.helpful += row.helpful;
            c.not_helpful += row.not_helpful;
        }
    }
    for (auto& [intent, c] : by_intent) report.intents.push_back(c);
    std::stable_sort(report.intents.begin(), report.intents.end(),
                     [](const auto& a, const auto& b) { return a.answers > b.answers; });
    for (const Report::IntentCount& c : report.intents) {
        if (c.not_helpful > 0) report.worst_feedback.push_back(c);
    }
    std::stable_sort(report.worst_feedback.begin(), report.worst_feedback.end(),
                     [](const auto& a, const auto& b) {
                         const double sa = share(a.not_helpful, a.helpful + a.not_helpful),
                                      sb = share(b.not_helpful, b.helpful + b.not_helpful);
                         return sa != sb ? sa > sb : a.not_helpful > b.not_helpful;
                     });
    report.unanswered = group_questions(rows.unanswered, lexicon);
    if (report.unanswered.size() > max_groups) report.unanswered.resize(max_groups);
    report.not_helpful.assign(
        rows.not_helpful.begin(),
        rows.not_helpful.begin() + static_cast<std::ptrdiff_t>(std::min(max_votes, rows.not_helpful.size())));
    return report;
}

Report make_report(Store& store, std::int64_t since_ms, std::int64_t until_ms,
                   const intents::Lexicon& lexicon) {
    return build_report(store.read(since_ms, max_report_rows), since_ms, until_ms, store.kind(), lexicon);
}

json to_json(const Report& r) {
    json out;
    out["since"] = iso_time(r.since_ms);
    out["until"] = iso_time(r.until_ms);
    out["store"] = r.store;
    const auto& t = r.totals;
    out["totals"] = {{"answers", t.answers},
                     {"fallback", t.fallback},
                     {"not_covered", t.not_covered},
                     {"fallback_rate", share(t.fallback, t.answers)},
                     {"not_covered_rate", share(t.not_covered, t.answers)},
                     {"helpful", t.helpful},
                     {"not_helpful", t.not_helpful}};
    out["days"] = json::array();
    for (const Report::Day& d : r.days) {
        out["days"].push_back({{"date", d.date},
                               {"answers", d.answers},
                               {"fallback", d.fallback},
                               {"not_covered", d.not_covered},
                               {"helpful", d.helpful},
                               {"not_helpful", d.not_helpful}});
    }
    out["channels"] = json::array();
    for (const ChannelRow& c : r.channels) {
        out["channels"].push_back({{"channel", c.channel},
                                   {"answers", c.answers},
                                   {"fallback", c.fallback},
                                   {"not_covered", c.not_covered},
                                   {"helpful", c.helpful},
                                   {"not_helpful", c.not_helpful}});
    }
    out["intents"] = json::array();
    for (const auto& c : r.intents) out["intents"].push_back(to_json(c));
    out["worst_feedback"] = json::array();
    for (const auto& c : r.worst_feedback) out["worst_feedback"].push_back(to_json(c));
    out["unanswered"] = json::array();
    for (const QuestionGroup& g : r.unanswered) {
        out["unanswered"].push_back({{"text", g.text},
                                     {"examples", g.examples},
                                     {"words", g.words},
                                     {"intent", g.intent},
                                     {"count", g.count},
                                     {"fallback", g.fallback},
                                     {"not_covered", g.not_covered},
                                     {"first_seen", iso_time(g.first_seen_ms)},
                                     {"last_seen", iso_time(g.last_seen_ms)}});
    }
    out["not_helpful"] = json::array();
    for (const VoteRow& v : r.not_helpful) {
        out["not_helpful"].push_back({{"answer_id", v.answer_id},
                                      {"answered_at", iso_time(v.answered_at_ms)},
                                      {"voted_at", iso_time(v.voted_at_ms)},
                                      {"intents", split(v.intents)},
                                      {"question", v.question.empty() ? json(nullptr) : json(v.question)},
                                      {"comment", v.comment.empty() ? json(nullptr) : json(v.comment)}});
    }
    return out;
}

namespace {

// Text a visitor wrote, made safe for the operator's terminal: control characters (ESC of an escape
// sequence, CR and LF that would forge report lines, NUL, the C1 controls) and bytes that are not UTF-8
// are written as \xNN, so what is shown is what was stored and nothing else.
std::string printable(std::string_view text) {
    std::string out;
    auto escape = [&out](unsigned char c) {
        static constexpr char hex[] = "0123456789abcdef";
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 0xF];
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F || c == '\\') {
                escape(c);
            } else {
                out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        bool valid = length > 0 && i + length <= text.size() && c <= 0xF4;
        for (std::size_t k = 1; valid && k < length; ++k) {
            valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        }
        const bool c1_control = valid && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
        if (!valid || c1_control) {
            escape(c);
            ++i;
            continue;
        }
        out.append(text.substr(i, length));
        i += length;
    }
    return out;
}

}  // namespace

std::string to_text(const Report& r) {
    std::ostringstream out;
    const auto& t = r.totals;
    out << "Answers from " << iso_time(r.since_ms) << " to " << iso_time(r.until_ms) << " (" << r.store
        << ")\n";
    out << t.answers << " answers; fallback " << percent(t.fallback, t.answers) << " (" << t.fallback
        << "), not covered " << percent(t.not_covered, t.answers) << " (" << t.not_covered
        << "); votes: " << t.helpful << " helpful, " << t.not_helpful << " not helpful\n";
    char line[160];
    out << "\nday          answers  fallback  not covered  helpful  not helpful\n";
    for (const Report::Day& d : r.days) {
        std::snprintf(line, sizeof line, "%s  %7llu  %8llu  %11llu  %7llu  %11llu\n", d.date.c_str(),
                      static_cast<unsigned long long>(d.answers), static_cast<unsigned long long>(d.fallback),
                      static_cast<unsigned long long>(d.not_covered),
                      static_cast<unsigned long long>(d.helpful),
                      static_cast<unsigned long long>(d.not_helpful));
        out << line;
    }
    out << "\nchannel      answers  fallback  not covered  helpful  not helpful\n";
    for (const ChannelRow& c : r.channels) {
        std::snprintf(line, sizeof line, "%-10s  %7llu  %8llu  %11llu  %7llu  %11llu\n", c.channel.c_str(),
                      static_cast<unsigned long long>(c.answers), static_cast<unsigned long long>(c.fallback),
                      static_cast<unsigned long long>(c.not_covered),
                      static_cast<unsigned long long>(c.helpful),
                      static_cast<unsigned long long>(c.not_helpful));
        out << line;
    }
    out << "\ntop intents\n";
    for (std::size_t i = 0; i < r.intents.size() && i < 15; ++i) {
        const auto& c = r.intents[i];
        std::snprintf(line, sizeof line, "  %-28s %7llu  %s\n", c.intent.c_str(),
                      static_cast<unsigned long long>(c.answers), percent(c.answers, t.answers).c_str());
        out << line;
    }
    out << "\nunanswered questions, grouped (fallback or not covered)\n";
    if (r.unanswered.empty()) out << "  none\n";
    for (const QuestionGroup& g : r.unanswered) {
        out << "  " << g.count << " x \"" << printable(g.text) << "\" (" << printable(g.intent) << "; first "
            << iso_time(g.first_seen_ms) << ", last " << iso_time(g.last_seen_ms) << ")\n";
        for (const std::string& e : g.examples) out << "        also \"" << printable(e) << "\"\n";
    }
    out << "\nanswers with the worst feedback\n";
    if (r.worst_feedback.empty()) out << "  none voted not helpful\n";
    for (const auto& c : r.worst_feedback) {
        out << "  " << c.intent << ": " << c.not_helpful << " of " << c.helpful + c.not_helpful
            << " votes not helpful\n";
    }
    if (!r.not_helpful.empty()) out << "\nlatest \"not helpful\" votes\n";
    for (const VoteRow& v : r.not_helpful) {
        out << "  " << iso_time(v.voted_at_ms) << " " << printable(v.intents);
        if (!v.question.empty()) out << " \"" << printable(v.question) << "\"";
        if (!v.comment.empty()) out << ": " << printable(v.comment);
        out << "\n";
    }
    return out.str();
}

std::string examples_jsonl(const Report& report) {
    std::string out;
    for (const QuestionGroup& g : report.unanswered) {
        out += knowledge::json_text(json{{"text", g.text}, {"intent", g.intent}, {"count", g.count}});
        out += "\n";
    }
    return out;
}

}  // namespace analytics
