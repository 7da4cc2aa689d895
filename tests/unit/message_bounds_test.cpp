// The bounds on the work one message may cost (intents/message_bounds.hpp): each test checks a bound
// itself (variants hashed, words read, clauses, values kept), never wall time; docs/performance.md
// has the timings.
#include "intents/message_bounds.hpp"

#include <gtest/gtest.h>

#include <string>

#include "intents/normalizer.hpp"
#include "intents/responder.hpp"
#include "support/project_advisor.hpp"

using namespace intents;

namespace {

const Advisor& advisor() { return test_support::project_advisor(); }
const Lexicon& lexicon() { return advisor().lexicon; }

// `unit` repeated `times` times.
std::string repeat(const std::string& unit, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += unit;
    return out;
}

// A word of `length` letters, no three alike in a row (which step 4 would shrink).
std::string long_word(std::size_t length) {
    std::string word;
    for (std::size_t i = 0; i < length; ++i) word.push_back(static_cast<char>('a' + (i * 7 + i / 26) % 26));
    return word;
}

// What checking one word for typos may cost: its variants with up to two letters deleted.
constexpr std::size_t max_variants =
    1 + max_typo_word_letters + max_typo_word_letters * (max_typo_word_letters - 1);

std::size_t word_count(const std::vector<Clause>& clauses) {
    std::size_t words = 0;
    for (const Clause& c : clauses) words += split_words(c.text).size();
    return words;
}

}  // namespace

TEST(TypoBounds, AThousandLetterWordIsNotCheckedAtAll) {
    const std::string word = long_word(1000);
    const TypoCorrection c = correct_typo(word, lexicon());
    EXPECT_EQ(c.word, word);
    EXPECT_EQ(c.variants, 0u);
    EXPECT_EQ(c.candidates, 0u);
}

TEST(TypoBounds, NoWordOfAnyLengthHashesMoreVariantsThanTheBound) {
    for (std::size_t length : {5u, 8u, 16u, 18u, 19u, 24u, 25u, 40u, 100u}) {
        EXPECT_LE(correct_typo(long_word(length), lexicon()).variants, max_variants) << length << " letters";
    }
}

TEST(TypoBounds, WordsUpToTheLongestVocabularyWordPlusTwoAreStillChecked) {
    std::size_t longest = 0;
    for (const std::string& w : lexicon().vocabulary) longest = std::max(longest, w.size());
    ASSERT_LE(longest + 2, max_typo_word_letters);
    EXPECT_EQ(lexicon().typo_word_limit(), longest + 2);
    EXPECT_GT(correct_typo(long_word(longest + 2), lexicon()).variants, 0u);
    EXPECT_EQ(correct_typo(long_word(longest + 3), lexicon()).variants, 0u);
}

TEST(TypoBounds, NormalTyposAreStillCorrected) {
    EXPECT_EQ(correct_typo("develper", lexicon()).word, "developer");
    EXPECT_EQ(correct_typo("backened", lexicon()).word, "backend");
    EXPECT_EQ(normalize("salery for a backened develper", lexicon()), "salary for a back end developer");
}

TEST(TypoBounds, OnlyTheFirstWordsOfAMessageAreCheckedForTypos) {
    const std::string normalized = normalize(repeat("develper ", max_typo_checks + 2), lexicon());
    EXPECT_EQ(normalized, repeat("developer ", max_typo_checks) + "develper develper");
}

TEST(MessageBounds, NormalizeReadsAtMostTheWordCap) {
    EXPECT_EQ(split_words(normalize(repeat("pay ", 1000), lexicon())).size(), max_message_words);
}

TEST(MessageBounds, AThousandCharactersOfCommaClausesStopAtTheClauseCap) {
    const std::string text = repeat("a, ", 334).substr(0, 1000);  // "a, a, a, …": 334 clauses
    EXPECT_EQ(normalize_clauses(text, lexicon()).size(), max_message_clauses);
}

TEST(MessageBounds, ClausesJoinedByAndStopAtTheClauseCapToo) {
    const std::string text = "what is the pay" + repeat(" and what is the pay", 30);  // one piece, 31 clauses
    EXPECT_EQ(normalize_clauses(text, lexicon()).size(), max_message_clauses);
}

TEST(MessageBounds, TheWordCapCountsTheWholeMessageNotEachClause) {
    const std::string clause = repeat("pay ", 30) + "? ";  // 10 clauses of 30 words: 300 words
    const auto clauses = normalize_clauses(repeat(clause, 10), lexicon());
    EXPECT_EQ(word_count(clauses), max_message_words);
}

TEST(MessageBounds, AQuestionAfterTheClauseCapIsIgnored) {
    const std::string question = "how much do back-end developers make in Seattle?";
    ASSERT_EQ(respond(advisor(), {}, question, 0).intent, "salary");
    EXPECT_EQ(respond(advisor(), {}, repeat("a, ", max_message_clauses) + question, 0).intent, "fallback");
}

TEST(MessageBounds, ContextCarriedIntoAQuestionIsItsLatestWords) {
    // Seattle is named more than max_context_words words before the pay question; the skills
    // question after it makes the message two questions, each resolved with its own context.
    const std::string filler = "i have been reading a lot of books about cooking lately, ";  // 11 words
    const std::string text = "i live in seattle, " + repeat(filler, max_context_words / 11 + 1) +
                             "how much would i make? and what skills do i need?";
    const Answer a = respond(advisor(), {}, text, 0);
    ASSERT_EQ(a.parts.size(), 2u) << a.text;
    EXPECT_FALSE(a.entities.contains("location")) << a.text;
}

TEST(MessageBounds, AQuestionKeepsAtMostTheCapOfValuesOfOneKind) {
    std::string amounts;
    for (int i = 0; i < 20; ++i) amounts += "$" + std::to_string(100001 + i) + " ";
    const Entities found = advisor().entities.extract(normalize(amounts, lexicon()));
    ASSERT_TRUE(found.contains("amount"));
    EXPECT_EQ(found.at("amount").size(), max_values_per_kind);
    EXPECT_EQ(found.at("amount").front(), "100001");  // the first ones named
}

TEST(MessageBounds, AContextSentBackKeepsAtMostTheCapOfValuesOfOneKind) {
    Context context{"salary", {}, 0, 0, {}};
    for (int i = 0; i < 20; ++i) context.entities["amount"].push_back(std::to_string(100001 + i));
    const Answer a = respond(advisor(), context, "and in seattle?", 0);
    ASSERT_EQ(a.intent, "salary") << a.text;
    ASSERT_TRUE(a.context.entities.contains("amount"));
    EXPECT_EQ(a.context.entities.at("amount").size(), max_values_per_kind);
}
