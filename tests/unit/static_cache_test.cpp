#include "server/static_cache.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

using namespace server;
using test_support::TempDir;
using test_support::write_file;

TEST(StaticCache, PreparesAFileOnceUntilCleared) {
    TempDir web;
    write_file(web.path() / "app.js", std::string(2000, 'a'));
    StaticCache cache(web.path());
    const auto first = cache.find("/app.js");
    ASSERT_TRUE(first);
    EXPECT_EQ(cache.find("/app.js"), first) << "read and gzipped again on the second request";
    EXPECT_FALSE(first->gzipped.empty());
    EXPECT_LT(first->gzipped.size(), first->body.size());
    write_file(web.path() / "app.js", std::string(2000, 'b'));
    EXPECT_EQ(cache.find("/app.js")->body.front(), 'a') << "served from memory, not disk";
    cache.clear();
    const auto after = cache.find("/app.js");
    EXPECT_EQ(after->body.front(), 'b');
    EXPECT_NE(after->etag, first->etag);
    EXPECT_EQ(first->body.front(), 'a') << "a holder keeps its copy across clear()";
}

TEST(StaticCache, SmallAndBinaryFilesAreNotGzipped) {
    TempDir web;
    write_file(web.path() / "small.css", "body{}");
    write_file(web.path() / "big.png", std::string(4000, 'x'));
    StaticCache cache(web.path());
    EXPECT_TRUE(cache.find("/small.css")->gzipped.empty());
    EXPECT_TRUE(cache.find("/big.png")->gzipped.empty());
}

TEST(StaticCache, MissingFilesAndWaysOutAreNotFoundAndNotKept) {
    TempDir web;
    StaticCache cache(web.path());
    EXPECT_FALSE(cache.find("/nope.js"));
    EXPECT_FALSE(cache.find("/../etc/passwd"));
    write_file(web.path() / "nope.js", "late");
    EXPECT_TRUE(cache.find("/nope.js")) << "a miss is not remembered";
}
