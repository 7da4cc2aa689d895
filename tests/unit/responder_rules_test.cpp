#include <gtest/gtest.h>

#include "intents/responder.hpp"

// The resolution rules of respond() on a small hand-built advisor, independent of the project data.

using namespace intents;

namespace {

Intent make_intent(const std::string& id, std::vector<Pattern> patterns, std::vector<std::string> lines,
                   std::vector<std::string> examples = {}) {
    Intent intent;
    intent.id = id;
    if (id == "greeting") intent.kind = IntentKind::smalltalk;
    if (id == "followup" || id == "clarify" || id == "fallback") intent.kind = IntentKind::system;
    intent.patterns = std::move(patterns);
    intent.answer.lines = std::move(lines);
    intent.examples = std::move(examples);
    return intent;
}

AdvisorPtr small_advisor() {
    std::vector<knowledge::Fact> facts{
        {"pay.overall", "pay", "src", "Pay is good.", {}, {}, {}},
        {"pay.city.austin", "pay", "src", "Austin pays well.", {}, {{"location", {"austin"}}}, {}},
        {"hours.overall", "hours", "src", "Hours are long.", {}, {}, {}},
        {"remote.overall", "remote", "src", "Remote is common.", {}, {}, {}},
    };
    knowledge::KnowledgeBase kb({{"src", "The source", "", "", "", "https://example.org/source"}}, {},
                                std::move(facts));
    Intent pay = make_intent("pay", {{"\\bpay\\b", 2.0}}, {"{fact:pay.overall}"});
    pay.answer.by_entity = {{"location", "pay.city.", {"{matches}"}, {"Nothing for {entity}."}, {}, {}}};
    pay.answer.more = {"More:", "{fact:pay.city.austin}"};
    std::vector<Intent> intents{
        pay,
        make_intent("hours", {{"\\bhours\\b", 2.0}, {"\\bjob\\b", 1.0}, {"\\bshift\\b", 0.5}},
                    {"{fact:hours.overall}"}, {"What are the hours?"}),
        make_intent("remote", {{"\\bremote\\b", 2.0}, {"\\bjob\\b", 1.0}}, {"{fact:remote.overall}"},
                    {"Is it remote?"}),
        make_intent("greeting", {{"^hi\\b", 1.0}}, {"Hello!"}),
        make_intent("followup", {{"^what about\\b", 2.1}, {"^tell me more\\b", 1.5}},
                    {"That is all I know."}),
        make_intent("clarify", {}, {"Which did you mean?"}),
        make_intent("fallback", {{"\\bweather\\b", 3.0}}, {"I only know this job."}),
    };
    intents.back().suggestions = {"a", "b", "c"};
    LexiconWords words;
    words.joiners = {"and", "so", "ok"};
    words.clause_joiners = {"and", "also"};
    words.question_words = {"what", "how", "is", "are"};
    const Lexicon lexicon(std::move(words));
    EntityExtractor entities(
        {{"location", {{"austin", "Austin", {"austin"}}, {"boston", "Boston", {"boston"}}}},
         {"occupation", {{"nurse", "nurse", {"nurse"}}, {"qa", "QA engineer", {"qa engineer"}}}, true},
         {"domain", {{"dev", "developers", {"developer", "engineer"}}}, true}},
        {});
    auto matcher = Matcher::build(intents);
    return std::make_shared<const Advisor>(Advisor{std::move(kb),
                                                   std::move(intents),
                                                   lexicon,
                                                   {},
                                                   std::move(entities),
                                                   std::move(*matcher.value),
                                                   {},
                                                   {},
                                                   nullptr,
                                                   {}});
}

Answer ask(const std::string& text, const Context& context = {}) {
    static const AdvisorPtr advisor = small_advisor();
    return respond(*advisor, context, text, 1000);
}

}  // namespace

TEST(ResponderRules, WeakTieBetweenTopicsAsksWhichWasMeant) {
    const Answer a = ask("tell me about the job");
    EXPECT_EQ(a.intent, "clarify");
    EXPECT_EQ(a.text, "Which did you mean?");
    EXPECT_EQ(a.suggestions, (std::vector<std::string>{"What are the hours?", "Is it remote?"}));
    EXPECT_TRUE(a.context.empty()) << "a clarification sets no topic";
}

