// What a hostile or broken HTTP client gets: a clear status, our headers, and nothing unbounded.
#include <gtest/gtest.h>

#include "support/clients.hpp"
#include "support/server_process.hpp"

using namespace test_support;
namespace http = boost::beast::http;

namespace {

std::string get(const std::string& target, const std::string& extra_headers = "") {
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "\r\n";
}

bool has_header(const std::string& raw, const std::string& line) {
    return raw.substr(0, raw.find("\r\n\r\n")).find("\r\n" + line) != std::string::npos;
}

}  // namespace

TEST(HttpLimits, ChunkedBodiesAreRefusedWith411) {
    ServerProcess server;
    const std::string raw =
        raw_exchange(server.port(),
                     "POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n"
                     "13\r\n{\"text\":\"pay? ok!\"}\r\n0\r\n\r\n");
    EXPECT_EQ(status_of(raw), 411u) << raw;
    EXPECT_NE(raw.find("length_required"), std::string::npos) << raw;
}

TEST(HttpLimits, EndlessChunkTrailersCostNoMemory) {
    ServerProcess server;
    const long before = server.rss_kib();
    // 8 MB of tiny trailer fields after an empty chunked body: refused at the header, never buffered.
    std::string attack = "POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
    attack.reserve(8'500'000);
    while (attack.size() < 8'000'000) attack += "a: b\r\n";
    const std::string raw = raw_exchange(server.port(), attack);
    EXPECT_EQ(status_of(raw), 411u);
    EXPECT_LT(server.rss_kib() - before, 16 * 1024) << "RSS grew from " << before << " KiB";
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/healthz").status, 200u);
}

TEST(HttpLimits, OversizedRequestLineIs414AndHeadersAre431) {
    ServerProcess server;
    EXPECT_EQ(status_of(raw_exchange(server.port(), get("/" + std::string(20000, 'a')))), 414u);
    std::string many;
    for (int i = 0; i < 400; ++i)
        many += "X-Filler-" + std::to_string(i) + ": " + std::string(40, 'v') + "\r\n";
    EXPECT_EQ(status_of(raw_exchange(server.port(), get("/healthz", many))), 431u);
}

