#include <gtest/gtest.h>

#include "intents/responder.hpp"
#include "support/project_advisor.hpp"
#include "support/temp_dir.hpp"

using namespace intents;

namespace {

const intents::Advisor& advisor() { return test_support::project_advisor(); }

Answer ask(const std::string& text, const Context& context = {}, std::int64_t now = 1'000'000) {
    return respond(advisor(), context, text, now);
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST(Responder, AnswersWhatTheJobIsFromTheKnowledgeBase) {
    const Answer a = ask("What does a back-end developer do?");
    EXPECT_EQ(a.intent, "role.overview");
    const auto* fact = advisor().knowledge.find_fact("role.overview.truest");
    ASSERT_NE(fact, nullptr);
    EXPECT_TRUE(contains(a.text, fact->text)) << a.text;
    EXPECT_FALSE(a.sources.empty());
}

TEST(Responder, EverySourceListedIsKnown) {
    const Answer a = ask("how much do back end developers make");
    ASSERT_FALSE(a.sources.empty());
    for (const SourceRef& s : a.sources) EXPECT_NE(advisor().knowledge.find_source(s.id), nullptr) << s.id;
}

TEST(Responder, CityQuestionGivesTheCityRange) {
    const Answer a = ask("how much do backend devs make in seattle??");
    EXPECT_EQ(a.intent, "salary");
    EXPECT_TRUE(contains(a.text, "$140,000")) << a.text;
    EXPECT_TRUE(contains(a.text, "$170,000")) << a.text;
    ASSERT_FALSE(a.salary_rows.empty());
    EXPECT_EQ(a.salary_rows.front().low, 140000);
    EXPECT_EQ(a.salary_rows.front().high, 170000);
}

TEST(Responder, UncoveredCitySaysSoAndGivesNationalFigures) {
    const Answer a = ask("what do back end developers earn in chicago");
    EXPECT_EQ(a.intent, "salary");
    EXPECT_TRUE(contains(a.text, "Chicago")) << a.text;
    EXPECT_TRUE(contains(a.text, "$125,000") || contains(a.text, "$115,000")) << a.text;
}

TEST(Responder, LevelAndCityCombine) {
    const Answer a = ask("salary for a senior in seattle?");
    EXPECT_EQ(a.intent, "salary");
    EXPECT_TRUE(contains(a.text, "$140,000")) << a.text;
    EXPECT_TRUE(contains(a.text, "$150,000")) << a.text;
}

TEST(Responder, TwoQuestionsInOneMessageGetTwoPartsInOrder) {
    const Answer a = ask("what skills do I need and what does it pay?");
    ASSERT_EQ(a.parts.size(), 2u) << a.text;
    EXPECT_EQ(a.parts[0].intent, "skills.overview");
    EXPECT_EQ(a.parts[1].intent, "salary");
    EXPECT_EQ(a.intent, "skills.overview");
    EXPECT_TRUE(contains(a.text, a.parts[0].text));
    EXPECT_TRUE(contains(a.text, a.parts[1].text));
}

TEST(Responder, FollowUpReusesTheLastIntentWithNewEntity) {
    const Answer first = ask("how much do developers earn in seattle");
    const Answer second = ask("what about Austin?", first.context, 1'001'000);
    EXPECT_EQ(second.intent, "salary");
    EXPECT_EQ(second.entities.at("location"), std::vector<std::string>{"austin"});
}

TEST(Responder, FollowUpKeepsEarlierEntitiesOfOtherKinds) {
    const Answer first = ask("what do seniors make in seattle");
    const Answer second = ask("and in austin?", first.context, 1'001'000);
    EXPECT_EQ(second.intent, "salary");
    EXPECT_EQ(second.entities.at("location"), std::vector<std::string>{"austin"});
    EXPECT_EQ(second.entities.at("level"), std::vector<std::string>{"senior"});
}

TEST(Responder, ContextExpiresAfterTenMinutes) {
    const Answer first = ask("how much do developers earn in seattle");
    const Answer late = ask("what about Austin?", first.context, 1'000'000 + 11 * 60 * 1000);
    EXPECT_EQ(late.intent, "fallback");
}

TEST(Responder, OutOfDomainFallsBackWithThreeSuggestions) {
    const Answer a = ask("what's the weather like tomorrow");
    EXPECT_EQ(a.intent, "fallback");
    EXPECT_EQ(a.suggestions.size(), 3u);
    EXPECT_TRUE(a.sources.empty());
}

TEST(Responder, GibberishFallsBack) { EXPECT_EQ(ask("asdkjh qwpoeiru").intent, "fallback"); }

TEST(Responder, GreetingIsAnIntent) { EXPECT_EQ(ask("hello there").intent, "greeting"); }


TEST(Responder, WhyAfterAPayAnswerExplainsWhatMovesPay) {
    const Answer first = ask("how much do back end developers make");
    const Answer why = ask("why?", first.context, 1'001'000);
    EXPECT_EQ(why.intent, "salary");
    const auto* factors = advisor().knowledge.find_fact("salary.factors");
    ASSERT_NE(factors, nullptr);
    EXPECT_TRUE(contains(why.text, factors->text)) << why.text;
    EXPECT_NE(why.text, first.text);
}

TEST(Responder, FallbackSuggestsTheTopicsTheQuestionCameClosestTo) {
    const Answer a = ask("tell me something good");
    EXPECT_EQ(a.intent, "fallback");
    EXPECT_EQ(a.suggestions.size(), 3u);
}
