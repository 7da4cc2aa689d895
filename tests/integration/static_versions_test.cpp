// The files of web/ by versioned name (docs/operations.md#caching-and-deploys): /widget.js leads briefly to
// /widget.<hash>.js, kept for a year; the page refers to versions; Brotli and gzip as the client accepts.
#include <brotli/decode.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <zlib.h>

#include <cstdio>

#include "support/clients.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

using namespace test_support;
namespace http = boost::beast::http;

namespace {

std::string sha256_hex16(const std::string& bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
    std::string hex;
    for (int i = 0; i < 8; ++i) {
        char two[3];
        std::snprintf(two, sizeof two, "%02x", digest[i]);
        hex += two;
    }
    return hex;
}

std::string unbrotli(const std::string& data) {
    std::string out(data.size() * 20 + 1024, '\0');
    std::size_t size = out.size();
    const auto result =
        BrotliDecoderDecompress(data.size(), reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                                reinterpret_cast<std::uint8_t*>(out.data()));
    if (result != BROTLI_DECODER_RESULT_SUCCESS) return "(not Brotli)";
    out.resize(size);
    return out;
}

std::string gunzip(const std::string& data) {
    std::string out(data.size() * 20 + 1024, '\0');
    z_stream s{};
    if (inflateInit2(&s, 15 + 16) != Z_OK) return "(inflateInit2 failed)";
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    s.avail_in = static_cast<uInt>(data.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    const int result = inflate(&s, Z_FINISH);
    out.resize(s.total_out);
    inflateEnd(&s);
    return result == Z_STREAM_END ? out : "(not gzip)";
}

std::string widget_source() { return read_file(source_dir() / "web" / "widget.js"); }

HttpResult get(const ServerProcess& server, const std::string& path,
               std::map<std::string, std::string> headers = {}) {
    return http_request(server.port(), http::verb::get, path, "", headers);
}

}  // namespace

TEST(StaticVersions, WidgetTagLeadsBrieflyToTheVersionOfItsContent) {
    ServerProcess server;
    const auto tag = get(server, "/widget.js");
    ASSERT_EQ(tag.status, 302u);
    EXPECT_EQ(tag.headers.at("Location"), "/widget." + sha256_hex16(widget_source()) + ".js");
    EXPECT_EQ(tag.headers.at("Cache-Control"), "public, max-age=300");
    EXPECT_EQ(tag.headers.at("Access-Control-Allow-Origin"), "*") << "a page with crossorigin follows it too";
    ASSERT_FALSE(tag.headers.at("ETag").empty());
    const auto again = get(server, "/widget.js", {{"If-None-Match", tag.headers.at("ETag")}});
    EXPECT_EQ(again.status, 304u);
    EXPECT_EQ(again.headers.at("Location"), tag.headers.at("Location"));
}

TEST(StaticVersions, VersionIsImmutableForAYearAndLoadableFromAnySite) {
    ServerProcess server;
    const auto version = get(server, get(server, "/widget.js").headers.at("Location"));
    ASSERT_EQ(version.status, 200u);
    EXPECT_EQ(version.headers.at("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(version.headers.at("Content-Type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(version.headers.at("Access-Control-Allow-Origin"), "*");
    EXPECT_EQ(version.headers.at("Cross-Origin-Resource-Policy"), "cross-origin");
    EXPECT_EQ(version.body, widget_source());
}

TEST(StaticVersions, EncodingFollowsAcceptEncodingAndDecodesToTheFile) {
    ServerProcess server;
    const std::string path = get(server, "/widget.js").headers.at("Location");
    const std::string source = widget_source();
    const auto plain = get(server, path);
    const auto br = get(server, path, {{"Accept-Encoding", "gzip, deflate, br"}});
    const auto gz = get(server, path, {{"Accept-Encoding", "gzip, deflate"}});
    const auto refused = get(server, path, {{"Accept-Encoding", "br;q=0, gzip;q=0"}});
    EXPECT_EQ(plain.headers.count("Content-Encoding"), 0u);
    EXPECT_EQ(plain.body, source);
    EXPECT_EQ(br.headers.at("Content-Encoding"), "br");
    EXPECT_EQ(unbrotli(br.body), source);
    EXPECT_LT(br.body.size(), gz.body.size());
    EXPECT_EQ(gz.headers.at("Content-Encoding"), "gzip");
    EXPECT_EQ(gunzip(gz.body), source);
    EXPECT_EQ(refused.headers.count("Content-Encoding"), 0u);
    EXPECT_EQ(refused.body, source);
    for (const auto* res : {&plain, &br, &gz}) {
        EXPECT_EQ(res->headers.at("Vary"), "Accept-Encoding");
        EXPECT_EQ(res->headers.at("Cache-Control"), "public, max-age=31536000, immutable");
    }
    // Three representations, three strong tags: a cache must not answer one with another.
    EXPECT_NE(br.headers.at("ETag"), gz.headers.at("ETag"));
    EXPECT_NE(br.headers.at("ETag"), plain.headers.at("ETag"));
    EXPECT_NE(gz.headers.at("ETag"), plain.headers.at("ETag"));
}

TEST(StaticVersions, EachRepresentationRevalidatesByItsOwnTag) {
    ServerProcess server;
    const std::string path = get(server, "/widget.js").headers.at("Location");
    const auto br = get(server, path, {{"Accept-Encoding", "br"}});
    const auto same =
        get(server, path, {{"Accept-Encoding", "br"}, {"If-None-Match", br.headers.at("ETag")}});
    EXPECT_EQ(same.status, 304u);
    EXPECT_TRUE(same.body.empty());
    EXPECT_EQ(same.headers.at("Cache-Control"), "public, max-age=31536000, immutable");
    const auto other =
        get(server, path, {{"Accept-Encoding", "gzip"}, {"If-None-Match", br.headers.at("ETag")}});
    EXPECT_EQ(other.status, 200u) << "the gzip copy is not the Brotli one";
    EXPECT_EQ(other.headers.at("Content-Encoding"), "gzip");
}

TEST(StaticVersions, ChatPageRefersToTheVersionAndIsCachedBriefly) {
    ServerProcess server;
    const auto page = get(server, "/");
    ASSERT_EQ(page.status, 200u);
    const std::string version = get(server, "/widget.js").headers.at("Location");
    EXPECT_NE(page.body.find("<script src=\"" + version + "\" defer"), std::string::npos) << page.body;
    EXPECT_EQ(page.body.find("\"/widget.js\""), std::string::npos);
    EXPECT_EQ(page.headers.at("Cache-Control"), "public, max-age=300");
    EXPECT_EQ(get(server, "/", {{"If-None-Match", page.headers.at("ETag")}}).status, 304u);
}

// A page from before a deploy (or, during one, from another replica) names a version this server does not
// have: it gets the current file, to be asked again next time, rather than a broken chat.
TEST(StaticVersions, AnotherVersionGetsTheCurrentFileRevalidatedEachTime) {
    ServerProcess server;
    const auto current = get(server, get(server, "/widget.js").headers.at("Location"));
    const double names = metric(server.port(), "career_advisor_static_cache_names");
    for (int i = 0; i < 20; ++i) {
        char hash[17];
        std::snprintf(hash, sizeof hash, "%016x", i);
        const auto other = get(server, std::string("/widget.") + hash + ".js");
        ASSERT_EQ(other.status, 200u) << hash;
        EXPECT_EQ(other.headers.at("Cache-Control"), "no-cache");
        EXPECT_EQ(other.headers.at("ETag"), current.headers.at("ETag"));
        EXPECT_EQ(other.body, current.body);
    }
    EXPECT_EQ(metric(server.port(), "career_advisor_static_cache_names"), names) << "versions add no names";
    EXPECT_EQ(get(server, "/nope.0123456789abcdef.js").status, 404u) << "no file of that name at all";
    EXPECT_EQ(get(server, "/widget.0123.js").status, 404u) << "not a hash";
}

TEST(StaticVersions, ReloadGivesAChangedFileANewVersion) {
    TempDir web;
    write_file(web.path() / "widget.js", "console.log('one');\n");
    write_file(web.path() / "index.html", "<!doctype html><script src=\"/widget.js\" defer></script>\n");
    ServerProcess server({"--web", web.path().string()});
    const std::string before = get(server, "/widget.js").headers.at("Location");
    write_file(web.path() / "widget.js", "console.log('two');\n");
    EXPECT_EQ(get(server, "/widget.js").headers.at("Location"), before) << "kept in memory until a reload";
    ASSERT_EQ(http_request(server.port(), http::verb::post, "/admin/reload").status, 200u);
    const std::string after = get(server, "/widget.js").headers.at("Location");
    EXPECT_EQ(after, "/widget." + sha256_hex16("console.log('two');\n") + ".js");
    EXPECT_NE(get(server, "/").body.find(after), std::string::npos);
    EXPECT_EQ(get(server, after).headers.at("Cache-Control"), "public, max-age=31536000, immutable");
    const auto old = get(server, before);
    EXPECT_EQ(old.body, "console.log('two');\n");
    EXPECT_EQ(old.headers.at("Cache-Control"), "no-cache");
}
