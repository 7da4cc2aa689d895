#include "intents/normalizer.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using intents::Lexicon;
using intents::normalize;

namespace {

Lexicon test_lexicon() {
    intents::LexiconWords l;
    l.shorthand = {{"devs", "developers"}, {"dev", "developer"}, {"sf", "san francisco"},
                   {"nyc", "new york"},    {"yrs", "years"},     {"backend", "back end"},
                   {"wat", "what"}};
    l.vocabulary = {"salary",   "developer", "developers", "back", "end",
                    "bootcamp", "seattle",   "weather",    "years"};
    std::sort(l.vocabulary.begin(), l.vocabulary.end());
    l.joiners = {"and", "also", "so"};
    l.clause_joiners = {"and", "also", "plus", "then"};
    l.question_words = {"what", "how", "where", "which", "is", "do", "does", "can", "should"};
    return Lexicon(std::move(l));
}

}  // namespace

TEST(Normalize, LowercasesAndDropsPunctuation) {
    EXPECT_EQ(normalize("What DOES a Back-End dev do!!", test_lexicon()),
              "what does a back end developer do");
}

TEST(Normalize, KeepsQuestionMarksAsSeparateTokens) {
    EXPECT_EQ(normalize("pay in seattle??", test_lexicon()), "pay in seattle ? ?");
}

TEST(Normalize, FoldsCurlyQuotesAndDashes) {
    EXPECT_EQ(normalize("what\xE2\x80\x99s the pay \xE2\x80\x94 roughly", test_lexicon()),
              "whats the pay roughly");
}

TEST(Normalize, ShrinksRepeatedLetters) { EXPECT_EQ(normalize("sooooo coool", test_lexicon()), "soo cool"); }

TEST(Normalize, ExpandsShorthand) {
    EXPECT_EQ(normalize("wat do backend devs make in sf or nyc", test_lexicon()),
              "what do back end developers make in san francisco or new york");
}

TEST(Normalize, ExpandsThousandsAndDropsNumberCommas) {
    EXPECT_EQ(normalize("is $130k good? or 125,000", test_lexicon()), "is $130000 good ? or 125000");
    EXPECT_EQ(normalize("can i make 250k+", test_lexicon()), "can i make 250000+");
}

TEST(Normalize, KeepsDecimalPoints) { EXPECT_EQ(normalize("7.5% growth", test_lexicon()), "7.5% growth"); }

TEST(Normalize, CorrectsSmallTyposInDomainWords) {
    EXPECT_EQ(normalize("salery of a develper", test_lexicon()), "salary of a developer");
    EXPECT_EQ(normalize("bootcmap", test_lexicon()), "bootcamp");  // transposition counts as one edit
    EXPECT_EQ(normalize("seatle", test_lexicon()), "seattle");
}

TEST(Normalize, LeavesShortAndUnknownWordsAlone) {
    EXPECT_EQ(normalize("pizza recipe", test_lexicon()), "pizza recipe");
    EXPECT_EQ(normalize("weather", test_lexicon()), "weather");
}

TEST(Normalize, FoldsAccentsAndReplacesOtherNonAsciiWithSpaces) {
    EXPECT_EQ(normalize("caf\xC3\xA9 salary \xF0\x9F\x98\x80", test_lexicon()), "cafe salary");
    EXPECT_EQ(normalize("\xC2\xBF"
                        "Cu\xC3\xA1nto gana un d\xC3\xA9veloppeur? Stra\xC3\x9F"
                        "e",
                        test_lexicon()),
              "cuanto gana un developer ? strasse");  // "developpeur", then corrected
}

// Polish, Czech, Hungarian, Turkish letters (Latin Extended-A) fold too, so their words stay whole.
TEST(Normalize, FoldsLatinExtendedALetters) {
    EXPECT_EQ(normalize("Cze\xC5\x9B\xC4\x87 przysz\xC5\x82o\xC5\x9B\xC4\x87 \xC5\xBC\xC3\xB3\xC5\x82w "
                        "\xC5\x91 \xC5\xBF",
                        test_lexicon()),
              "czesc przyszlosc zolw o s");
}

