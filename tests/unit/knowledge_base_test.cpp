// KnowledgeBase's lookups: by id, and the facts of an id prefix in file order.
#include "knowledge/knowledge_base.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using knowledge::Fact;
using knowledge::KnowledgeBase;

namespace {

Fact fact(const std::string& id, const std::string& location = "") {
    Fact f;
    f.id = id;
    f.topic = "t";
    f.source = "s";
    f.text = id + ".";
    if (!location.empty()) f.entities["location"] = {location};
    return f;
}

std::vector<std::string> ids(const std::vector<const Fact*>& facts) {
    std::vector<std::string> out;
    for (const Fact* f : facts) out.push_back(f->id);
    return out;
}

// Ids out of alphabetical order in the file, and neighbours that share the prefix's letters without
// being under it ("salary.cityscape", "salary" alone, "salary.city-x" whose "-" sorts before "."), so that a
// sorted index must still give file order and exactly the prefix's facts.
KnowledgeBase kb() {
    return KnowledgeBase(
        {{"s", "Source", "", "", "", "https://example.org/source"}}, {},
        {fact("salary.city.seattle", "seattle"), fact("salary"), fact("salary.city.austin", "austin"),
         fact("skills.core"), fact("salary.cityscape", "seattle"), fact("salary.city.boston", "seattle"),
         fact("a.first"), fact("salary.city-x", "seattle")});
}

}  // namespace

TEST(KnowledgeBase, APrefixGivesExactlyItsFactsInFileOrder) {
    const KnowledgeBase base = kb();
    EXPECT_EQ(ids(base.with_prefix("salary.city.")),
              (std::vector<std::string>{"salary.city.seattle", "salary.city.austin", "salary.city.boston"}));
    EXPECT_EQ(ids(base.with_prefix("salary.city")),
              (std::vector<std::string>{"salary.city.seattle", "salary.city.austin", "salary.cityscape",
                                        "salary.city.boston", "salary.city-x"}));
    const auto all = ids(base.with_prefix(""));
    ASSERT_EQ(all.size(), 8u);
    EXPECT_EQ(all.front(), "salary.city.seattle");
    EXPECT_EQ(all.back(), "salary.city-x");
    EXPECT_TRUE(base.with_prefix("zzz").empty());
    EXPECT_TRUE(base.with_prefix("salary.city.z").empty());
}

TEST(KnowledgeBase, SelectKeepsThePrefixsFactsAboutTheValueInFileOrder) {
    const KnowledgeBase base = kb();
    EXPECT_EQ(ids(base.select("salary.city.", "location", "seattle")),
              (std::vector<std::string>{"salary.city.seattle", "salary.city.boston"}));
    EXPECT_EQ(ids(base.select("salary.", "location", "seattle")),
              (std::vector<std::string>{"salary.city.seattle", "salary.cityscape", "salary.city.boston",
                                        "salary.city-x"}));
    EXPECT_TRUE(base.select("salary.city.", "location", "denver").empty());
    EXPECT_TRUE(base.select("salary.city.", "level", "seattle").empty());
}

TEST(KnowledgeBase, FindsFactsAndSourcesById) {
    const KnowledgeBase base = kb();
    ASSERT_NE(base.find_fact("salary.city.austin"), nullptr);
    EXPECT_EQ(base.find_fact("salary.city.austin")->text, "salary.city.austin.");
    EXPECT_EQ(base.find_fact("salary.city"), nullptr);
    ASSERT_NE(base.find_source("s"), nullptr);
    EXPECT_EQ(base.find_source("s")->title, "Source");
    EXPECT_EQ(base.find_source("t"), nullptr);
}
