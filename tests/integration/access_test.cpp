// Who may do what: admin and metrics, origins, connection caps, message rates, and what the log says.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "support/clients.hpp"
#include "support/eventually.hpp"
#include "support/server_process.hpp"

using namespace test_support;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;

namespace {

// The HTTP status of a WebSocket handshake to /ws with the given extra request lines.
unsigned handshake_status(std::uint16_t port, const std::string& extra = "") {
    const std::string raw = raw_exchange(
        port,
        "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
            "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            "Sec-WebSocket-Version: 13\r\n" +
            extra + "\r\n",
        std::chrono::milliseconds(300));
    return status_of(raw);
}

}  // namespace

// A missing or wrong token is 401 with a Bearer challenge (it was 403 for both, with one message).
TEST(Admin, WithATokenEvenLoopbackNeedsIt) {
    ServerProcess server({"--admin-token", "s3cret"});
    const auto missing = http_request(server.port(), http::verb::post, "/admin/reload");
    EXPECT_EQ(missing.status, 401u);
    EXPECT_EQ(missing.headers.at("WWW-Authenticate"), "Bearer realm=\"career-advisor admin\"");
    EXPECT_EQ(missing.json().at("code"), "unauthorized");
    const auto wrong = http_request(server.port(), http::verb::post, "/admin/reload", "",
                                    {{"Authorization", "Bearer wrong"}});
    EXPECT_EQ(wrong.status, 401u);
    EXPECT_EQ(wrong.headers.at("WWW-Authenticate"),
              "Bearer realm=\"career-advisor admin\", error=\"invalid_token\"");
    EXPECT_NE(wrong.json().at("message"), missing.json().at("message"));
    EXPECT_EQ(http_request(server.port(), http::verb::post, "/admin/reload", "",
                           {{"Authorization", "Bearer s3cret"}})
                  .status,
              200u);
}

TEST(Admin, CrossSiteBrowserPostsAndProxiedClientsAreRefused) {
    ServerProcess server;
    EXPECT_EQ(
        http_request(server.port(), http::verb::post, "/admin/reload", "x", {{"Content-Type", "text/plain"}})
            .status,
        403u);
    EXPECT_EQ(http_request(server.port(), http::verb::post, "/admin/reload", "",
                           {{"Origin", "https://evil.example"}})
                  .status,
              403u);
    EXPECT_EQ(http_request(server.port(), http::verb::post, "/admin/reload", "",
                           {{"X-Forwarded-For", "203.0.113.9"}})
                  .status,
              403u);
    EXPECT_EQ(
        http_request(server.port(), http::verb::post, "/admin/reload", "", {{"X-Real-IP", "203.0.113.9"}})
            .status,
        403u);
    // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 sends its own Host and Origin.
    const std::string rebound = "evil.example:" + std::to_string(server.port());
    EXPECT_EQ(http_request(server.port(), http::verb::post, "/admin/reload", "",
                           {{"Host", rebound}, {"Origin", "http://" + rebound}})
                  .status,
              403u);
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/metrics", "", {{"Host", rebound}}).status, 403u);
    EXPECT_EQ(http_request(server.port(), http::verb::post, "/admin/reload").status, 200u);
}

TEST(Admin, ReloadsRunOneAtATimeAndEveryRequestGetsAnAnswer) {
    ServerProcess server;
    std::vector<std::thread> callers;
    std::atomic<int> ok{0};
    for (int i = 0; i < 8; ++i) {
        callers.emplace_back([&] {
            if (http_request(server.port(), http::verb::post, "/admin/reload").status == 200u) ++ok;
        });
    }
    for (auto& t : callers) t.join();
    EXPECT_EQ(ok.load(), 8);
    // Requests that arrive together share a reload: far fewer than 8 ran.
    const auto metrics = http_request(server.port(), http::verb::get, "/metrics").body;
    const std::string key = "career_advisor_reloads_total{result=\"ok\"} ";
    const auto at = metrics.find(key);
    ASSERT_NE(at, std::string::npos) << metrics;
    EXPECT_LE(std::stoi(metrics.substr(at + key.size())), 3);
}

