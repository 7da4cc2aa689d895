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
    constexpr std::int64_t now = 1'000'000;
    // No context, and the contexts of a few topics (a follow-up's answer depends on them), one of them on
    // its last turn and one stamped by a server whose clock is ahead of ours.
    std::vector<intents::Context> contexts{{}};
    for (const char* topic : {"what do back-end developers earn in Seattle?", "what skills do I need?",
                              "what does a back-end developer do?"}) {
        contexts.push_back(intents::respond(advisor(), {}, topic, now).context);
        ASSERT_FALSE(contexts.back().empty()) << topic;
    }
    intents::Context last_turn = contexts[1];
    last_turn.turns = intents::ContextPolicy{}.max_turns - 1;
    contexts.push_back(last_turn);
    intents::Context ahead = contexts[2];
    ahead.updated_at_ms = now + 30'000;
    contexts.push_back(ahead);

    std::size_t with_context = 0;
    intents::AnswerCache cache;
    for (const intents::Context& context : contexts) {
        for (const std::string& question : asked) {
            const intents::CachedAnswer cached =
                intents::cached_answer(intents::respond(advisor(), context, question, now));
            (void)cache.answer(advisor(), context, question, now);
            for (const std::int64_t later : {now, now + 1, now + 9 * 60 * 1000}) {
                const intents::Answer fresh = intents::respond(advisor(), context, question, later);
                EXPECT_EQ(cached.object_text(later), intents::answer_object_text(fresh))
                    << question << " at " << later;
                EXPECT_EQ(intents::context_to_json(cached.context_at(later)),
                          intents::context_to_json(fresh.context))
                    << question;
                const auto kept = cache.answer(advisor(), context, question, later);
                EXPECT_EQ(kept->object_text(later), intents::answer_object_text(fresh))
                    << question << " at " << later;
            }
            if (!cached.answer.context.empty()) ++with_context;
        }
    }
    EXPECT_GT(with_context, asked.size()) << "most answers set a context, whose time must be replaced";
    EXPECT_GT(cache.counts().hits, asked.size() * contexts.size()) << "the later answers were kept ones";
}

TEST(AnswerCache, TheSameWordsAreAnsweredOnceThenFound) {
    AnswerCache cache;
    const auto first = cache.answer(advisor(), {}, "how much do backend devs make in seattle??", 5);
    const auto again = cache.answer(advisor(), {}, "how much do backend devs make in seattle??", 9);
    const auto other = cache.answer(advisor(), {}, "How much do backend devs make in Seattle?", 9);
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
    const auto first = cache.answer(advisor(), {}, long_question, 5);
    const auto again = cache.answer(advisor(), {}, long_question, 5);
    EXPECT_NE(first.get(), again.get());
    EXPECT_EQ(first->answer.text, again->answer.text);
    EXPECT_EQ(cache.counts().entries, 0u);
}

TEST(AnswerCache, StaysWithinItsBudgetAndKeepsWhatIsAskedAgain) {
    constexpr std::size_t budget = 64 * 1024;
    AnswerCache cache(budget);
    const std::string popular = "What does a back-end developer do?";
    const auto kept = cache.answer(advisor(), {}, popular, 1);
    for (int i = 0; i < 400; ++i) {
        cache.answer(advisor(), {}, "what is the weather like on day " + std::to_string(i), 1);
        if (i % 5 == 0) {  // more often than a generation (32 KiB, about a dozen answers) fills
            EXPECT_EQ(cache.answer(advisor(), {}, popular, 1).get(), kept.get())
                << "after " << i << " one-offs";
        }
        EXPECT_LE(cache.counts().bytes, budget);
    }
    EXPECT_LT(cache.counts().entries, 400u) << "one-off questions were let go";
}

TEST(AnswerCache, ANoneBudgetKeepsNothing) {
    AnswerCache cache(0);
    const auto first = cache.answer(advisor(), {}, "hello", 1);
    EXPECT_NE(first.get(), cache.answer(advisor(), {}, "hello", 1).get());
    EXPECT_EQ(cache.counts().entries, 0u);
}

TEST(AnswerCache, FollowUpsAreKeptByTheirContext) {
    AnswerCache cache;
    const intents::Context salary =
        intents::respond(advisor(), {}, "what do back-end developers earn?", 5).context;
    const intents::Context skills = intents::respond(advisor(), {}, "what skills do I need?", 5).context;
    ASSERT_FALSE(salary.empty());
    ASSERT_FALSE(skills.empty());
    const std::string follow_up = "tell me more";
    const auto on_salary = cache.answer(advisor(), salary, follow_up, 6);
    const auto on_skills = cache.answer(advisor(), skills, follow_up, 6);
    EXPECT_NE(on_salary->answer.text, on_skills->answer.text);
    intents::Context salary_later = salary;
    salary_later.updated_at_ms = 7;  // the same context, answered a moment later
    EXPECT_EQ(cache.answer(advisor(), salary_later, follow_up, 8).get(), on_salary.get());
    EXPECT_EQ(cache.answer(advisor(), salary, follow_up, 8)->context_at(8).updated_at_ms, 8);
    EXPECT_EQ(cache.counts().hits, 2u);

    // What sanitize() drops does not make another key: an unknown fact among those shown.
    intents::Context noisy = salary;
    noisy.shown.push_back("no.such.fact");
    ++noisy.last_shown;  // as if the last answer had added it
    EXPECT_EQ(cache.answer(advisor(), noisy, follow_up, 8).get(), on_salary.get());

    // A context past its time is answered (saying so) but not kept.
    const std::int64_t much_later = 5 + 60LL * 60 * 1000;
    const auto late = cache.answer(advisor(), salary, follow_up, much_later);
    EXPECT_TRUE(late->answer.context_expired);
    EXPECT_EQ(late->answer.text, intents::respond(advisor(), salary, follow_up, much_later).text);
    EXPECT_EQ(cache.counts().entries, 2u);
}

TEST(AnswerCache, TheServerAnswersFromItAsItWouldWithout) {
    const std::string text = "and what about in Austin then?";
    const std::string frame = R"({"type":"ask","id":1,"text":")" + text + R"("})";
    intents::Context first_context;
    (void)server::reply_to_frame(advisor(), first_context, frame, 7, {});
    const auto before = advisor().answers->counts();
    intents::Context again_context;
    const std::string again = server::reply_to_frame(advisor(), again_context, frame, 9, {}).body;
    EXPECT_EQ(advisor().answers->counts().hits, before.hits + 1);

    const intents::Answer fresh = intents::respond(advisor(), {}, text, 9);
    std::string expected;
    intents::JsonWriter writer(expected);
    writer.begin_object();
    writer.key("type").string("answer");
    writer.key("id").integer(1);
    intents::write_answer_members(writer, fresh);
    writer.end_object();
    EXPECT_EQ(again, expected);
    EXPECT_EQ(intents::context_to_json(again_context), intents::context_to_json(fresh.context));
}
