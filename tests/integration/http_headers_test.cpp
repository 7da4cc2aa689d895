#include <gtest/gtest.h>

#include <map>

#include "support/clients.hpp"
#include "support/server_process.hpp"

using namespace test_support;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;

namespace {

// The HTTP status of a WebSocket handshake to /ws sent with the given Origin.
unsigned handshake_status(std::uint16_t port, const std::string& origin) {
    boost::asio::io_context ioc;
    websocket::stream<boost::beast::tcp_stream> ws(ioc);
    boost::beast::get_lowest_layer(ws).connect({boost::asio::ip::make_address("127.0.0.1"), port});
    ws.set_option(websocket::stream_base::decorator(
        [&](websocket::request_type& req) { req.set(http::field::origin, origin); }));
    websocket::response_type res;
    boost::beast::error_code ec;
    ws.handshake(res, "127.0.0.1:" + std::to_string(port), "/ws", ec);
    return res.result_int();
}

}  // namespace

TEST(Origins, SameOriginPageMayOpenTheChat) {
    ServerProcess server;
    EXPECT_EQ(handshake_status(server.port(), "http://127.0.0.1:" + std::to_string(server.port())), 101u);
}

TEST(Origins, OtherSitesAreRefusedWith403UnlessAllowed) {
    ServerProcess closed;
    EXPECT_EQ(handshake_status(closed.port(), "https://shop.example"), 403u);
    ServerProcess open(
        {"--allowed-origin", "https://shop.example", "--allowed-origin", "https://blog.example"});
    EXPECT_EQ(handshake_status(open.port(), "https://shop.example"), 101u);
    EXPECT_EQ(handshake_status(open.port(), "https://blog.example"), 101u);
    EXPECT_EQ(handshake_status(open.port(), "https://evil.example"), 403u);
}