TEST(Metrics, CountAnswersByIntentRefusalsAndConnections) {
    ServerProcess server;
    {
        WsClient ws(server.port());
        ws.ask("how much do back end developers make in seattle?");
        ws.ask("zzzz qqqq");
        EXPECT_EQ(handshake_status(server.port(), "Origin: https://evil.example\r\n"), 403u);
        const auto res = http_request(server.port(), http::verb::get, "/metrics");
        ASSERT_EQ(res.status, 200u);
        EXPECT_EQ(res.headers.at("Content-Type").rfind("text/plain; version=0.0.4", 0), 0u);
        EXPECT_NE(res.body.find("career_advisor_answers_total{intent=\"salary\"} 1\n"), std::string::npos)
            << res.body;
        EXPECT_NE(res.body.find("career_advisor_answers_total{intent=\"fallback\"} 1\n"), std::string::npos)
            << res.body;
        EXPECT_NE(res.body.find("career_advisor_refused_total{reason=\"origin\"} 1\n"), std::string::npos);
        EXPECT_NE(res.body.find("career_advisor_connections_open{kind=\"websocket\"} 1\n"),
                  std::string::npos);
        EXPECT_NE(res.body.find("career_advisor_answer_seconds_count 2\n"), std::string::npos);
    }
    ServerProcess guarded({"--admin-token", "t"});
    EXPECT_EQ(http_request(guarded.port(), http::verb::get, "/metrics").status, 401u);
    EXPECT_EQ(
        http_request(guarded.port(), http::verb::get, "/metrics", "", {{"Authorization", "Bearer t"}}).status,
        200u);
}

TEST(Health, ReadyzSaysReady) {
    ServerProcess server;
    const auto res = http_request(server.port(), http::verb::get, "/readyz");
    EXPECT_EQ(res.status, 200u);
    EXPECT_EQ(res.json()["status"], "ready");
}

TEST(Origins, SchemeMattersAndTwoOriginHeadersAreRefused) {
    ServerProcess server({"--allowed-origin", "https://shop.example"});
    EXPECT_EQ(handshake_status(server.port(), "Origin: https://shop.example:443\r\n"), 101u);
    EXPECT_EQ(handshake_status(server.port(), "Origin: http://shop.example\r\n"), 403u);
    EXPECT_EQ(
        handshake_status(server.port(), "Origin: https://shop.example\r\nOrigin: https://evil.example\r\n"),
        403u);
}

TEST(Origins, ARefusedOriginIsLoggedOnceAMinuteNamingTheFix) {
    ServerProcess server;
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(handshake_status(server.port(), "Origin: https://shop.example\r\n"), 403u);
    const std::string log = server.log();
    const std::string line = "--allowed-origin https://shop.example";
    const auto first = log.find(line);
    EXPECT_NE(first, std::string::npos) << log;
    EXPECT_EQ(log.find(line, first + 1), std::string::npos) << "logged more than once:\n" << log;
}

TEST(Origins, ManyDistinctOriginsCannotFloodTheLog) {
    ServerProcess server;
    for (int i = 0; i < 40; ++i) {
        EXPECT_EQ(handshake_status(server.port(), "Origin: https://x" + std::to_string(i) + ".example\r\n"),
                  403u);
    }
    const std::string log = server.log();
    EXPECT_LE(std::count(log.begin(), log.end(), '\n'), 2) << log;
}

TEST(ConnectionCaps, OverTheTotalOrPerAddressCapTheUpgradeGets503) {
    ServerProcess total({"--max-connections", "2"});
    {
        WsClient a(total.port()), b(total.port());
        EXPECT_EQ(handshake_status(total.port()), 503u);
        EXPECT_EQ(http_request(total.port(), http::verb::get, "/healthz").status, 200u);  // HTTP still served
    }
    // Once the server has seen the closes, an upgrade gets through again.
    EXPECT_TRUE(eventually([&] { return handshake_status(total.port()) == 101u; }));

    ServerProcess per_address({"--max-connections-per-ip", "1"});
    WsClient only(per_address.port());
    EXPECT_EQ(handshake_status(per_address.port()), 503u);
}