// Cyrillic is written in Latin letters, capitals too, so Russian and Ukrainian words can be translated;
// the hard and soft signs leave nothing.
TEST(Normalize, WritesCyrillicInLatinLetters) {
    EXPECT_EQ(normalize("\xD0\xA1\xD0\xBA\xD0\xBE\xD0\xBB\xD1\x8C\xD0\xBA\xD0\xBE "          // Сколько
                        "\xD0\xBF\xD0\xBE\xD0\xBB\xD1\x83\xD1\x87\xD0\xB0\xD0\xB5\xD1\x82 "  // получает
                        "\xD0\xB1\xD1\x8D\xD0\xBA\xD0\xB5\xD0\xBD\xD0\xB4\xD0\xB5\xD1\x80? "  // бэкендер
                        "\xD0\xA9\xD1\x91 \xD1\x97",                                          // Щё ї
                        test_lexicon()),
              "skolko poluchaet bekender ? shche yi");
}

// A sum over a period ("$150/hr", "8k/mo") reads as per that period; other slashes part words.
TEST(Normalize, ASlashAfterASumReadsAsPer) {
    const std::string hourly = normalize("they charge $150/hr", test_lexicon());
    EXPECT_NE(hourly.find("$150 per "), std::string::npos) << hourly;
    EXPECT_EQ(normalize("node/express", test_lexicon()).find("per"), std::string::npos);
}

TEST(EditDistance, CountsInsertDeleteSubstituteAndSwap) {
    EXPECT_EQ(intents::edit_distance("salary", "salary", 2), 0u);
    EXPECT_EQ(intents::edit_distance("salery", "salary", 2), 1u);
    EXPECT_EQ(intents::edit_distance("slaary", "salary", 2), 1u);
    EXPECT_EQ(intents::edit_distance("backened", "backend", 2), 1u);
    EXPECT_EQ(intents::edit_distance("abc", "xyz", 1), 2u);  // stops past the limit
}

namespace {

std::vector<std::string> clause_texts(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& c : intents::normalize_clauses(text, test_lexicon())) out.push_back(c.text);
    return out;
}

}  // namespace

TEST(NormalizeClauses, SplitsAtPunctuationAndAtJoinersBeforeQuestionWords) {
    EXPECT_EQ(clause_texts("what skills do I need and what does it pay?"),
              (std::vector<std::string>{"what skills do i need", "what does it pay"}));
    EXPECT_EQ(clause_texts("hi! pay in seattle, and how about austin"),
              (std::vector<std::string>{"hi", "pay in seattle", "and how about austin"}));
}

TEST(NormalizeClauses, KeepsNumbersAndPlainConjunctionsWhole) {
    EXPECT_EQ(clause_texts("is 125,000 or 7.5 good"), (std::vector<std::string>{"is 125000 or 7.5 good"}));
    EXPECT_EQ(clause_texts("difference between backend and frontend"),
              (std::vector<std::string>{"difference between back end and frontend"}));
}

// A numbered or line-broken list is one question per item, each marked a question even without "?".
TEST(NormalizeClauses, SplitsNumberedListsAndLinesIntoQuestions) {
    const auto clauses =
        intents::normalize_clauses("quick ones: 1) languages 2) sql or nosql (3) pay", test_lexicon());
    std::vector<std::string> texts;
    for (const auto& c : clauses) texts.push_back(c.text);
    EXPECT_EQ(texts, (std::vector<std::string>{"quick ones", "languages", "sql or nosql", "pay"}));
    EXPECT_TRUE(clauses[1].question && clauses[2].question && clauses[3].question);
    EXPECT_EQ(clause_texts("1. bootcamp length\n2. pay"),
              (std::vector<std::string>{"bootcamp length", "pay"}));
    EXPECT_EQ(clause_texts("three things: (a) languages, (b) pay, C) bootcamp length"),
              (std::vector<std::string>{"three things", "languages", "pay", "bootcamp length"}));
    EXPECT_EQ(clause_texts("plan b) is a bootcamp"), (std::vector<std::string>{"plan b is a bootcamp"}));
    EXPECT_EQ(clause_texts("is 7.5 or 13 right? version 2.0"),
              (std::vector<std::string>{"is 7.5 or 13 right", "version 2.0"}));
}

