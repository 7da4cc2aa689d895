#include "analytics/report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>

#include "intents/evaluation.hpp"
#include "support/project_advisor.hpp"

using namespace analytics;

namespace {

const intents::Lexicon& lexicon() { return test_support::project_advisor().lexicon; }

constexpr std::int64_t day = 86'400'000;
constexpr std::int64_t nov_24 = 20'781 * day;  // 2026-11-24T00:00:00Z

QuestionRow miss(const std::string& text, std::int64_t at, const std::string& intent = "fallback") {
    return {text, at, intent == "fallback", intent != "fallback", intent};
}

const QuestionGroup* group_with(const std::vector<QuestionGroup>& groups, const std::string& text) {
    for (const QuestionGroup& g : groups) {
        if (g.text == text || std::find(g.examples.begin(), g.examples.end(), text) != g.examples.end())
            return &g;
    }
    return nullptr;
}

}  // namespace

TEST(QuestionGroups, CasePunctuationAndShorthandDoNotSplitAGroup) {
    const auto groups = group_questions({miss("Can I work from Mars?", 1), miss("can i work from mars", 2),
                                         miss("CAN I WORK FROM MARS!!", 3)},
                                        lexicon());
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].count, 3u);
    EXPECT_EQ(groups[0].first_seen_ms, 1);
    EXPECT_EQ(groups[0].last_seen_ms, 3);
    EXPECT_EQ(groups[0].examples.size(), 2u);
}

TEST(QuestionGroups, QuestionsSharingMostContentWordsGroupTogether) {
    const auto groups =
        group_questions({miss("how much does a bootcamp in berlin cost", 1),
                         miss("what is the cost of a berlin bootcamp", 2), miss("what do bootcamps cost", 3)},
                        lexicon());
    const QuestionGroup* berlin = group_with(groups, "how much does a bootcamp in berlin cost");
    ASSERT_NE(berlin, nullptr);
    EXPECT_EQ(berlin->count, 2u);
    EXPECT_EQ(berlin, group_with(groups, "what is the cost of a berlin bootcamp"));
    EXPECT_NE(berlin, group_with(groups, "what do bootcamps cost")) << "one shared word is not enough";
}

TEST(QuestionGroups, UnrelatedQuestionsStayApartAndTheBiggestGroupComesFirst) {
    const auto groups = group_questions({miss("weather in paris", 1), miss("pizza recipe", 2),
                                         miss("pizza recipe", 3), miss("Pizza recipe?", 4)},
                                        lexicon());
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0].count, 3u);
    EXPECT_EQ(groups[0].text, "pizza recipe") << "the most frequent wording";
    EXPECT_EQ(groups[1].text, "weather in paris");
}

TEST(QuestionGroups, ContentWordsLeaveOutStopWordsAndQuestionWords) {
    EXPECT_EQ(content_words("What is the salary of a back-end developer in Paris?", lexicon()),
              (std::vector<std::string>{"paris", "salary"}));
}

TEST(QuestionGroups, AGroupTellsWhatItsQuestionsWereAnsweredWith) {
    const auto groups = group_questions({miss("freelance rates in paris", 1, "uncovered.freelance_rates"),
                                         miss("freelance rates in paris?", 2, "uncovered.freelance_rates")},
                                        lexicon());
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].intent, "uncovered.freelance_rates");
    EXPECT_EQ(groups[0].not_covered, 2u);
    EXPECT_EQ(groups[0].fallback, 0u);
}