TEST(ConnectionCaps, IdleHttpConnectionsCountTooButLivenessIsAlwaysAnswered) {
    ServerProcess server({"--max-connections-per-ip", "2"});
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket a(ioc), b(ioc);  // two idle keep-alive connections fill the address's share
    a.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
    b.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
    // Once the server has accepted both, the address has no share left.
    HttpResult refused;
    EXPECT_TRUE(eventually([&] {
        refused = http_request(server.port(), http::verb::get, "/api/v1/topics");
        return refused.status == 503u;
    })) << refused.status;
    EXPECT_EQ(refused.json()["code"], "unavailable");
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/healthz").status, 200u);
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/readyz").status, 200u)
        << "monitoring sees a full server";
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/metrics").status, 200u);
}

TEST(MessageRate, OverTheRateErrorsThenCloses1008) {
    ServerProcess server({"--message-rate", "0.1", "--message-burst", "3"});
    WsClient ws(server.port());
    for (int i = 0; i < 3; ++i) EXPECT_EQ(ws.ask("what do back-end developers do?")["type"], "answer");
    const auto refused = ws.ask("what do back-end developers do?", "q4");
    EXPECT_EQ(refused["code"], "rate_limited") << refused;
    EXPECT_EQ(refused["id"], "q4") << "the client must know which question to fail";
    // Going on regardless ends the connection with "policy violation".
    for (int i = 0; i < 20; ++i) {
        boost::beast::error_code ec;
        ws.stream().text(true);
        ws.stream().write(boost::asio::buffer(std::string(R"({"type":"ask","text":"pay?"})")), ec);
        if (ec) break;
    }
    boost::beast::flat_buffer buffer;
    boost::beast::error_code ec;
    while (!ec) ws.stream().read(buffer, ec);
    EXPECT_EQ(ec, websocket::error::closed);
    EXPECT_EQ(ws.stream().reason().code, websocket::close_code::policy_error);
}

TEST(Logs, QuestionsAreNotLoggedUnlessAsked) {
    const std::string secret = "my salary is 123456 at Initech, is that fair?";
    ServerProcess quiet({"--log-level", "debug"});
    WsClient(quiet.port()).ask(secret);
    http_request(quiet.port(), http::verb::post, "/api/v1/ask", nlohmann::json{{"text", secret}}.dump());
    EXPECT_EQ(quiet.log().find("Initech"), std::string::npos) << quiet.log();
    ServerProcess told({"--log-level", "info", "--log-questions"});
    WsClient(told.port()).ask(secret);
    EXPECT_TRUE(eventually([&] { return told.log().find("Initech") != std::string::npos; })) << told.log();
}

TEST(Logs, JsonFormatWritesOneObjectPerLine) {
    ServerProcess server({"--log-level", "info", "--log-format", "json"});
    server.stop();
    std::istringstream lines(server.log());
    std::string line;
    int objects = 0;
    while (std::getline(lines, line)) {
        const auto parsed = nlohmann::json::parse(line, nullptr, false);
        ASSERT_FALSE(parsed.is_discarded()) << line;
        EXPECT_TRUE(parsed.contains("time") && parsed.contains("level") && parsed.contains("message"))
            << line;
        ++objects;
    }
    EXPECT_GE(objects, 2);  // at least "loaded" and "stopped"
}

TEST(MessageRate, OneAddressSharesItsRateOverItsConnectionsAndHttpAsks) {
    ServerProcess server({"--address-message-rate", "0.1", "--address-message-burst", "3"});
    WsClient first(server.port()), second(server.port());
    EXPECT_EQ(first.ask("what do back-end developers do?")["type"], "answer");
    EXPECT_EQ(second.ask("what do back-end developers do?")["type"], "answer");
    const auto http_ask = [&] {
        return http_request(server.port(), http::verb::post, "/api/v1/ask", R"({"text":"pay in seattle?"})");
    };
    EXPECT_EQ(http_ask().status, 200u);
    const auto refused = http_ask();
    EXPECT_EQ(refused.status, 429u);
    EXPECT_EQ(refused.json()["code"], "rate_limited");
    EXPECT_EQ(refused.headers.at("Retry-After"), "1");
    EXPECT_EQ(first.ask("what do back-end developers do?")["code"], "rate_limited");
}