TEST(NormalizeClauses, MarksWhichClausesReadAsQuestions) {
    const auto clauses =
        intents::normalize_clauses("I panic under pressure, is it for me? hi!", test_lexicon());
    ASSERT_EQ(clauses.size(), 3u);
    EXPECT_FALSE(clauses[0].question);
    EXPECT_TRUE(clauses[1].question);
    EXPECT_TRUE(clauses[2].question);  // ended with "!"
}

TEST(Normalize, DropsFillerWords) {
    Lexicon l = test_lexicon();
    l.fillers = {"actually", "basically"};
    EXPECT_EQ(normalize("what do devs actually do", l), "what do developers do");
}

// Step 9 holds whatever the lexicon's expansions look like: one that is empty, or has spaces at its ends or
// doubled, leaves no empty word behind.
TEST(Normalize, ExpansionsLeaveSingleSpaces) {
    intents::LexiconWords words = test_lexicon();
    words.shorthand["lol"] = "";
    words.shorthand["btw"] = " by  the way ";
    const Lexicon l(std::move(words));
    EXPECT_EQ(normalize("pay lol now lol", l), "pay now");
    EXPECT_EQ(normalize("btw pay btw", l), "by the way pay by the way");
    const auto clauses = intents::normalize_clauses("lol btw what pay", l);
    ASSERT_EQ(clauses.size(), 1u);
    EXPECT_EQ(clauses[0].text, "by the way what pay");
}

TEST(Normalize, CorrectedShorthandIsExpanded) {
    intents::LexiconWords words = test_lexicon();
    words.vocabulary.push_back("backend");
    const Lexicon l(std::move(words));  // sorts and indexes the vocabulary itself
    EXPECT_EQ(normalize("backened", l), "back end");
}

// A real word is spelt as meant: "override" once read as "overtime" (the working-hours gap) and "undefined"
// as "defined". It is read only as another form of itself ("nigerian" as "nigeria"); typos still correct.
TEST(Normalize, AWordOfTheDictionaryIsNoTypo) {
    intents::LexiconWords words = test_lexicon();
    for (const char* w : {"overtime", "nigeria", "defined"}) words.vocabulary.push_back(w);
    intents::LexiconWords without = words;
    words.english = {"override", "undefined", "nigerian", "salary"};
    const Lexicon l(std::move(words));
    EXPECT_EQ(intents::correct_typo("override", l).word, "override");
    EXPECT_EQ(intents::correct_typo("undefined", l).word, "undefined");
    EXPECT_EQ(intents::correct_typo("nigerian", l).word, "nigeria");
    EXPECT_EQ(intents::correct_typo("salery", l).word, "salary") << "not in the dictionary: a typo";
    const Lexicon no_dictionary(std::move(without));
    EXPECT_EQ(intents::correct_typo("override", no_dictionary).word, "overtime") << "what the rule prevents";
}

// The words as written: no typo correction ("mejor" is not "major"), no shorthand, accents folded.
TEST(WrittenWords, AreTheMessagesOwnWordsLowerCasedWithAccentsFolded) {
    EXPECT_EQ(intents::written_words("¿Vale la pena? ¡Mejor la Universidad, devs!"),
              (std::vector<std::string>{"vale", "la", "pena", "?", "mejor", "la", "universidad", "devs"}));
}
