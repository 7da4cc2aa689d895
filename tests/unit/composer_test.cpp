#include "intents/composer.hpp"

#include <gtest/gtest.h>

#include "support/project_advisor.hpp"

using namespace intents;
using knowledge::Fact;
using knowledge::Figure;
using knowledge::Scope;

namespace {

Figure range(const std::string& label, double low, double high) {
    Figure f;
    f.label = label;
    f.scope = Scope::range;
    f.low = low;
    f.high = high;
    f.unit = "USD/year";
    return f;
}

knowledge::KnowledgeBase test_kb() {
    std::vector<Fact> facts{
        {"salary.city.seattle",
         "salary",
         "s1",
         "Seattle pays $140,000 to $170,000.",
         {},
         {{"location", {"seattle"}}},
         {range("Seattle", 140000, 170000)}},
        {"salary.city.austin",
         "salary",
         "s1",
         "Austin pays $140,000 to $170,000.",
         {},
         {{"location", {"austin"}}},
         {range("Austin", 140000, 170000)}},
        {"salary.national", "salary", "s2", "Nationally about $91K.", {"first item", "second item"}, {}, {}},
    };
    return knowledge::KnowledgeBase({{"s1", "Source one", "", "", "", "https://example.org/source"},
                                     {"s2", "Source two", "", "", "", "https://example.org/source"}},
                                    {}, std::move(facts));
}

EntityExtractor test_names() {
    return EntityExtractor({{"location",
                             {{"seattle", "Seattle", {"seattle"}},
                              {"austin", "Austin", {"austin"}},
                              {"chicago", "Chicago", {"chicago"}}}}},
                           {});
}

Intent salary_intent() {
    Intent intent;
    intent.id = "salary";
    intent.answer.lines = {"Pay overall:", "{fact:salary.national}"};
    intent.answer.by_entity = {{"location",
                                "salary.city.",
                                {"In {entity}:", "{matches}"},
                                {"Nothing for {entity}.", "{fact:salary.national}"},
                                {},
                                {}}};
    intent.answer.figure_notes.amount = {"{amount} is {verdicts}.",
                                         "below {label} ({figure})",
                                         "within {label}",
                                         "above {label}",
                                         "",
                                         "",
                                         "",
                                         ""};
    return intent;
}

AnswerStyle test_style() {
    AnswerStyle style;
    style.max_facts = 2;
    style.max_items = 5;
    style.more_items = "...and {count} more.";
    style.more_of_list = "The rest:";
    style.row = "- {label}: {figure} ({source})";
    style.figure_words = test_support::project_advisor().style.figure_words;  // "$", " a year" as in data
    return style;
}

ComposedPart compose(const Intent& intent, const Entities& entities, const knowledge::KnowledgeBase& kb,
                     const EntityExtractor& names) {
    static const AnswerStyle style = test_style();
    Said said;
    return intents::compose(intent, entities, ComposeInputs{kb, names, style}, said);
}

}  // namespace

TEST(Composer, RendersDefaultLinesWithFactTextAndItems) {
    const auto kb = test_kb();
    const ComposedPart part = compose(salary_intent(), {}, kb, test_names());
    EXPECT_EQ(part.text, "Pay overall:\nNationally about $91K.\n- first item\n- second item");
    ASSERT_EQ(part.facts.size(), 1u);
    EXPECT_EQ(part.facts[0]->id, "salary.national");
}

TEST(Composer, EntityRuleSelectsFactsAboutTheValue) {
    const auto kb = test_kb();
    const ComposedPart part = compose(salary_intent(), {{"location", {"seattle"}}}, kb, test_names());
    EXPECT_EQ(part.text, "In Seattle:\nSeattle pays $140,000 to $170,000.");
}

TEST(Composer, TwoValuesShareOneIntroWithTheirFactsInFileOrder) {
    const auto kb = test_kb();
    const ComposedPart part =
        compose(salary_intent(), {{"location", {"austin", "seattle"}}}, kb, test_names());
    EXPECT_EQ(part.text.rfind("In Austin and Seattle:\n", 0), 0u) << part.text;
    EXPECT_EQ(part.text.find("In Seattle"), std::string::npos) << part.text;
    EXPECT_EQ(part.facts.size(), 2u);
}

TEST(Composer, MissingValueSaysSoAndFallsBackToNamedFacts) {
    const auto kb = test_kb();
    const ComposedPart part = compose(salary_intent(), {{"location", {"chicago"}}}, kb, test_names());
    EXPECT_EQ(part.text.rfind("Nothing for Chicago.\nNationally about $91K.", 0), 0u) << part.text;
}

