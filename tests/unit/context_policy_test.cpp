#include "intents/context_policy.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "intents/answer_json.hpp"
#include "intents/responder.hpp"
#include "server/protocol.hpp"
#include "support/project_advisor.hpp"

// A context comes back from the client: only what sanitize() keeps of it reaches an answer.

using namespace intents;
using nlohmann::json;

namespace {

constexpr std::int64_t now = 1'000'000'000;

const Advisor& advisor() { return test_support::project_advisor(); }

Answer ask(const std::string& text, const Context& context = {}) {
    return respond(advisor(), context, text, now);
}

// A context on pay in Seattle, as the advisor wrote it a second ago.
Context seattle_pay() {
    Context context = respond(advisor(), {}, "how much do developers earn in seattle", now - 1000).context;
    EXPECT_EQ(context.last_intent, "salary");
    return context;
}

// "what about Austin?" continues a live context on pay; without one it is not understood.
bool continues(const Context& context) { return ask("what about Austin?", context).intent == "salary"; }

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST(ContextPolicy, ALiveContextIsKept) {
    EXPECT_TRUE(continues(seattle_pay()));
    EXPECT_FALSE(continues({})) << "the other tests rely on this";
}

TEST(ContextPolicy, ALocationOfTheClientIsNotEchoed) {
    const json body = {{"text", "and for seniors?"},
                       {"context",
                        {{"intent", "salary"},
                         {"entities", {{"location", {"Evil Town, where pay is $900,000"}}}},
                         {"turns", 0},
                         {"updated_at_ms", now - 1000}}}};
    const server::HttpReply reply = server::reply_to_ask(advisor(), body.dump(), now, {});
    ASSERT_EQ(reply.status, 200u) << reply.reply.body;
    const std::string text = json::parse(reply.reply.body).at("text");
    EXPECT_FALSE(contains(text, "900,000")) << text;
    EXPECT_FALSE(contains(text, "Evil")) << text;
    EXPECT_FALSE(contains(reply.reply.body, "Evil"))
        << "nor in its entities or context: " << reply.reply.body;
}

TEST(ContextPolicy, AnUnknownIntentIsDropped) {
    Context context = seattle_pay();
    context.last_intent = "Evil Town, where pay is $900,000";
    const Answer a = ask("thanks", context);
    EXPECT_TRUE(a.context.empty()) << a.context.last_intent;
    EXPECT_TRUE(sanitize(context, advisor(), now).empty());
}

TEST(ContextPolicy, AnIntentThatIsNoTopicIsDropped) {
    for (const char* id : {"followup", "clarify", "fallback", "greeting", "uncovered.visa"}) {
        Context context = seattle_pay();
        context.last_intent = id;
        EXPECT_TRUE(ask("thanks", context).context.empty()) << id;
        EXPECT_FALSE(ask("and for seniors?", context).text.empty()) << id;
        EXPECT_TRUE(sanitize(context, advisor(), now).empty()) << id;
    }
}

TEST(ContextPolicy, TimesBeforeNineteenSeventyExpireWithoutOverflow) {
    for (std::int64_t at : {INT64_MIN, std::int64_t{-1}}) {
        Context context = seattle_pay();
        context.updated_at_ms = at;
        EXPECT_FALSE(continues(context)) << at;
    }
}

TEST(ContextPolicy, TimesInTheFutureExpire) {
    for (std::int64_t at : {INT64_MAX, now + 60 * 60 * 1000}) {
        Context context = seattle_pay();
        context.updated_at_ms = at;
        EXPECT_FALSE(continues(context)) << at;
    }
}

TEST(ContextPolicy, ASmallClockSkewIsAllowed) {
    Context context = seattle_pay();
    context.updated_at_ms = now + 30 * 1000;  // another server's clock, a little ahead
    EXPECT_TRUE(continues(context));
}

TEST(ContextPolicy, NegativeTurnsCountFromZero) {
    Context context = seattle_pay();
    context.turns = INT_MIN;
    for (int i = 0; i < ContextPolicy{}.max_turns; ++i) context = ask("thanks", context).context;
    EXPECT_FALSE(continues(context)) << "turns " << context.turns;
}

TEST(ContextPolicy, HugeTurnsFromAClientExpire) {
    for (const char* turns : {"4294967296", "18446744073709551615", "2147483647"}) {
        std::string error;
        const auto context = context_from_json(
            json::parse(std::string(R"({"intent":"salary","entities":{"location":["seattle"]},"turns":)") +
                        turns + R"(,"updated_at_ms":)" + std::to_string(now - 1000) + "}"),
            error);
        ASSERT_TRUE(context) << error;
        EXPECT_FALSE(continues(*context)) << turns;
    }
}

TEST(ContextPolicy, HugeTimesFromAClientExpire) {
    for (const char* at : {"9223372036854775808", "18446744073709551615"}) {  // 2^63 would read as INT64_MIN
        std::string error;
        const auto context = context_from_json(
            json::parse(
                std::string(R"({"intent":"salary","entities":{"location":["seattle"]},"updated_at_ms":)") +
                at + "}"),
            error);
        ASSERT_TRUE(context) << error;
        EXPECT_FALSE(continues(*context)) << at;
    }
}

TEST(ContextPolicy, ShownEntriesThatNameNoFactAreDropped) {
    Context context = seattle_pay();
    const std::size_t ours = context.shown.size();
    context.shown.insert(context.shown.end(),
                         {"Evil Town", "skills.checklist@x", "skills.checklist@-1",
                          "skills.checklist@99999999999999999999", "skills.checklist@1"});
    const Answer a = ask("and in austin?", context);
    for (const std::string& entry : a.context.shown) {
        EXPECT_FALSE(contains(entry, "Evil") || contains(entry, "@x") || contains(entry, "@-") ||
                     contains(entry, "@9"))
            << entry;
    }
    const Context kept = sanitize(context, advisor(), now);
    ASSERT_EQ(kept.shown.size(), ours + 1);
    EXPECT_EQ(kept.shown.back(), "skills.checklist@1");
}

TEST(ContextPolicy, EntitiesKeepOnlyShownCatalogueValuesOnce) {
    Context context = seattle_pay();
    context.entities = {{"location", {"seattle", "seattle", "Evil Town"}},
                        {"occupation", {"nurse"}},  // routing only: steers matching, never remembered
                        {"Evil", {"seattle"}},
                        {"amount", {"130000", "1e300", "1234567890"}}};
    const Entities expected = {{"location", {"seattle"}}, {"amount", {"130000"}}};
    EXPECT_EQ(sanitize(context, advisor(), now).entities, expected);
}

// Found by the answer fuzzer: a follow-up on a context at its last allowed turn.
TEST(ContextPolicy, WhatAnAnswerWritesSurvivesSanitize) {
    std::string error;
    const auto sent = context_from_json(
        json::parse(R"({"intent":"outlook.growth","entities":{},"turns":3,"updated_at_ms":)" +
                    std::to_string(now - 10'000) + R"(,"shown":["outlook.growth-2030"]})"),
        error);
    ASSERT_TRUE(sent) << error;
    const Answer answer =
        ask("\x9f\x91\x9b\xe1"
            "after that?",
            *sent);
    const std::string written = context_to_json(answer.context).dump();
    EXPECT_EQ(context_to_json(sanitize(answer.context, advisor(), now)).dump(), written)
        << answer.intent << ": " << answer.text;
}

TEST(ContextPolicy, AnAnswerSaysWhenItsContextHadExpired) {
    Context old = seattle_pay();
    old.updated_at_ms = now - 11 * 60 * 1000;
    Context used_up = seattle_pay();
    used_up.turns = 4;
    EXPECT_TRUE(ask("what about Austin?", old).context_expired);
    EXPECT_TRUE(ask("what about Austin?", used_up).context_expired);
    EXPECT_FALSE(ask("what about Austin?", seattle_pay()).context_expired);
    EXPECT_FALSE(ask("what about Austin?").context_expired) << "no context, nothing expired";
    const json written = json::parse(to_json(ask("what about Austin?", old)).dump());
    EXPECT_EQ(written.value("context_expired", false), true);
}

// How many of the shown entries the last answer added travels with the context, counts only the entries
// sanitize() keeps, and cannot exceed what was shown.
TEST(ContextPolicy, TheLastAnswersShownEntriesRoundTripAndAreCountedAfterSanitize) {
    const Answer first = ask("what is the average back end developer salary");
    ASSERT_GT(first.context.last_shown, 0u);
    EXPECT_EQ(first.context.last_shown, first.context.shown.size());
    std::string error;
    const auto back = context_from_json(context_to_json(first.context), error);
    ASSERT_TRUE(back) << error;
    EXPECT_EQ(back->last_shown, first.context.last_shown);

    Context context = seattle_pay();
    context.shown.insert(context.shown.end(), {"Evil Town", "skills.checklist@1"});
    context.last_shown = 2;  // the last answer added an entry that names no fact, and one that does
    EXPECT_EQ(sanitize(context, advisor(), now).last_shown, 1u);

    // A client that trimmed `shown` but kept the count: all that is left counts as the last answer's.
    json trimmed = context_to_json(seattle_pay());
    trimmed["last_shown"] = trimmed["shown"].size() + 1;
    const auto read = context_from_json(trimmed, error);
    ASSERT_TRUE(read) << error;
    EXPECT_EQ(sanitize(*read, advisor(), now).last_shown, seattle_pay().shown.size());

    json too_many = context_to_json(seattle_pay());
    too_many["last_shown"] = 65;
    EXPECT_FALSE(context_from_json(too_many, error));
    EXPECT_NE(error.find("context.last_shown"), std::string::npos) << error;
}
