#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "intents/responder.hpp"
#include "support/project_advisor.hpp"
#include "support/temp_dir.hpp"

// Table-driven checks of whole answers (tests/data/answers.json): for each question, the intent,
// the exact figures the text must state, the facts it must quote and the sources it must list.

using nlohmann::json;
using namespace intents;

namespace {

const intents::Advisor& advisor() { return test_support::project_advisor(); }

json table() {
    return json::parse(
        test_support::read_file(test_support::source_dir() / "tests" / "data" / "answers.json"));
}

void check_row(const json& row) {
    const std::string question = row.at("q");
    SCOPED_TRACE(question);
    const Answer answer = respond(advisor(), {}, question, 1'000'000);
    EXPECT_EQ(answer.intent, row.at("intent").get<std::string>()) << answer.text;
    for (const auto& needle : row.value("contains", json::array())) {
        EXPECT_NE(answer.text.find(needle.get<std::string>()), std::string::npos)
            << "missing \"" << needle.get<std::string>() << "\" in:\n"
            << answer.text;
    }
    for (const auto& id : row.value("facts", json::array())) {
        const knowledge::Fact* fact = advisor().knowledge.find_fact(id.get<std::string>());
        ASSERT_NE(fact, nullptr) << id;
        EXPECT_NE(answer.text.find(fact->text), std::string::npos) << "missing fact " << id << " in:\n"
                                                                   << answer.text;
    }
    for (const auto& source : row.value("sources", json::array())) {
        const bool listed =
            std::any_of(answer.sources.begin(), answer.sources.end(),
                        [&](const SourceRef& s) { return s.id == source.get<std::string>(); });
        EXPECT_TRUE(listed) << "source " << source << " not listed";
    }
    if (row.contains("rows")) {
        EXPECT_EQ(answer.salary_rows.size(), row.at("rows").get<std::size_t>());
    }
    if (answer.intent.rfind("salary", 0) == 0) {
        EXPECT_FALSE(answer.sources.empty());
    }
}

}  // namespace

TEST(AnswerTable, PayQuestionsStateTheExactFigures) {
    const json rows = table().at("pay");
    EXPECT_GE(rows.size(), 40u);
    for (const json& row : rows) check_row(row);
}

TEST(AnswerTable, EveryTopicIsAnsweredFromItsFacts) {
    const json rows = table().at("topics");  // a named copy: the range must outlive the loop
    for (const json& row : rows) check_row(row);
}

TEST(AnswerTable, SalaryRowsCarryExactNumbersAsData) {
    const Answer a = respond(advisor(), {}, "compare SF and Cincinnati salaries for backend devs", 0);
    ASSERT_GE(a.salary_rows.size(), 2u);
    bool bay_area = false, cincinnati = false;
    for (const DataRow& row : a.salary_rows) {
        if (row.low == 160000 && row.high == 200000 && row.open_ended && row.scope == "range")
            bay_area = true;
        if (row.value == 91000 && row.scope == "average") cincinnati = true;
        EXPECT_EQ(row.source, "noble-guide-2026");
    }
    EXPECT_TRUE(bay_area);
    EXPECT_TRUE(cincinnati);
}

TEST(AnswerTable, DisagreeingAveragesAreShownSideBySide) {
    const Answer a = respond(advisor(), {}, "what is the average back-end developer salary", 0);
    const auto at = [&](const char* s) { return a.text.find(s); };
    ASSERT_NE(at("$125,000"), std::string::npos);
    ASSERT_NE(at("$115,000"), std::string::npos);
    ASSERT_NE(at("$91K"), std::string::npos);
    EXPECT_NE(a.text.find("median"), std::string::npos);
    EXPECT_EQ(a.sources.size(), 2u);
}