TEST(ResponderRules, StrongMatchIsAnsweredWithoutAsking) {
    EXPECT_EQ(ask("what are the hours for this job").intent, "hours");
}

TEST(ResponderRules, FollowUpWithoutContextFallsBack) {
    EXPECT_EQ(ask("what about austin").intent, "fallback");
}

TEST(ResponderRules, FollowUpContinuesTheLastTopic) {
    const Answer first = ask("what is the pay");
    const Answer second = ask("what about austin", first.context);
    EXPECT_EQ(second.intent, "pay");
    EXPECT_EQ(second.text, "Austin pays well.");
}

TEST(ResponderRules, FollowUpThatAsksANewTopicSwitchesTopic) {
    const Answer first = ask("what is the pay");
    EXPECT_EQ(ask("tell me more about remote work", first.context).intent, "remote");
}

TEST(ResponderRules, SmallTalkKeepsTheTopicForLaterFollowUps) {
    const Answer first = ask("what is the pay");
    const Answer hello = ask("hi", first.context);
    EXPECT_EQ(hello.intent, "greeting");
    EXPECT_EQ(ask("what about austin", hello.context).intent, "pay");
}

TEST(ResponderRules, ContextExpiresAfterMaxTurns) {
    Context stale{"pay", {}, 4, 1000, {}};
    EXPECT_EQ(ask("what about austin", stale).intent, "fallback");
}

TEST(ResponderRules, AnotherOccupationWithoutDomainWordsFallsBack) {
    EXPECT_EQ(ask("what is the pay of a nurse").intent, "fallback");
    EXPECT_EQ(ask("i am a nurse, what is the pay for a developer").intent, "pay");
    EXPECT_EQ(ask("what is the pay of a qa engineer").intent, "fallback")
        << "the occupation hides its own domain word";
}

TEST(ResponderRules, RoutingOnlyEntitiesAreNotShown) {
    const Answer a = ask("what is the pay for a developer in austin");
    EXPECT_FALSE(a.entities.contains("domain"));
    EXPECT_EQ(a.entities.at("location"), std::vector<std::string>{"austin"});
}

TEST(ResponderRules, UncoveredEntityValueSaysSo) {
    EXPECT_EQ(ask("what is the pay in boston").text, "Nothing for Boston.");
}

TEST(ResponderRules, SeveralQuestionsGiveOnePartEachInOrder) {
    const Answer a = ask("hi! what is the pay? and what are the hours");
    ASSERT_EQ(a.parts.size(), 3u);
    EXPECT_EQ(a.parts[0].intent, "greeting");
    EXPECT_EQ(a.parts[1].intent, "pay");
    EXPECT_EQ(a.parts[2].intent, "hours");
    EXPECT_EQ(a.text, "Hello!\n\nPay is good.\n\nHours are long.");
    EXPECT_EQ(a.context.last_intent, "hours");
}

TEST(ResponderRules, FallbackOffersItsSuggestions) {
    const Answer a = ask("weather today");
    EXPECT_EQ(a.intent, "fallback");
    EXPECT_EQ(a.suggestions.size(), 3u);
}

TEST(ResponderRules, TellMeMoreGivesTheIntentsMoreLines) {
    const Answer first = ask("what is the pay");
    const Answer more = ask("tell me more", first.context);
    EXPECT_EQ(more.intent, "pay");
    EXPECT_EQ(more.text, "More:\nAustin pays well.");
}

// Nothing more to say: the topic's line closest to the question again, then the `followup` line that this is
// all (not that line alone, which answers nothing when the question was read as "more").
TEST(ResponderRules, TellMeMoreWithoutMoreLinesSaysSo) {
    const Answer first = ask("what are the hours for this job");
    const Answer more = ask("tell me more", first.context);
    EXPECT_EQ(more.intent, "hours");
    EXPECT_EQ(more.text, "Hours are long.\nThat is all I know.");
}

TEST(ResponderRules, OneWeakCueIsNotEnoughToAnswerButLeadsTheSuggestions) {
    const Answer a = ask("my shift");
    EXPECT_EQ(a.intent, "fallback");
    EXPECT_EQ(a.suggestions, (std::vector<std::string>{"What are the hours?", "a", "b"}));
}
