// What loading the intents folder refuses, and how it says so (file, intent, JSON path).
#include <gtest/gtest.h>

#include "support/project_advisor.hpp"
#include "support/temp_dir.hpp"

using namespace test_support;

TEST(IntentLoader, TemplateNamingAMissingFactIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "outlook.json", "{fact:outlook.", "{fact:outlook.nope-");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("which does not exist"), std::string::npos) << error;
    EXPECT_NE(error.find("outlook.json"), std::string::npos) << error;
}

TEST(IntentLoader, FigurePlaceholderNamingAMissingFactIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "salary.json", "{figure:salary.median.truest}",
                    "{figure:salary.median.nope}");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("names fact 'salary.median.nope', which does not exist"), std::string::npos)
        << error;
}

TEST(IntentLoader, FigurePlaceholderOnAFactWithoutFiguresIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "salary.json", "{figure:salary.median.truest}",
                    "{figure:salary.factors}");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("{figure:salary.factors} names a fact without figures"), std::string::npos) << error;
}

TEST(IntentLoader, GapWithoutATopicToContinueIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "gaps.json", "\"continues\": \"salary\"",
                    "\"continues\": \"nothing\"");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("a gap must name the topic intent follow-ups continue, not 'nothing'"),
              std::string::npos)
        << error;
}

TEST(IntentLoader, RefusesOnAnIntentThatIsNoSmalltalkIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "gaps.json", "\"continues\": \"salary\"",
                    "\"continues\": \"salary\", \"refuses\": true");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("/refuses: only a smalltalk intent declines what a message asks"), std::string::npos)
        << error;
}

TEST(IntentLoader, AnEntityGapThatIsNoGapIntentIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "entities.json", "\"gap\": \"uncovered.pay_by_technology\"",
                    "\"gap\": \"salary\"");
    const std::string error = load_errors(data);
    EXPECT_NE(
        error.find(
            "entities.json: kind 'technology' /gap: 'salary' is not a gap intent that continues a topic"),
        std::string::npos)
        << error;
}

// "The guides don't mention X" is a claim about the guides: a value said to be in none of them but named by a
// fact is refused, as is one no topic would answer.
TEST(IntentLoader, AValueSaidToBeInNoGuideThatAFactNamesIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "entities.json", "\"aliases\": [\n            \"internship\",",
                    "\"aliases\": [\n            \"digital infrastructure\",\n            \"internship\",");
    replace_in_file(data.intents() / "entities.json",
                    "\"intent\": \"education.getting_started\"\n        },\n        {\n          \"id\": "
                    "\"apprenticeship\"",
                    "\"intent\": \"\"\n        },\n        {\n          \"id\": \"apprenticeship\"");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("entities.json: unmentioned 'internship' /not_in_guides: fact '"), std::string::npos)
        << error;
    EXPECT_NE(error.find("' says 'digital infrastructure'"), std::string::npos) << error;
    EXPECT_NE(error.find("/not_in_guides: needs an intent"), std::string::npos) << error;
}

// "software architect" named both a level the guides give pay for and a role "they don't mention": refused.
TEST(IntentLoader, AValueSaidToBeInNoGuideSharingAnAliasWithAnotherKindIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "entities.json", "\"aliases\": [\n            \"internship\",",
                    "\"aliases\": [\n            \"senior\",\n            \"internship\",");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("unmentioned 'internship' /not_in_guides: 'senior' also names level 'senior'"),
              std::string::npos)
        << error;
}

TEST(IntentLoader, BadPatternNamesFileIntentAndRe2Error) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "education.json", "\"patterns\": [",
                    "\"patterns\": [\"(unclosed\", ");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("education.json: intent '"), std::string::npos) << error;
    EXPECT_NE(error.find("missing )"), std::string::npos) << error;
}

TEST(IntentLoader, MissingFallbackIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "smalltalk.json", "\"id\": \"fallback\"",
                    "\"id\": \"fallback2\"");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("no intent has id 'fallback'"), std::string::npos) << error;
}

TEST(IntentLoader, MalformedFigureNotesAreReported) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "salary.json", "\"amount\": {",
                    "\"amount\": \"below\", \"unused\": {");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("salary.json: /intents/0/answer/figure_notes/amount: must be an object"),
              std::string::npos)
        << error;
}

// What a value cancels must be a kind there is.
TEST(IntentLoader, ACancelledKindMustExist) {
    test_support::DataCopy data;
    test_support::replace_in_file(data.intents() / "entities.json", "\"cancels\": [\n            \"amount\"",
                                  "\"cancels\": [\n            \"amounts\"");
    auto loaded = intents::load_advisor(data.knowledge(), data.intents());
    ASSERT_FALSE(loaded.errors.empty());
    std::string all;
    for (const std::string& e : loaded.errors) all += e + "\n";
    EXPECT_NE(all.find("/cancels: unknown entity kind 'amounts'"), std::string::npos) << all;
}

TEST(IntentLoader, ADictionaryThatCannotBeReadIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "lexicon.json", "/usr/share/dict/american-english",
                    "/nonexistent/words");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("lexicon.json"), std::string::npos) << error;
    EXPECT_NE(error.find("/dictionary"), std::string::npos) << error;
    EXPECT_NE(error.find("wamerican"), std::string::npos) << error;
}

// A device or a FIFO named as the dictionary is an error, not a reload that never ends or fills memory.
TEST(IntentLoader, ADictionaryThatIsNotARegularFileIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "lexicon.json", "/usr/share/dict/american-english", "/dev/zero");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("/dictionary"), std::string::npos) << error;
    EXPECT_NE(error.find("not a regular file"), std::string::npos) << error;
}

// An aspect's home in a conversation (`home_with`) must be a topic, for a kind that exists.
TEST(IntentLoader, AHomeWithThatIsNoTopicOrNamesNoKindIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "entities.json", "\"level\": \"role.progression\"",
                    "\"level\": \"uncovered.age\", \"levels\": \"role.progression\"");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("aspect 'duration' /home_with /intent: 'uncovered.age' is not a topic intent"),
              std::string::npos)
        << error;
    EXPECT_NE(error.find("aspect 'duration' /home_with: unknown entity kind 'levels'"), std::string::npos)
        << error;
}