TEST(HttpLimits, MalformedRequestsGet400NotAReset) {
    ServerProcess server;
    EXPECT_EQ(status_of(raw_exchange(server.port(), "GARBAGE\r\n\r\n")), 400u);
    EXPECT_EQ(status_of(raw_exchange(server.port(), "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")),
              400u);
    // Request smuggling shapes: two lengths, or a length and chunked.
    EXPECT_EQ(status_of(raw_exchange(server.port(),
                                     "POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                                     "Content-Length: 6\r\n\r\nabcdef")),
              400u);
    const unsigned both =
        status_of(raw_exchange(server.port(),
                               "POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    EXPECT_TRUE(both == 400u || both == 411u) << both;
}

TEST(HttpLimits, Http11WithoutHostIs400) {
    ServerProcess server;
    EXPECT_EQ(status_of(raw_exchange(server.port(), "GET /healthz HTTP/1.1\r\n\r\n")), 400u);
    EXPECT_EQ(status_of(raw_exchange(server.port(), "GET /healthz HTTP/1.0\r\n\r\n")), 200u);
}

TEST(HttpLimits, HeadHasTheLengthButNoBodyEvenOnErrors) {
    ServerProcess server;
    // Two requests on one connection: if HEAD's error carried a body, the second response would be misread.
    const std::string raw = raw_exchange(server.port(), "HEAD /no-such-page HTTP/1.1\r\nHost: x\r\n\r\n" +
                                                            get("/healthz", "Connection: close\r\n"));
    ASSERT_EQ(status_of(raw), 404u) << raw;
    const std::size_t end = raw.find("\r\n\r\n") + 4;
    EXPECT_TRUE(has_header(raw, "Content-Length: ")) << raw;
    EXPECT_EQ(raw.compare(end, 12, "HTTP/1.1 200"), 0) << "the HEAD reply had a body: " << raw;
    EXPECT_EQ(status_of(raw_exchange(server.port(),
                                     "HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
              200u);
}

TEST(HttpLimits, WrongMethodIs405WithAllow) {
    ServerProcess server;
    const auto res = http_request(server.port(), http::verb::post, "/healthz", "{}");
    EXPECT_EQ(res.status, 405u);
    EXPECT_EQ(res.headers.at("Allow"), "GET, HEAD");
    const auto ask = http_request(server.port(), http::verb::get, "/api/v1/ask");
    EXPECT_EQ(ask.status, 405u);
    EXPECT_EQ(ask.headers.at("Allow"), "POST");
}

// An endpoint path that does not exist is 404 whatever the method (a POST got 405 "only GET and HEAD").
TEST(HttpLimits, AnUnknownEndpointIs404) {
    ServerProcess server;
    for (const char* path : {"/api/v1/nope", "/api/v2/ask", "/admin/nope", "/channels/nope"}) {
        for (const http::verb method : {http::verb::get, http::verb::post, http::verb::delete_}) {
            const auto res =
                http_request(server.port(), method, path, method == http::verb::post ? "{}" : "");
            EXPECT_EQ(res.status, 404u) << path;
            EXPECT_EQ(res.json().at("code"), "not_found") << path;
        }
    }
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/admin.html").status, 200u)
        << "a page, not an endpoint";
}

TEST(HttpLimits, RefusalsCarryTheRoutersHeaders) {
    ServerProcess server;
    const std::string too_large =
        raw_exchange(server.port(), "POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
    EXPECT_EQ(status_of(too_large), 413u);
    EXPECT_TRUE(has_header(too_large, "X-Content-Type-Options: nosniff")) << too_large;
    const std::string forbidden =
        raw_exchange(server.port(),
                     "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                     "Origin: https://evil.example\r\n\r\n");
    EXPECT_EQ(status_of(forbidden), 403u);
    EXPECT_TRUE(has_header(forbidden, "X-Content-Type-Options: nosniff")) << forbidden;
}

TEST(HttpLimits, TheChatUpgradeIgnoresAQueryString) {
    ServerProcess server;
    WsClient ws(server.port(), "/ws?x=1");
    EXPECT_EQ(ws.ask("what do back-end developers do?")["type"], "answer");
}

TEST(HttpLimits, OtherTransferCodingsAre400AndTheBodyIsNeverRunAsARequest) {
    ServerProcess server;
    for (const std::string coding : {"gzip", "identity", "chunked, gzip", "xchunked"}) {
        const std::string raw = raw_exchange(
            server.port(), "POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding +
                               "\r\n\r\nGET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        EXPECT_EQ(status_of(raw), 400u) << coding << ": " << raw;
        EXPECT_EQ(raw.find("career_advisor_"), std::string::npos) << coding << ": the smuggled request ran";
        EXPECT_EQ(raw.find("HTTP/1.1", 1), std::string::npos) << coding << ": a second response: " << raw;
    }
}

TEST(HttpLimits, RepeatedContentLengthOrHostIs400EvenWhenTheyAgree) {
    ServerProcess server;
    const std::string body = R"({"text":"pay?"})";
    const std::string length = std::to_string(body.size());
    EXPECT_EQ(status_of(raw_exchange(server.port(),
                                     "POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nContent-Length: " + length +
                                         "\r\nContent-Length: " + length + "\r\n\r\n" + body)),
              400u);
    EXPECT_EQ(
        status_of(raw_exchange(server.port(), "POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                                  length + ", " + length + "\r\n\r\n" + body)),
        400u);
    EXPECT_EQ(status_of(raw_exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")),
              400u);
}

TEST(HttpLimits, AbsoluteFormTargetsAreServedByTheirPath) {
    ServerProcess server;
    const std::string target = "http://127.0.0.1:" + std::to_string(server.port()) + "/healthz";
    EXPECT_EQ(status_of(raw_exchange(server.port(),
                                     "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
              200u);
}
