#include "server/asset_versions.hpp"

#include <gtest/gtest.h>

using namespace server;

TEST(AssetVersions, HashIsSixteenHexDigitsOfTheContent) {
    EXPECT_EQ(content_hash(""), "e3b0c44298fc1c14") << "SHA-256 of nothing starts so";
    EXPECT_EQ(content_hash("abc"), "ba7816bf8f01cfea");
    EXPECT_NE(content_hash("abc"), content_hash("abd"));
}

TEST(AssetVersions, VersionedNameCarriesTheHashBeforeTheExtension) {
    EXPECT_EQ(versioned_path("/widget.js", "0123456789abcdef"), "/widget.0123456789abcdef.js");
    EXPECT_EQ(versioned_path("/css/site.min.css", "0123456789abcdef"), "/css/site.min.0123456789abcdef.css");
    EXPECT_EQ(versioned_path("/LICENSE", "0123456789abcdef"), "/LICENSE.0123456789abcdef");
    EXPECT_EQ(versioned_path("/a.b/file", "0123456789abcdef"), "/a.b/file.0123456789abcdef");
}

TEST(AssetVersions, SplittingAVersionedNameGivesBackThePlainNameAndHash) {
    for (std::string plain : {"/widget.js", "/css/site.min.css", "/LICENSE", "/a.b/file"}) {
        const auto split = split_versioned_path(versioned_path(plain, "0123456789abcdef"));
        ASSERT_TRUE(split) << plain;
        EXPECT_EQ(split->plain, plain);
        EXPECT_EQ(split->hash, "0123456789abcdef");
    }
}

TEST(AssetVersions, NamesWithoutSixteenLowercaseHexDigitsAreNotVersioned) {
    for (const char* path : {"/widget.js", "/widget.0123456789abcde.js", "/widget.0123456789abcdef0.js",
                             "/widget.0123456789ABCDEF.js", "/widget.0123456789abcdeg.js",
                             "/0123456789abcdef.js", "/.0123456789abcdef", "/a.0123456789abcdef/b.js", "/"}) {
        EXPECT_FALSE(split_versioned_path(path)) << path;
    }
}

TEST(AssetVersions, CacheControlPerKindOfName) {
    EXPECT_EQ(cache_control(AssetName::current_version), "public, max-age=31536000, immutable");
    EXPECT_EQ(cache_control(AssetName::plain), "public, max-age=300");
    EXPECT_EQ(cache_control(AssetName::other_version), "no-cache") << "never kept as that version's bytes";
}

TEST(AssetVersions, OnlyTheWidgetRedirectsToItsVersion) {
    EXPECT_TRUE(redirects_to_version("/widget.js"));
    EXPECT_FALSE(redirects_to_version("/admin.js"));
    EXPECT_FALSE(redirects_to_version("/"));
}

TEST(AssetVersions, PageReferencesToKnownFilesAreRewritten) {
    const auto versioned = [](std::string_view path) -> std::optional<std::string> {
        if (path == "/widget.js" || path == "/site.css") return versioned_path(path, "0123456789abcdef");
        return std::nullopt;
    };
    const std::string html =
        R"(<link rel="stylesheet" href="/site.css"><script src="/widget.js" defer></script>)"
        R"(<a href="/other.html">x</a><img data-src="/widget.js"><script src="//cdn.example/widget.js"></script>)"
        R"(<pre>&lt;script src="/widget.js"&gt;</pre>)";
    EXPECT_EQ(
        rewrite_references(html, versioned),
        R"(<link rel="stylesheet" href="/site.0123456789abcdef.css">)"
        R"(<script src="/widget.0123456789abcdef.js" defer></script>)"
        R"(<a href="/other.html">x</a><img data-src="/widget.js"><script src="//cdn.example/widget.js"></script>)"
        R"(<pre>&lt;script src="/widget.js"&gt;</pre>)");
}

TEST(AssetVersions, TagMarkedUnversionedKeepsItsPlainName) {
    const auto versioned = [](std::string_view path) -> std::optional<std::string> {
        return versioned_path(path, "0123456789abcdef");
    };
    EXPECT_EQ(rewrite_references(R"(<script src="/widget.js" async data-unversioned data-title="x"></script>)"
                                 R"(<script src="/a.js"></script>)",
                                 versioned),
              R"(<script src="/widget.js" async data-unversioned data-title="x"></script>)"
              R"(<script src="/a.0123456789abcdef.js"></script>)");
}

TEST(AssetVersions, PageWithoutReferencesIsUnchanged) {
    const auto none = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
    EXPECT_EQ(rewrite_references("<p>src=\"/x\"</p><script src=\"/x.js", none),
              "<p>src=\"/x\"</p><script src=\"/x.js");
}
