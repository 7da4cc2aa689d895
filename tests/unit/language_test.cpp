#include "intents/language.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using intents::Lexicon;
using intents::mostly_other_script;
using intents::reads_as_other_language;

namespace {

Lexicon test_lexicon() {
    intents::LexiconWords l;
    l.shorthand = {{"devs", "developers"}};
    l.vocabulary = {"backend", "salary", "developer"};
    l.english = {"how", "much", "does", "a",      "make", "in", "is",
                 "the", "pay",  "was",  "france", "what", "la", "un"};
    l.translations = {
        {"cuanto", "how much"}, {"gana", "earn"}, {"un", "a"}, {"la", "the"}, {"universidad", "university"}};
    std::sort(l.english.begin(), l.english.end());
    std::sort(l.vocabulary.begin(), l.vocabulary.end());
    return Lexicon(std::move(l));
}

}  // namespace

TEST(Language, EnglishWordsFromTheDictionaryVocabularyOrShorthandAreEnglish) {
    const Lexicon lexicon = test_lexicon();
    EXPECT_FALSE(reads_as_other_language(lexicon,
                                         {"how", "much", "does", "a", "backend", "developer", "make"},
                                         "how much does a backend developer make"));
    EXPECT_FALSE(reads_as_other_language(lexicon, {"what", "do", "devs", "make"}, "what do devs make"));
}

TEST(Language, HalfTheWordsUnknownAndThreeAtLeastIsAnotherLanguage) {
    const Lexicon lexicon = test_lexicon();
    // Four of six counted words unknown.
    EXPECT_TRUE(reads_as_other_language(lexicon, {"ile", "zarabia", "backend", "developer", "we", "polsce"},
                                        "ile zarabia backend developer w Polsce"));
    // Two unknown words are not enough, however short the message.
    EXPECT_FALSE(reads_as_other_language(lexicon, {"vorrei", "kitni"}, "vorrei kitni"));
    // Three unknown among seven known: under half.
    EXPECT_FALSE(reads_as_other_language(
        lexicon, {"how", "much", "does", "a", "backend", "developer", "make", "in", "xx", "yy", "zz"},
        "..."));
}

TEST(Language, DigitsAndOneLetterWordsCountForNeitherSide) {
    const Lexicon lexicon = test_lexicon();
    // "2025" and "x" are not counted: three unknown of four counted.
    EXPECT_TRUE(reads_as_other_language(lexicon,
                                        {"quanto", "guadagna", "sviluppatore", "salary", "2025", "x"},
                                        "quanto guadagna sviluppatore salary 2025 x"));
}

TEST(Language, MostlyAnotherScriptIsAnotherLanguageWithNoWordsRead) {
    const Lexicon lexicon = test_lexicon();
    EXPECT_TRUE(reads_as_other_language(lexicon, {}, "Сколько зарабатывает бэкенд-разработчик?"));
    EXPECT_TRUE(mostly_other_script("बैकएंड डेवलपर की सैलरी कितनी है"));
    EXPECT_TRUE(mostly_other_script("バックエンドの給料"));
}

TEST(Language, AccentsEmojiAndAFewForeignLettersAreNotAnotherScript) {
    EXPECT_FALSE(mostly_other_script("¿Cuánto gana un desarrollador backend en España?"));
    EXPECT_FALSE(mostly_other_script("backend salary 🚀🚀🚀🚀🚀"));
    EXPECT_FALSE(mostly_other_script("is the pay good in Kraków or in Мск"));  // three Cyrillic letters
    EXPECT_FALSE(mostly_other_script("\xff\xfe\xfd\xfc\xfb"));                 // no valid sequence
}

// Short words of other languages are often English words too ("un", "la"): when two in five words are ones
// the translations know, three unknown words are enough.
TEST(Language, TranslatedWordsBesideThreeUnknownOnesAreAnotherLanguage) {
    const Lexicon lexicon = test_lexicon();
    // Unknown: cuanto, gana, mejor (3 of 8); translated: cuanto, gana, un, la, universidad (5 of 8).
    EXPECT_TRUE(reads_as_other_language(
        lexicon, {"cuanto", "gana", "un", "backend", "developer", "mejor", "la", "universidad"}, "..."));
    // Translated words alone, without three unknown ones, are English ("la", "un").
    EXPECT_FALSE(reads_as_other_language(lexicon, {"la", "un", "salary", "cuanto", "gana"}, "..."));
}
