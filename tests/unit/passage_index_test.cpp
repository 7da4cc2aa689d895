#include "intents/passage_index.hpp"

#include <gtest/gtest.h>

#include "intents/normalizer.hpp"
#include "support/project_advisor.hpp"

// The passage index on a small hand-built knowledge base (its ranking rules), then on the project's
// data (that the guides' own sentences are found for questions worded unlike any pattern).

using namespace intents;

namespace {

Intent topic(const std::string& id, std::vector<std::string> lines, std::vector<std::string> examples = {}) {
    Intent intent;
    intent.id = id;
    intent.answer.lines = std::move(lines);
    intent.examples = std::move(examples);
    return intent;
}

struct Small {
    knowledge::KnowledgeBase kb{
        {{"src", "The source", "", "", "", "https://example.org/source"}},
        {},
        {
            {"duties.list",
             "duties",
             "src",
             "The guide lists these duties:",
             {"Setting up automated backups and disaster recovery", "Writing server-side code",
              "Designing database schemas"},
             {},
             {}},
            {"fit.calm", "fit", "src", "People who thrive stay calm during production issues.", {}, {}, {}},
            {"orphan.fact", "none", "src", "No intent names this backup fact.", {}, {}, {}},
        }};
    std::vector<Intent> intents{topic("duties", {"{fact:duties.list}"}, {"What are the duties?"}),
                                topic("fit", {"{text:fit.calm}"}, {"Who is a good fit?"})};
    Lexicon lexicon;
    PassageIndex index{kb, intents, lexicon, TermRules(lexicon, {{"backup", "backups", "snapshot"}})};
};

}  // namespace

TEST(Stemming, EnglishSnowball) {
    EXPECT_EQ(stem("backups"), "backup");
    EXPECT_EQ(stem("designing"), "design");
    EXPECT_EQ(stem("databases"), "databas");
    EXPECT_EQ(stem("401k"), "401k") << "numbers and mixed tokens stay as written";
}

TEST(PassageIndex, FindsTheItemThatAnswersWithItsOwnerIntent) {
    Small s;
    const auto hits = s.index.search(normalize("does the back-end person set up backups?", s.lexicon), 3);
    ASSERT_FALSE(hits.empty());
    const Passage& best = s.index.passage(hits.front().passage);
    ASSERT_NE(best.fact, nullptr);
    EXPECT_EQ(best.fact->id, "duties.list");
    EXPECT_EQ(best.item, 0);
    EXPECT_EQ(best.intent, "duties");
}

TEST(PassageIndex, SynonymsInTheDataAreOneTerm) {
    Small s;
    const auto hits = s.index.search("who takes the snapshots", 1);
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(s.index.passage(hits.front().passage).item, 0);
}

TEST(PassageIndex, AShareIsItsNumberWithOrWithoutTheSign) {
    const Lexicon lexicon;
    const TermRules rules(lexicon, {});
    EXPECT_EQ(rules.terms("grow about 7.5% through 2034"), rules.terms("grow about 7.5 through 2034"));
    EXPECT_TRUE(rules.terms("%").empty());
}

TEST(PassageIndex, FactsOfNoTopicAndUnsharedWordsFindNothing) {
    Small s;
    for (std::size_t i = 0; i < s.index.size(); ++i) {
        const Passage& p = s.index.passage(static_cast<std::uint32_t>(i));
        EXPECT_TRUE(p.fact == nullptr || p.fact->id != "orphan.fact");
    }
    EXPECT_TRUE(s.index.search("pizza recipe", 5).empty());
    EXPECT_TRUE(s.index.search("", 5).empty());
}

TEST(PassageIndex, AdjacentTermsRankAPassageAbove) {
    Small s;
    const auto hits = s.index.search("production issues", 2);
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(s.index.passage(hits.front().passage).intent, "fit");
}

TEST(PassageIndex, ExamplesAreIndexedForTheirIntent) {
    Small s;
    const auto hits = s.index.search("good fit", 1);
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(s.index.passage(hits.front().passage).intent, "fit");
}

TEST(PassageIndex, WorkIsBoundedByTheFirstQueryTerms) {
    Small s;
    std::string long_question;
    for (int i = 0; i < 1000; ++i) long_question += "backups ";
    const auto hits = s.index.search(long_question, 1);
    ASSERT_EQ(hits.size(), 1u);
    const auto once = s.index.search("backups", 1);
    EXPECT_DOUBLE_EQ(hits.front().score, once.front().score) << "a repeated term counts once";
}

// The guides' own sentences answer questions no pattern was written for (issue 23's examples).
TEST(PassageIndex, TheProjectGuidesAnswerUnseenWording) {
    const Advisor& advisor = test_support::project_advisor();
    struct Case {
        const char* question;
        const char* fact_prefix;
        const char* words;  // words the passage found must hold
    };
    for (const Case& c : {Case{"does the back end person set up backups", "responsibilities.", "backups"},
                          Case{"who handles disaster recovery", "responsibilities.", "disaster recovery"}}) {
        const auto hits = advisor.passages.search(normalize(c.question, advisor.lexicon), 1);
        ASSERT_FALSE(hits.empty()) << c.question;
        const Passage& p = advisor.passages.passage(hits.front().passage);
        ASSERT_NE(p.fact, nullptr) << c.question;
        EXPECT_TRUE(p.fact->id.starts_with(c.fact_prefix)) << c.question << " -> " << p.fact->id;
        const std::string text = p.item < 0 ? p.fact->text : p.fact->items[static_cast<std::size_t>(p.item)];
        EXPECT_NE(text.find(c.words), std::string::npos) << c.question << " -> " << text;
    }
}

// A fact that a topic's lines for an aspect borrow ("is it worth it?" cites the pay and growth figures) stays
// the fact of the topic whose own lines name it: a question about those figures is answered there.
TEST(PassageIndex, AFactBorrowedByAnAspectsLinesStaysItsOwnTopics) {
    Small s;
    Intent borrower = topic("borrower", {"{text:fit.calm}"});
    borrower.answer.by_aspect.push_back(AspectLines{"worth", {"{fact:duties.list}"}, {}, false, false});
    std::vector<Intent> intents{borrower, s.intents[0]};  // the borrower comes first
    const PassageIndex index{s.kb, intents, s.lexicon, TermRules(s.lexicon, {})};
    bool found = false;
    for (std::uint32_t i = 0; i < index.size(); ++i) {
        const Passage& p = index.passage(i);
        if (p.fact != nullptr && p.fact->id == "duties.list") {
            EXPECT_EQ(p.intent, "duties");
            found = true;
        }
    }
    EXPECT_TRUE(found);
}