TEST(Composer, AmountIsPlacedAgainstEachRange) {
    const auto kb = test_kb();
    auto text = [&](const char* amount) {
        return compose(salary_intent(), {{"location", {"seattle"}}, {"amount", {amount}}}, kb, test_names())
            .text;
    };
    EXPECT_NE(text("130000").find("$130,000 is below Seattle ($140,000–$170,000 a year)"), std::string::npos);
    EXPECT_NE(text("150000").find("$150,000 is within Seattle"), std::string::npos);
    EXPECT_NE(text("180000").find("$180,000 is above Seattle"), std::string::npos);
}

// The sentence check compares words, not characters: case, punctuation, "what's" and "125,000" do
// not make a sentence new; other words, or the same words in another order, do (80% shared is the
// same for prose).
TEST(SentenceWords, SameWordsInOrderAreOneKeyWhateverTheCaseAndPunctuation) {
    const SentenceWords a = sentence_words("What's the pay, in Seattle? About $125,000!");
    const SentenceWords b = sentence_words("whats THE pay in seattle - about $125000");
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.words, b.words);
    EXPECT_EQ(a.words.size(), 7u);
    const SentenceWords reordered = sentence_words("the pay in Seattle, what's about $125,000");
    EXPECT_NE(reordered.key, a.key);
    EXPECT_EQ(reordered.words, a.words);
    EXPECT_TRUE(same_sentence(a, reordered));
    EXPECT_NE(sentence_words("pay in Austin").key, sentence_words("pay in Seattle").key);
    EXPECT_NE(sentence_words("pay in").key, sentence_words("payin").key);
    EXPECT_TRUE(sentence_words("- ... !").words.empty());
    // Separators at the start, doubled or before an apostrophe do not make words of their own.
    EXPECT_EQ(sentence_words("  -- 'tis  the pay ").key, sentence_words("tis the pay").key);
    EXPECT_EQ(sentence_words("  -- 'tis  the pay ").words.size(), 3u);
}

// A place the guides have no figures for, whose data names the closest place they do cover ("Dayton" →
// Cincinnati): said as missing, then that place with its facts where the rule's missing lines say
// "{nearest}"; a value named in the question itself is not offered again as the closest.
TEST(Composer, AValueWithoutFactsIsFollowedByItsNearestValueWithFacts) {
    const auto kb = test_kb();
    std::vector<EntityValue> places{{"seattle", "Seattle", {"seattle"}},
                                    {"tacoma", "Tacoma", {"tacoma"}},
                                    {"chicago", "Chicago", {"chicago"}}};
    places[1].nearest = "seattle";
    const EntityExtractor names({{"location", places}}, {});
    Intent intent = salary_intent();
    intent.answer.by_entity[0].missing = {"Nothing for {entity}.", "{nearest}", "{fact:salary.national}"};
    intent.answer.by_entity[0].nearest = {"The closest is {entity}:", "{matches}"};

    const ComposedPart tacoma = compose(intent, {{"location", {"tacoma"}}}, kb, names);
    EXPECT_EQ(tacoma.text.rfind("Nothing for Tacoma.\nThe closest is Seattle:\nSeattle pays $140,000 to "
                                "$170,000.\nNationally about $91K.",
                                0),
              0u)
        << tacoma.text;
    EXPECT_TRUE(tacoma.not_covered);
    const ComposedPart chicago = compose(intent, {{"location", {"chicago"}}}, kb, names);
    EXPECT_EQ(chicago.text.rfind("Nothing for Chicago.\nNationally about $91K.", 0), 0u) << chicago.text;
    const ComposedPart both = compose(intent, {{"location", {"tacoma", "seattle"}}}, kb, names);
    EXPECT_EQ(both.text.find("The closest"), std::string::npos) << both.text;
}

// One filler for every template's {entities}: each placeholder, the style's list words, "or" for
// alternatives.
TEST(Composer, WithEntitiesFillsEveryPlaceholderWithTheStylesListWords) {
    AnswerStyle style = test_style();
    style.and_word = " & ";
    style.or_word = " or ";
    style.list_comma = "; ";
    EXPECT_EQ(with_entities("{entities}: not {entities}.", {"A", "B", "C"}, style),
              "A; B & C: not A; B & C.");
    EXPECT_EQ(with_entities("No {entities}.", {"Redis", "Memcached"}, style, true), "No Redis or Memcached.");
    EXPECT_EQ(with_entities("Nothing to fill.", {"A"}, style), "Nothing to fill.");
}
