#include "intents/answer_cache.hpp"

#include <gtest/gtest.h>

#include "intents/answer_json.hpp"
#include "intents/responder.hpp"
#include "server/protocol.hpp"
#include "support/project_advisor.hpp"

using intents::AnswerCache;
using nlohmann::json;

namespace {

const intents::Advisor& advisor() { return test_support::project_advisor(); }

std::string members_of(const intents::Answer& answer) {
    std::string out;
    intents::JsonWriter writer(out);
    writer.begin_object();
    intents::write_answer_members(writer, answer);
    writer.end_object();
    return out;
}

std::string cached_members_of(const intents::CachedAnswer& cached, std::int64_t now_ms) {
    std::string out;
    intents::JsonWriter writer(out);
    writer.begin_object();
    cached.write_members(writer, now_ms);
    writer.end_object();
    return out;
}

// Every intent's examples and suggestions: what people ask first, and every kind of answer.
std::vector<std::string> questions() {
    std::vector<std::string> out;
    for (const intents::Intent& intent : advisor().intents) {
        out.insert(out.end(), intent.examples.begin(), intent.examples.end());
        out.insert(out.end(), intent.suggestions.begin(), intent.suggestions.end());
    }
    return out;
}

}  // namespace

TEST(CachedAnswer, WritesWhatRespondWritesAtAnyLaterTime) {
    const std::vector<std::string> asked = questions();
    ASSERT_GT(asked.size(), 100u);
    std::size_t with_context = 0;
    for (const std::string& question : asked) {
        const intents::CachedAnswer cached =
            intents::cached_answer(intents::respond(advisor(), {}, question, 1'000'000));
        for (const std::int64_t later : {1'000'000LL, 1'000'001LL, 1'764'000'000'000LL}) {
            const intents::Answer fresh = intents::respond(advisor(), {}, question, later);
            EXPECT_EQ(cached_members_of(cached, later), members_of(fresh)) << question << " at " << later;
            EXPECT_EQ(intents::context_to_json(cached.context_at(later)),
                      intents::context_to_json(fresh.context))
                << question;
        }
        if (!cached.answer.context.empty()) ++with_context;
    }
    EXPECT_GT(with_context, asked.size() / 2) << "most answers set a context, whose time must be replaced";
}

TEST(AnswerCache, TheSameWordsAreAnsweredOnceThenFound) {
    AnswerCache cache;
    const auto first = cache.answer(advisor(), "how much do backend devs make in seattle??", 5);
    const auto again = cache.answer(advisor(), "how much do backend devs make in seattle??", 9);
    const auto other = cache.answer(advisor(), "How much do backend devs make in Seattle?", 9);
    EXPECT_EQ(first.get(), again.get());
    EXPECT_NE(first.get(), other.get()) << "kept by their exact text";
    EXPECT_EQ(again->context_at(9).updated_at_ms, 9);
    const AnswerCache::Counts counts = cache.counts();
    EXPECT_EQ(counts.hits, 1u);
    EXPECT_EQ(counts.misses, 2u);
    EXPECT_EQ(counts.entries, 2u);
}

TEST(AnswerCache, LongQuestionsAreAnsweredButNotKept) {
    AnswerCache cache;
    const std::string long_question = "what do back-end developers earn " + std::string(300, 'a');
    const auto first = cache.answer(advisor(), long_question, 5);
    const auto again = cache.answer(advisor(), long_question, 5);
    EXPECT_NE(first.get(), again.get());
    EXPECT_EQ(first->answer.text, again->answer.text);
    EXPECT_EQ(cache.counts().entries, 0u);
}

TEST(AnswerCache, StaysWithinItsBudgetAndKeepsWhatIsAskedAgain) {
    constexpr std::size_t budget = 64 * 1024;
    AnswerCache cache(budget);
    const std::string popular = "What does a back-end developer do?";
    const auto kept = cache.answer(advisor(), popular, 1);
    for (int i = 0; i < 400; ++i) {
        cache.answer(advisor(), "what is the weather like on day " + std::to_string(i), 1);
        if (i % 5 == 0) {  // more often than a generation (32 KiB, about a dozen answers) fills
            EXPECT_EQ(cache.answer(advisor(), popular, 1).get(), kept.get()) << "after " << i << " one-offs";
        }
        EXPECT_LE(cache.counts().bytes, budget);
    }
    EXPECT_LT(cache.counts().entries, 400u) << "one-off questions were let go";
}

TEST(AnswerCache, ANoneBudgetKeepsNothing) {
    AnswerCache cache(0);
    const auto first = cache.answer(advisor(), "hello", 1);
    EXPECT_NE(first.get(), cache.answer(advisor(), "hello", 1).get());
    EXPECT_EQ(cache.counts().entries, 0u);
}

TEST(AnswerCache, TheServerUsesItOnlyForQuestionsAskedWithNoContext) {
    const std::string question = R"({"type":"ask","id":1,"text":"and what about in Austin then?"})";
    const auto before = advisor().answers->counts();
    intents::Context context;
    const json first = json::parse(server::reply_to_frame(advisor(), context, question, 7, {}).body);
    const auto after_first = advisor().answers->counts();
    EXPECT_EQ(after_first.misses, before.misses + 1);

    // A follow-up: the conversation's context changes the answer, so it is not looked up.
    intents::Context salary;
    server::reply_to_frame(advisor(), salary, R"({"type":"ask","text":"what do back-end developers earn?"})",
                           7, {});
    ASSERT_FALSE(salary.empty());
    const auto before_follow_up = advisor().answers->counts();
    const json follow_up = json::parse(server::reply_to_frame(advisor(), salary, question, 8, {}).body);
    const auto after_follow_up = advisor().answers->counts();
    EXPECT_EQ(after_follow_up.hits, before_follow_up.hits);
    EXPECT_EQ(after_follow_up.misses, before_follow_up.misses);
    EXPECT_NE(follow_up["text"], first["text"]) << "with the salary context, Austin's pay";

    intents::Context empty;
    const json again = json::parse(server::reply_to_frame(advisor(), empty, question, 9, {}).body);
    EXPECT_EQ(advisor().answers->counts().hits, after_follow_up.hits + 1);
    EXPECT_EQ(again["text"], first["text"]);
}
