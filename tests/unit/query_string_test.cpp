#include "server/query_string.hpp"

#include <gtest/gtest.h>

using server::parse_query;

TEST(QueryString, NoQueryIsEmpty) { EXPECT_TRUE(parse_query("/api/v1/salary")->empty()); }

TEST(QueryString, DecodesPlusAndPercentEscapes) {
    auto q = parse_query("/x?location=San+Francisco&level=senior%20lead");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->at("location"), "San Francisco");
    EXPECT_EQ(q->at("level"), "senior lead");
}

TEST(QueryString, EmptyValuesAndEmptyPairsAreFine) {
    auto q = parse_query("/x?location=&&level");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->at("location"), "");
    EXPECT_EQ(q->at("level"), "");
}

TEST(QueryString, MalformedEscapeIsRefused) {
    EXPECT_FALSE(parse_query("/x?location=%2"));
    EXPECT_FALSE(parse_query("/x?location=%zz"));
}

TEST(QueryString, RepeatedNameIsRefused) { EXPECT_FALSE(parse_query("/x?level=a&level=b")); }

TEST(QueryString, ACommaListSplitsTrimsAndSkipsEmptyValues) {
    EXPECT_EQ(server::comma_list("seattle,austin"), (std::vector<std::string>{"seattle", "austin"}));
    EXPECT_EQ(server::comma_list(" san francisco , ,austin,"),
              (std::vector<std::string>{"san francisco", "austin"}));
    EXPECT_TRUE(server::comma_list("").empty());
    EXPECT_TRUE(server::comma_list(",,").empty());
}