TEST(Origins, MalformedAllowedOriginIsABadFlag) {
    auto r = run_command({"serve", "--allowed-origin", "shop.example/path"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--allowed-origin"), std::string::npos) << r.err;
}

TEST(StaticHeaders, PagesCarrySecurityHeaders) {
    ServerProcess server;
    auto page = http_request(server.port(), http::verb::get, "/");
    EXPECT_NE(page.headers["Content-Security-Policy"].find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(page.headers["X-Content-Type-Options"], "nosniff");
    EXPECT_FALSE(page.headers["Referrer-Policy"].empty());
}

TEST(StaticHeaders, WidgetMayBeLoadedFromAnySite) {
    ServerProcess server;
    auto tag = http_request(server.port(), http::verb::get, "/widget.js");
    EXPECT_EQ(tag.headers["Access-Control-Allow-Origin"], "*");
    auto widget = http_request(server.port(), http::verb::get, tag.headers["Location"]);
    ASSERT_EQ(widget.status, 200u);
    EXPECT_EQ(widget.headers["Access-Control-Allow-Origin"], "*");
    EXPECT_EQ(widget.headers["Content-Type"], "text/javascript; charset=utf-8");
}

TEST(StaticHeaders, EtagGivesNotModified) {
    ServerProcess server;
    auto first = http_request(server.port(), http::verb::get, "/");
    const std::string etag = first.headers["ETag"];
    ASSERT_FALSE(etag.empty());
    auto again = http_request(server.port(), http::verb::get, "/", "", {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304u);
    EXPECT_TRUE(again.body.empty());
    auto other = http_request(server.port(), http::verb::get, "/", "", {{"If-None-Match", "\"stale\""}});
    EXPECT_EQ(other.status, 200u);
}

TEST(StaticHeaders, GzipWhenAccepted) {
    ServerProcess server;
    const std::string widget = http_request(server.port(), http::verb::get, "/widget.js").headers["Location"];
    auto plain = http_request(server.port(), http::verb::get, widget);
    auto zipped = http_request(server.port(), http::verb::get, widget, "", {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(zipped.headers["Content-Encoding"], "gzip");
    EXPECT_EQ(zipped.headers["Vary"], "Accept-Encoding");
    EXPECT_LT(zipped.body.size(), plain.body.size());
    EXPECT_EQ(plain.headers.count("Content-Encoding"), 0u);
    // Two representations, two strong tags: a cache must not answer one with the other.
    EXPECT_NE(zipped.headers["ETag"], plain.headers["ETag"]);
    auto revalidated = http_request(server.port(), http::verb::get, widget, "",
                                    {{"Accept-Encoding", "gzip"}, {"If-None-Match", zipped.headers["ETag"]}});
    EXPECT_EQ(revalidated.status, 304u);
}

TEST(Cors, ApiAnswersPreflightAndAllowsAnyOrigin) {
    ServerProcess server;
    auto pre = http_request(server.port(), http::verb::options, "/api/v1/ask", "",
                            {{"Origin", "https://shop.example"}, {"Access-Control-Request-Method", "POST"}});
    EXPECT_EQ(pre.status, 204u);
    EXPECT_EQ(pre.headers["Access-Control-Allow-Origin"], "*");
    EXPECT_NE(pre.headers["Access-Control-Allow-Methods"].find("POST"), std::string::npos);
    auto topics = http_request(server.port(), http::verb::get, "/api/v1/topics");
    EXPECT_EQ(topics.headers["Access-Control-Allow-Origin"], "*");
}

// The API's POSTs from a browser: the sites that may open the chat get an answer they can read, others a
// 403 that says how to allow them (before any work); programs, which send no Origin, are unaffected.
TEST(Cors, BrowsersPostToTheApiFromAllowedSitesOnly) {
    ServerProcess server({"--allowed-origin", "https://shop.example"});
    const std::string question = R"({"text":"What does a back-end developer do?"})";
    const std::string vote = R"({"answer_id":"abc","helpful":true})";
    const auto post = [&](const std::string& path, const std::string& body,
                          std::map<std::string, std::string> headers) {
        headers.emplace("Content-Type", "application/json");
        return http_request(server.port(), http::verb::post, path, body, headers);
    };
    const std::string answers = R"(career_advisor_answers_total{intent="role.overview"})";

    auto allowed = post("/api/v1/ask", question, {{"Origin", "https://shop.example"}});
    EXPECT_EQ(allowed.status, 200u);
    EXPECT_EQ(allowed.headers["Access-Control-Allow-Origin"], "https://shop.example");
    EXPECT_EQ(allowed.headers["Vary"], "Origin");

    auto foreign = post("/api/v1/ask", question, {{"Origin", "https://elsewhere.example"}});
    EXPECT_EQ(foreign.status, 403u);
    EXPECT_EQ(foreign.json()["code"], "forbidden");
    EXPECT_NE(foreign.json()["message"].get<std::string>().find("--allowed-origin"), std::string::npos);
    EXPECT_EQ(post("/api/v1/feedback", vote, {{"Origin", "https://elsewhere.example"}}).status, 403u);

    auto program = post("/api/v1/ask", question, {});
    EXPECT_EQ(program.status, 200u);
    EXPECT_EQ(program.headers["Access-Control-Allow-Origin"], "*");
    EXPECT_EQ(metric(server.port(), answers), 2.0) << "the refused questions were not answered";

    auto topics = http_request(server.port(), http::verb::get, "/api/v1/topics", "",
                               {{"Origin", "https://elsewhere.example"}});
    EXPECT_EQ(topics.status, 200u);
    EXPECT_EQ(topics.headers["Access-Control-Allow-Origin"], "*") << "reading stays open to every site";
}

// A hostile client once grew the server by 100 KB for each spelling of /widget.js ("/./widget.js",
// "/././widget.js", ...): other spellings are refused and the files kept stay one copy each.
TEST(StaticFiles, OtherSpellingsOfAFileAreRefusedAndKeepNothing) {
    ServerProcess server;
    ASSERT_EQ(http_request(server.port(), http::verb::get, "/widget.js").status, 302u);
    const double kept = metric(server.port(), "career_advisor_static_cache_bytes");
    EXPECT_GT(kept, 10000.0);
    std::string dots = "/.";
    for (int i = 0; i < 100; ++i, dots += "/.") {
        ASSERT_EQ(http_request(server.port(), http::verb::get, dots + "/widget.js").status, 404u) << dots;
    }
    for (const char* other : {"/widget.js/", "//widget.js", "/widget.js/."}) {
        EXPECT_EQ(http_request(server.port(), http::verb::get, other).status, 404u) << other;
    }
    EXPECT_EQ(metric(server.port(), "career_advisor_static_cache_bytes"), kept);
    EXPECT_EQ(metric(server.port(), "career_advisor_static_cache_names"), 1.0);
}

TEST(StaticFiles, OneAddressHasABudgetOfFileRequests) {
    ServerProcess server({"--address-static-rate", "0.01", "--address-static-burst", "5"});
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(http_request(server.port(), http::verb::get, "/").status, 200u) << i;
    auto refused = http_request(server.port(), http::verb::get, "/widget.js");
    EXPECT_EQ(refused.status, 429u);
    EXPECT_EQ(refused.headers["Retry-After"], "1");
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/healthz").status, 200u) << "not a file request";
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/api/v1/limits").status, 200u);
}
