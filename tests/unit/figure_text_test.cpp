#include "knowledge/figure_text.hpp"

#include <gtest/gtest.h>

#include "support/project_advisor.hpp"

using namespace knowledge;

namespace {

// The project's own words (intents/data/answering.json).
const FigureWords& words() { return test_support::project_advisor().style.figure_words; }

}  // namespace

TEST(FormatNumber, GroupsThousandsWithCommas) {
    EXPECT_EQ(format_number(125000), "125,000");
    EXPECT_EQ(format_number(17900), "17,900");
    EXPECT_EQ(format_number(999), "999");
    EXPECT_EQ(format_number(1000000), "1,000,000");
}

TEST(FormatNumber, KeepsDecimals) { EXPECT_EQ(format_number(7.5), "7.5"); }

TEST(AcceptedSpellings, MoneyMayBeWrittenInThousands) {
    const auto s = accepted_spellings(91000, "USD/year");
    EXPECT_NE(std::find(s.begin(), s.end(), "91,000"), s.end());
    EXPECT_NE(std::find(s.begin(), s.end(), "91K"), s.end());
}

TEST(AcceptedSpellings, PercentCarriesTheSign) {
    EXPECT_EQ(accepted_spellings(13, "percent"), std::vector<std::string>{"13%"});
    EXPECT_EQ(accepted_spellings(7.5, "percent"), std::vector<std::string>{"7.5%"});
}

TEST(Describe, RendersOpenEndedRange) {
    Figure f;
    f.scope = Scope::range;
    f.low = 160000;
    f.high = 200000;
    f.open_ended = true;
    f.unit = "USD/year";
    EXPECT_EQ(describe(f, "", words()), "$160,000–$200,000+ a year");
}

TEST(Describe, RendersMinimumAsPotentiallyOver) {
    Figure f;
    f.scope = Scope::minimum;
    f.value = 250000;
    f.unit = "USD/year";
    EXPECT_EQ(describe(f, "", words()),
              "potentially over $250,000 a year");  // the guide: "potentially exceeding"
}

TEST(Describe, KeepsTheThousandsSpellingOfTheSentence) {
    Figure f;
    f.scope = Scope::median;
    f.value = 91000;
    f.approximate = true;
    f.unit = "USD/year";
    EXPECT_EQ(describe(f, "a median of about $91K", words()), "about $91K a year");
}

TEST(Describe, TheWordsComeFromTheCaller) {
    FigureWords other;
    other.approximate = "ca. ";
    other.range = " bis ";
    other.units["USD/year"] = {"{number} $", " pro Jahr"};
    Figure f;
    f.scope = Scope::range;
    f.low = 80000;
    f.high = 100000;
    f.approximate = true;
    f.unit = "USD/year";
    EXPECT_EQ(describe(f, "", other), "ca. 80,000 $ bis 100,000 $ pro Jahr");
    f.unit = "furlongs";
    EXPECT_EQ(describe(f, "", other), "ca. 80,000 bis 100,000") << "a unit without words is the bare number";
}
