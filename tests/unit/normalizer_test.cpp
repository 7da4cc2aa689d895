#include <gtest/gtest.h>

#include <algorithm>

#include "intents/normalizer.hpp"

using intents::Lexicon;
using intents::normalize;

namespace {

Lexicon test_lexicon() {
    Lexicon l;
    l.shorthand = {{"devs", "developers"}, {"dev", "developer"}, {"sf", "san francisco"}, {"nyc", "new york"},
                   {"yrs", "years"}, {"backend", "back end"}, {"wat", "what"}};
    l.vocabulary = {"salary", "developer", "developers", "back", "end", "bootcamp", "seattle", "weather", "years"};
    std::sort(l.vocabulary.begin(), l.vocabulary.end());
    return l;
}

}  // namespace

TEST(Normalize, LowercasesAndDropsPunctuation) {
    EXPECT_EQ(normalize("What DOES a Back-End dev do!!", test_lexicon()), "what does a back end developer do");
}

TEST(Normalize, KeepsQuestionMarksAsSeparateTokens) {
    EXPECT_EQ(normalize("pay in seattle??", test_lexicon()), "pay in seattle ? ?");
}

TEST(Normalize, FoldsCurlyQuotesAndDashes) {
    EXPECT_EQ(normalize("what\xE2\x80\x99s the pay \xE2\x80\x94 roughly", test_lexicon()), "whats the pay roughly");
}

TEST(Normalize, ShrinksRepeatedLetters) { EXPECT_EQ(normalize("sooooo coool", test_lexicon()), "soo cool"); }

TEST(Normalize, ExpandsShorthand) {
    EXPECT_EQ(normalize("wat do backend devs make in sf or nyc", test_lexicon()),
              "what do back end developers make in san francisco or new york");
}

TEST(Normalize, ExpandsThousandsAndDropsNumberCommas) {
    EXPECT_EQ(normalize("is $130k good? or 125,000", test_lexicon()), "is $130000 good ? or 125000");
}

TEST(Normalize, KeepsDecimalPoints) { EXPECT_EQ(normalize("7.5% growth", test_lexicon()), "7.5% growth"); }

TEST(Normalize, CorrectsSmallTyposInDomainWords) {
    EXPECT_EQ(normalize("salery of a develper", test_lexicon()), "salary of a developer");
    EXPECT_EQ(normalize("bootcmap", test_lexicon()), "bootcamp");   // transposition counts as one edit
    EXPECT_EQ(normalize("seatle", test_lexicon()), "seattle");
}

TEST(Normalize, LeavesShortAndUnknownWordsAlone) {
    EXPECT_EQ(normalize("pizza recipe", test_lexicon()), "pizza recipe");
    EXPECT_EQ(normalize("weather", test_lexicon()), "weather");
}

TEST(Normalize, ReplacesOtherNonAsciiWithSpaces) {
    EXPECT_EQ(normalize("caf\xC3\xA9 salary \xF0\x9F\x98\x80", test_lexicon()), "caf salary");
}

TEST(Normalize, IsDeterministic) {
    const std::string text = "Backend DEVS salery in SF?!";
    EXPECT_EQ(normalize(text, test_lexicon()), normalize(text, test_lexicon()));
}

TEST(EditDistance, CountsInsertDeleteSubstituteAndSwap) {
    EXPECT_EQ(intents::edit_distance("salary", "salary", 2), 0u);
    EXPECT_EQ(intents::edit_distance("salery", "salary", 2), 1u);
    EXPECT_EQ(intents::edit_distance("slaary", "salary", 2), 1u);
    EXPECT_EQ(intents::edit_distance("backened", "backend", 2), 1u);
    EXPECT_EQ(intents::edit_distance("abc", "xyz", 1), 2u);  // stops past the limit
}