TEST(Report, EveryDayOfThePeriodIsListedWithTotals) {
    ReportRows rows;
    rows.days = {{20'779, 10, 2, 1, 3, 1}, {20'781, 5, 1, 0, 0, 2}};
    const Report r = build_report(rows, nov_24 - 3 * day, nov_24 + 3600'000, "sqlite", lexicon());
    ASSERT_EQ(r.days.size(), 4u);
    EXPECT_EQ(r.days[0].date, "2026-11-21");
    EXPECT_EQ(r.days[1].date, "2026-11-22");
    EXPECT_EQ(r.days[1].answers, 10u);
    EXPECT_EQ(r.days[2].answers, 0u);
    EXPECT_EQ(r.days[3].date, "2026-11-24");
    EXPECT_EQ(r.totals.answers, 15u);
    EXPECT_EQ(r.totals.fallback, 3u);
    EXPECT_EQ(r.totals.not_helpful, 3u);
}

TEST(Report, AnAnswerCountsOnceForEachOfItsIntents) {
    ReportRows rows;
    rows.intents = {
        {"salary skills.overview", 4, 1, 0}, {"salary salary", 2, 0, 1}, {"skills.overview", 1, 0, 0}};
    const Report r = build_report(rows, nov_24, nov_24, "sqlite", lexicon());
    ASSERT_EQ(r.intents.size(), 2u);
    EXPECT_EQ(r.intents[0].intent, "salary");
    EXPECT_EQ(r.intents[0].answers, 6u);
    EXPECT_EQ(r.intents[1].answers, 5u);
}

TEST(Report, WorstFeedbackComesFirstByShareOfNotHelpfulVotes) {
    ReportRows rows;
    rows.intents = {{"salary", 50, 8, 2}, {"outlook.growth", 5, 1, 3}, {"takeaways", 9, 4, 0}};
    const Report r = build_report(rows, nov_24, nov_24, "sqlite", lexicon());
    ASSERT_EQ(r.worst_feedback.size(), 2u) << "only intents with a not-helpful vote";
    EXPECT_EQ(r.worst_feedback[0].intent, "outlook.growth");
    EXPECT_EQ(r.worst_feedback[1].intent, "salary");
}

TEST(Report, ExportedExamplesAreReadByEval) {
    ReportRows rows;
    rows.unanswered = {miss("can I work from Mars?", nov_24), miss("can i work from mars", nov_24 + 1),
                       miss("freelance rates in paris", nov_24, "uncovered.freelance_rates")};
    const Report r = build_report(rows, nov_24, nov_24 + day, "sqlite", lexicon());
    const std::string lines = examples_jsonl(r);
    auto cases = intents::read_eval_cases(lines, "exported");
    ASSERT_TRUE(cases.ok()) << lines;
    ASSERT_EQ(cases.value->size(), 2u);
    EXPECT_EQ(cases.value->at(0).turns.at(0).intents, std::vector<std::string>{"fallback"});
    EXPECT_NE(lines.find("\"count\":2"), std::string::npos) << lines;
}

TEST(Report, JsonHasTheRatesAndTheGroups) {
    ReportRows rows;
    rows.days = {{20'781, 4, 1, 2, 0, 0}};
    rows.unanswered = {miss("pizza recipe", nov_24 + 5000)};
    rows.channels = {{"websocket", 3, 1, 1, 0, 0}, {"sms", 1, 0, 1, 0, 0}};
    const auto report = build_report(rows, nov_24, nov_24 + day - 1, "postgresql", lexicon());
    const auto json = to_json(report);
    EXPECT_EQ(json["channels"][1]["channel"], "sms");
    EXPECT_EQ(json["channels"][1]["not_covered"], 1);
    EXPECT_NE(to_text(report).find("\nsms               1         0            1"), std::string::npos)
        << to_text(report);
    EXPECT_EQ(json["store"], "postgresql");
    EXPECT_DOUBLE_EQ(json["totals"]["fallback_rate"].get<double>(), 0.25);
    EXPECT_DOUBLE_EQ(json["totals"]["not_covered_rate"].get<double>(), 0.5);
    EXPECT_EQ(json["unanswered"][0]["text"], "pizza recipe");
    EXPECT_EQ(json["unanswered"][0]["first_seen"], "2026-11-24T00:00:05Z");
    EXPECT_EQ(json["since"], "2026-11-24T00:00:00Z");
}

TEST(Since, DurationsCountBackFromNow) {
    EXPECT_EQ(parse_since("7d", nov_24), nov_24 - 7 * day);
    EXPECT_EQ(parse_since("24h", nov_24), nov_24 - day);
    EXPECT_EQ(parse_since("90m", nov_24), nov_24 - 90 * 60'000);
}

TEST(Since, ADateIsItsMidnightInUtc) {
    EXPECT_EQ(parse_since("2026-11-24", 0), nov_24);
    EXPECT_EQ(iso_time(nov_24 + 3'723'000), "2026-11-24T01:02:03Z");
}

TEST(Since, AnythingElseIsRefused) {
    for (const char* bad : {"", "7", "d", "0d", "7w", "-7d", "7 d", "2026-13-01", "2026-1-1", "yesterday"}) {
        EXPECT_FALSE(parse_since(bad, nov_24)) << bad;
    }
}

namespace {

// The grouping rule as question_groups.hpp states it, on content words.
bool alike_words(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> shared;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
    if (a.size() == 1 && b.size() == 1) return shared.size() == 1;
    return shared.size() >= 2 && 3 * shared.size() >= a.size() + b.size();
}

}  // namespace

// The index finds every group a form could join: no two groups' main forms are alike, or the second
// would have joined the first. Words drawn with skewed frequencies, as real ones are, so that the
// rarest-first prefixes differ from question to question.
TEST(QuestionGroups, NoTwoGroupsAreAlikeWhateverTheMixOfWords) {
    const std::vector<std::string> vocabulary = {
        "salary",   "remote",  "python", "java",   "berlin", "junior", "senior",  "docker",
        "bootcamp", "degree",  "stress", "oncall", "nights", "teams",  "startup", "security",
        "cloud",    "kotlin",  "rust",   "golang", "visa",   "canada", "london",  "pizza",
        "guitar",   "weather", "chess",  "mars",   "tokyo",  "bonus"};
    std::uint64_t state = 42;
    auto next = [&state] {  // xorshift: the same rows on every run
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        return state;
    };
    std::vector<QuestionRow> rows;
    for (int i = 0; i < 3000; ++i) {
        std::string text;
        const std::size_t words = 1 + next() % 5;
        for (std::size_t w = 0; w < words; ++w) {
            const std::size_t r = next() % 1000;
            text +=
                vocabulary[(r * r / 1000) * vocabulary.size() / 1000] + " ";  // low indices far more often
        }
        rows.push_back(miss(text, i));
    }
    // Without the cap on comparisons, which a mix this small of so few words reaches.
    const auto groups = group_questions(rows, lexicon(), rows.size());
    std::uint64_t total = 0;
    for (const auto& g : groups) total += g.count;
    EXPECT_EQ(total, rows.size());
    ASSERT_GT(groups.size(), 20u);
    for (std::size_t i = 0; i < groups.size(); ++i) {
        for (std::size_t j = i + 1; j < groups.size(); ++j) {
            EXPECT_FALSE(alike_words(groups[i].words, groups[j].words))
                << "'" << groups[i].text << "' and '" << groups[j].text << "' were left apart";
        }
    }
}

// A visitor's text once reached the operator's terminal raw: an OSC title, a clear screen, CR/LF that forged
// report lines. The text report shows each control byte as \xNN, and nothing else changes.
TEST(Report, TextEscapesWhatAVisitorWroteForTheTerminal) {
    ReportRows rows;
    rows.days = {{20'781, 1, 1, 0, 0, 1}};
    rows.unanswered = {miss("pay\x1b]0;pwned\x07 in \x1b[2Jparis\r\n  999 x \"forged\"", nov_24)};
    rows.not_helpful = {{"id", nov_24, nov_24 + 1, "salary",
                         "caf\xc3\xa9 \xc2\x9b"
                         "31m",
                         "bad\nanswer\x7f \xff\\"}};
    const std::string text = to_text(build_report(rows, nov_24, nov_24 + day, "sqlite", lexicon()));
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        EXPECT_TRUE(byte >= 0x20 || c == '\n') << "control byte " << int{byte} << " in:\n" << text;
        EXPECT_NE(byte, 0x7f);
        EXPECT_NE(byte, 0xff) << "a byte that is not UTF-8";
    }
    EXPECT_EQ(text.find("\xc2\x9b"), std::string::npos) << "the C1 control CSI";
    EXPECT_NE(text.find("pay\\x1b]0;pwned\\x07 in \\x1b[2Jparis\\x0d\\x0a  999 x"), std::string::npos)
        << text;
    EXPECT_NE(text.find("caf\xc3\xa9 \\xc2\\x9b31m"), std::string::npos) << "UTF-8 text stays as written";
    EXPECT_NE(text.find("bad\\x0aanswer\\x7f \\xff\\x5c"), std::string::npos) << text;
    EXPECT_EQ(text.find("\n  999 x"), std::string::npos) << "no forged line";
}
