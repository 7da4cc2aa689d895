#include "intents/matcher.hpp"

#include <gtest/gtest.h>

using namespace intents;

namespace {

std::vector<Intent> test_intents() {
    Intent salary{
        "salary", "salary.json",     5, {{"\\b(salary|pay|earn)\\b", 1.0}, {"\\bhow much\\b", 0.5}}, {}, {},
        {},       IntentKind::topic, ""};
    Intent skills{"skills", "skills.json", 3, {{"\\bskills?\\b", 1.0}}, {}, {}, {}, IntentKind::topic, ""};
    Intent tie{"tie", "tie.json", 5, {{"\\bpay\\b", 1.0}}, {}, {}, {}, IntentKind::topic, ""};
    return {salary, skills, tie};
}

}  // namespace

TEST(Matcher, ScoresEveryMatchingIntentBestFirst) {
    auto m = Matcher::build(test_intents());
    ASSERT_TRUE(m.ok());
    const auto scores = m.value->score("how much do they earn and what skills");
    ASSERT_EQ(scores.size(), 2u);
    EXPECT_EQ(scores[0].intent, 0u);
    EXPECT_DOUBLE_EQ(scores[0].score, 1.5);
    EXPECT_EQ(scores[1].intent, 1u);
}

TEST(Matcher, NoMatchGivesNoScores) {
    auto m = Matcher::build(test_intents());
    ASSERT_TRUE(m.ok());
    EXPECT_TRUE(m.value->score("the weather today").empty());
}

TEST(Matcher, EqualScoresKeepListOrderAtEqualPriority) {
    auto m = Matcher::build(test_intents());
    ASSERT_TRUE(m.ok());
    const auto scores = m.value->score("pay");
    ASSERT_EQ(scores.size(), 2u);
    EXPECT_EQ(scores[0].score, scores[1].score);
    EXPECT_EQ(scores[0].intent, 0u);  // salary is listed before tie
    EXPECT_EQ(scores[1].intent, 2u);
    auto reversed = test_intents();
    std::swap(reversed[0], reversed[2]);  // now tie comes first
    const auto again = Matcher::build(reversed).value->score("pay");
    ASSERT_EQ(again.size(), 2u);
    EXPECT_EQ(reversed[again[0].intent].id, "tie");
    EXPECT_EQ(reversed[again[1].intent].id, "salary");
}

TEST(Matcher, BadPatternIsReportedWithFileIntentAndReason) {
    auto intents = test_intents();
    intents[1].patterns.push_back({"(unclosed", 1.0});
    auto m = Matcher::build(intents);
    ASSERT_FALSE(m.ok());
    ASSERT_EQ(m.errors.size(), 1u);
    EXPECT_NE(m.errors[0].find("skills.json: intent 'skills' pattern 1"), std::string::npos) << m.errors[0];
    EXPECT_NE(m.errors[0].find("missing )"), std::string::npos) << m.errors[0];
}

TEST(Matcher, CountsCompiledPatterns) {
    auto m = Matcher::build(test_intents());
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m.value->pattern_count(), 4u);
}
