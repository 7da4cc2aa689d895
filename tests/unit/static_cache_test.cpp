#include "server/static_cache.hpp"

#include <brotli/decode.h>
#include <gtest/gtest.h>

#include <cstdio>

#include "server/http_policy.hpp"
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

TEST(StaticCache, NamesOfOneFileShareOneCopy) {
    TempDir web;
    write_file(web.path() / "widget.js", std::string(3000, 'w'));
    std::filesystem::create_symlink(web.path() / "widget.js", web.path() / "alias.js");
    StaticCache cache(web.path());
    const auto first = cache.find("/widget.js");
    const std::size_t one_file = cache.bytes();
    EXPECT_GE(one_file, 3000u);
    EXPECT_EQ(cache.find("/alias.js"), first) << "another name for the same file is not another copy";
    EXPECT_EQ(cache.bytes(), one_file);
    std::string dots = "/.";
    for (int i = 0; i < 50; ++i, dots += "/.") EXPECT_FALSE(cache.find(dots + "/widget.js")) << dots;
    EXPECT_EQ(cache.bytes(), one_file);
    EXPECT_EQ(cache.names(), 2u);
}

TEST(StaticCache, KeepsNoMoreThanItsBudgetYetServesEverything) {
    TempDir web;
    for (int i = 0; i < 10; ++i) {
        write_file(web.path() / ("f" + std::to_string(i) + ".png"), std::string(1000, 'x'));
    }
    StaticCache cache(web.path(), 3500, 100);
    for (int i = 0; i < 10; ++i) {
        const auto file = cache.find("/f" + std::to_string(i) + ".png");
        ASSERT_TRUE(file) << i;
        EXPECT_EQ(file->body.size(), 1000u);
    }
    EXPECT_LE(cache.bytes(), 3500u);
    EXPECT_GE(cache.bytes(), 3000u) << "files within the budget are kept";
}

TEST(StaticCache, KeepsNoMoreThanItsCountOfNames) {
    TempDir web;
    write_file(web.path() / "a.js", "1");
    // A directory that links to itself: /loop/a.js, /loop/loop/a.js, ... all name one file.
    std::filesystem::create_directory_symlink(web.path(), web.path() / "loop");
    StaticCache cache(web.path(), StaticCache::default_max_bytes, 8);
    std::string prefix;
    for (int i = 0; i < 30; ++i, prefix += "/loop") ASSERT_TRUE(cache.find(prefix + "/a.js")) << i;
    EXPECT_EQ(cache.names(), 8u);
}

TEST(StaticCache, PagesReferToTheCurrentVersionsOfTheirFiles) {
    TempDir web;
    const std::string script(2000, 's');
    write_file(web.path() / "app.js", script);
    write_file(web.path() / "index.html",
               R"(<link href="/site.css"><script src="/app.js" defer></script><a href="/other.html">)");
    StaticCache cache(web.path());
    const auto page = cache.find("/");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->body, R"(<link href="/site.css"><script src="/app.)" + content_hash(script) +
                              R"(.js" defer></script><a href="/other.html">)")
        << "a missing file and a page keep their plain names";
    EXPECT_TRUE(page->hash.empty()) << "a page has no versioned name";
    EXPECT_EQ(page->etag, entity_tag(page->body)) << "the tag is of the bytes sent";
}

TEST(StaticCache, VersionedNamesLeadToTheFileAndAddNoNames) {
    TempDir web;
    write_file(web.path() / "app.js", std::string(2000, 'a'));
    StaticCache cache(web.path());
    const auto file = cache.find("/app.js");
    const std::string current = versioned_path("/app.js", file->hash);
    const auto found = cache.lookup(current);
    EXPECT_EQ(found.file, file);
    EXPECT_EQ(found.name, AssetName::current_version);
    EXPECT_EQ(cache.lookup("/app.js").name, AssetName::plain);
    for (int i = 0; i < 100; ++i) {
        char hash[17];
        std::snprintf(hash, sizeof hash, "%016x", i);
        const auto other = cache.lookup(versioned_path("/app.js", hash));
        EXPECT_EQ(other.file, file) << "another version's name gets the current file";
        EXPECT_EQ(other.name, AssetName::other_version);
    }
    EXPECT_EQ(cache.names(), 1u) << "versioned names are not remembered";
    EXPECT_FALSE(cache.lookup(versioned_path("/nope.js", file->hash)).file);
}

TEST(StaticCache, AChangedFileGetsANewVersionOnClear) {
    TempDir web;
    write_file(web.path() / "app.js", std::string(2000, 'a'));
    StaticCache cache(web.path());
    const std::string before = versioned_path("/app.js", cache.find("/app.js")->hash);
    write_file(web.path() / "app.js", std::string(2000, 'b'));
    cache.clear();
    const std::string after = versioned_path("/app.js", cache.find("/app.js")->hash);
    EXPECT_NE(after, before);
    EXPECT_EQ(cache.lookup(after).name, AssetName::current_version);
    EXPECT_EQ(cache.lookup(before).name, AssetName::other_version);
    EXPECT_EQ(cache.lookup(before).file->body.front(), 'b');
}

TEST(StaticCache, BrotliAndGzipAreComputedOnceAndDecodeToTheFile) {
    TempDir web;
    std::string text;
    for (int i = 0; i < 200; ++i)
        text += "function f" + std::to_string(i) + "() { return " + std::to_string(i) + "; }\n";
    write_file(web.path() / "app.js", text);
    StaticCache cache(web.path());
    const auto file = cache.find("/app.js");
    ASSERT_FALSE(file->brotli.empty());
    EXPECT_LT(file->brotli.size(), file->gzipped.size()) << "Brotli beats gzip on text";
    std::string decoded(text.size() + 100, '\0');
    std::size_t size = decoded.size();
    ASSERT_EQ(BrotliDecoderDecompress(file->brotli.size(),
                                      reinterpret_cast<const std::uint8_t*>(file->brotli.data()), &size,
                                      reinterpret_cast<std::uint8_t*>(decoded.data())),
              BROTLI_DECODER_RESULT_SUCCESS);
    decoded.resize(size);
    EXPECT_EQ(decoded, text);
    EXPECT_NE(file->brotli_etag, file->etag);
    EXPECT_NE(file->brotli_etag, file->gzipped_etag);
    EXPECT_EQ(cache.lookup(versioned_path("/app.js", file->hash)).file, file) << "not compressed again";
}
