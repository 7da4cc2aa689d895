#include "intents/entity_extractor.hpp"

#include <gtest/gtest.h>

using namespace intents;

namespace {

EntityExtractor test_extractor() {
    std::vector<EntityKind> kinds{
        {"location",
         {{"san-francisco", "San Francisco Bay Area", {"san francisco", "bay area"}},
          {"seattle", "Seattle", {"seattle"}},
          {"new-york", "New York", {"new york"}},
          {"chicago", "Chicago", {"chicago"}}}},
        {"level",
         {{"senior", "Senior", {"senior", "seniors", "lead"}},
          {"entry", "Entry level", {"junior", "entry level"}}}},
        {"technology", {{"python", "Python", {"python"}}, {"nodejs", "Node.js", {"node", "node js"}}}},
        {"company_size", {{"startup", "Startups", {"startup", "startups"}}}},
    };
    return EntityExtractor(kinds, {{2, "entry"}, {5, "mid"}, {99, "senior"}});
}

}  // namespace

TEST(EntityExtractor, FindsCityByAlias) {
    const auto e = test_extractor().extract("how much in the bay area");
    EXPECT_EQ(e.at("location"), std::vector<std::string>{"san-francisco"});
}

TEST(EntityExtractor, MatchesWholeWordsOnly) {
    EXPECT_TRUE(test_extractor().extract("a seattleite asks").empty());
}

TEST(EntityExtractor, KeepsTwoValuesInTheOrderNamed) {
    const auto e = test_extractor().extract("compare seattle and san francisco");
    EXPECT_EQ(e.at("location"), (std::vector<std::string>{"seattle", "san-francisco"}));
}

TEST(EntityExtractor, CombinesKinds) {
    const auto e = test_extractor().extract("senior python developer in new york");
    EXPECT_EQ(e.at("level"), std::vector<std::string>{"senior"});
    EXPECT_EQ(e.at("technology"), std::vector<std::string>{"python"});
    EXPECT_EQ(e.at("location"), std::vector<std::string>{"new-york"});
}

TEST(EntityExtractor, MapsYearsOfExperienceToALevel) {
    EXPECT_EQ(test_extractor().extract("with 4 years experience").at("level"),
              std::vector<std::string>{"mid"});
    EXPECT_EQ(test_extractor().extract("1 year in").at("level"), std::vector<std::string>{"entry"});
    EXPECT_EQ(test_extractor().extract("10+ years").at("level"), std::vector<std::string>{"senior"});
}

TEST(EntityExtractor, FindsCitiesTheSourcesDoNotCover) {
    EXPECT_EQ(test_extractor().extract("pay in chicago").at("location"), std::vector<std::string>{"chicago"});
}

TEST(EntityExtractor, FindsCompanySize) {
    EXPECT_EQ(test_extractor().extract("do startups pay less").at("company_size"),
              std::vector<std::string>{"startup"});
}

TEST(EntityExtractor, GivesDisplayNames) {
    EXPECT_EQ(test_extractor().display_name("location", "san-francisco"), "San Francisco Bay Area");
    EXPECT_EQ(test_extractor().display_name("location", "atlantis"), "atlantis");
}

TEST(EntityExtractor, FindsAmountsOfMoneyButNotYears) {
    EXPECT_EQ(test_extractor().extract("is $130000 good").at("amount"), std::vector<std::string>{"130000"});
    EXPECT_EQ(test_extractor().extract("i make 95000 now").at("amount"), std::vector<std::string>{"95000"});
    EXPECT_FALSE(test_extractor().extract("growth through 2030").contains("amount"));
    EXPECT_EQ(test_extractor().extract("can i make 250000+").at("amount"),
              std::vector<std::string>{"250000"});
}

// Years of another job are no developer's level: after an occupation, or a phrase that says so.
TEST(EntityExtractor, YearsOfAnotherJobAreNoLevel) {
    std::vector<EntityKind> kinds{{"occupation", {{"teacher", "Teacher", {"teacher"}}}, true}};
    const EntityExtractor e(kinds, {{2, "entry"}, {5, "mid"}, {99, "senior"}}, {}, {"retrain"});
    EXPECT_FALSE(e.extract("a teacher for 11 years, what could i earn").contains("level"));
    EXPECT_FALSE(e.extract("11 years in retail, if i retrain what could i earn").contains("level"));
    EXPECT_EQ(e.extract("11 years in backend, what could i earn").at("level"),
              std::vector<std::string>{"senior"});
}

TEST(EntityExtractor, ANumberOfThingsCountedIsNoSum) {
    EXPECT_FALSE(test_extractor().extract("only 78000 people do this job").contains("amount"));
    EXPECT_EQ(test_extractor().extract("an offer of 78000 dollars").at("amount"),
              std::vector<std::string>{"78000"});
}

TEST(EntityExtractor, YearsInTheFutureAreNotExperience) {
    EXPECT_FALSE(test_extractor().extract("will there be jobs in 10 years").contains("level"));
}

TEST(EntityExtractor, AnAgeOrATimeAheadIsNotExperience) {
    EXPECT_FALSE(test_extractor().extract("our codebase is like 12 years old").contains("level"));
    EXPECT_FALSE(test_extractor().extract("where will i be 5 years from now").contains("level"));
    EXPECT_EQ(test_extractor().extract("12 years of experience, what do i earn").at("level"),
              std::vector<std::string>{"senior"});
}

TEST(EntityExtractor, KindsMayShareWordsButOneKindMatchesAPhraseOnce) {
    std::vector<EntityKind> kinds{
        {"company_size", {{"large", "large companies", {"big tech"}}}},
        {"industry", {{"technology", "technology", {"tech companies", "tech"}}}},
    };
    const auto e = EntityExtractor(kinds, {}).extract("do big tech companies pay more");
    EXPECT_EQ(e.at("company_size"), std::vector<std::string>{"large"});
    EXPECT_EQ(e.at("industry"), std::vector<std::string>{"technology"});
}

// "besides", "other than": what follows is left out of the question, so it does not narrow the answer to it.
TEST(EntityExtractor, AValueAfterAnExcludingPhraseIsLeftOut) {
    const EntityExtractor e({{"technology", {{"python", "Python", {"python"}}, {"go", "Go", {"golang"}}}},
                             {"location", {{"seattle", "Seattle", {"seattle"}}}}},
                            {}, {"besides", "other than"});
    const auto found = e.extract("what languages other than python should i learn besides golang");
    EXPECT_FALSE(found.contains("technology"));
    EXPECT_EQ(e.extract("python jobs in seattle besides golang").at("technology"),
              std::vector<std::string>{"python"});
}

TEST(EntityExtractor, KindsThatShareClaimsTakeWordsFromEachOther) {
    EntityKind level{"level", {{"mid", "Mid level", {"mid", "mid level"}}}};
    EntityKind size{"company_size", {{"midsize", "Mid-sized companies", {"mid sized"}}}};
    const auto apart = EntityExtractor({level, size}, {}).extract("an offer in a mid sized company");
    EXPECT_TRUE(apart.contains("level")) << "each kind claims words for itself alone";
    level.claims = size.claims = "size";
    const auto shared = EntityExtractor({level, size}, {}).extract("an offer in a mid sized company");
    EXPECT_FALSE(shared.contains("level")) << "\"mid sized\" leaves no \"mid\" behind";
    EXPECT_EQ(shared.at("company_size"), std::vector<std::string>{"midsize"});
    EXPECT_EQ(EntityExtractor({level, size}, {}).extract("mid devs at mid sized firms").at("level"),
              std::vector<std::string>{"mid"});
}
