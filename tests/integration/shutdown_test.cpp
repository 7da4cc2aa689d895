// Signals: SIGTERM drains (every question received is answered, then close 1001), and the accept
// loop survives running out of file descriptors.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "support/clients.hpp"
#include "support/server_process.hpp"

using namespace test_support;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using nlohmann::json;

namespace {

// Every message a chat gets until the server closes it, and how it closed (the read's error).
std::vector<json> read_until_closed(WsClient& ws, boost::beast::error_code& ec) {
    std::vector<json> replies;
    for (;;) {
        boost::beast::flat_buffer buffer;
        ws.stream().read(buffer, ec);
        if (ec) return replies;
        replies.push_back(json::parse(boost::beast::buffers_to_string(buffer.data())));
    }
}

}  // namespace

TEST(Drain, SigtermAnswersEveryQuestionReceivedThenSays1001) {
    ServerProcess server({"--message-rate", "100000", "--message-burst", "100000", "--address-message-rate",
                          "100000", "--address-message-burst", "100000", "--threads", "1"});
    constexpr int clients = 4, questions = 40;
    std::vector<std::unique_ptr<WsClient>> sockets;
    for (int c = 0; c < clients; ++c) sockets.push_back(std::make_unique<WsClient>(server.port()));
    for (int i = 0; i < questions; ++i) {
        for (auto& ws : sockets) {
            ws->send_text(
                json{{"type", "ask"}, {"id", i}, {"text", "what skills and pay for seniors in seattle?"}}
                    .dump());
        }
    }
    server.signal(SIGTERM);  // every question is in the server's socket buffers by now
    for (auto& ws : sockets) {
        int answered = 0;
        boost::beast::error_code ec;
        for (const json& reply : read_until_closed(*ws, ec)) {
            EXPECT_EQ(reply["type"], "answer");
            EXPECT_EQ(reply["id"], answered);
            ++answered;
        }
        EXPECT_EQ(ec, websocket::error::closed);
        EXPECT_EQ(ws->stream().reason().code, websocket::close_code::going_away);
        EXPECT_EQ(answered, questions);
    }
    EXPECT_EQ(server.stop(), 0);
}

// Many chats, each sending several questions without waiting for answers, then SIGTERM: every question got
// its answer before the 1001. Frames Beast had already read into its own buffer were once dropped (a probe
// lost 2-56 of 600 in half its runs), so this runs many times; fewer under a sanitizer, which is slower.
TEST(Drain, ManyChatsSendingWithoutWaitingEachGetEveryAnswerRunAfterRun) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    constexpr int runs = 3;
#else
    constexpr int runs = 20;
#endif
    constexpr int chats = 200, questions = 3;
    for (int run = 0; run < runs; ++run) {
        ServerProcess server({"--message-rate", "100000", "--message-burst", "100000",
                              "--address-message-rate", "100000", "--address-message-burst", "100000",
                              "--max-connections-per-ip", "1000"});
        std::vector<std::unique_ptr<WsClient>> sockets;
        for (int c = 0; c < chats; ++c) sockets.push_back(std::make_unique<WsClient>(server.port()));
        for (auto& ws : sockets) {
            for (int i = 0; i < questions; ++i)
                ws->send_text(
                    json{{"type", "ask"}, {"id", i}, {"text", "what do seniors earn in austin?"}}.dump());
        }
        server.signal(SIGTERM);
        int lost = 0, not_1001 = 0;
        for (auto& ws : sockets) {
            int answered = 0;
            boost::beast::error_code ec;
            for (const json& reply : read_until_closed(*ws, ec))
                answered += reply["type"] == "answer" ? 1 : 0;
            lost += questions - answered;
            if (ec != websocket::error::closed ||
                ws->stream().reason().code != websocket::close_code::going_away)
                ++not_1001;
        }
        EXPECT_EQ(lost, 0) << "run " << run << " of " << runs;
        EXPECT_EQ(not_1001, 0) << "run " << run;
        EXPECT_EQ(server.stop(), 0);
        if (lost > 0 || not_1001 > 0) break;
    }
}

// Clients that read their close frame one after another, together well past the grace a silent client gets,
// still close cleanly: while closes are still being answered the server waits (within --drain-seconds)
// instead of exiting under the slower ones, whose close reply then met a reset (CI saw 14 of 200 under TSan).
TEST(Drain, ClientsThatAnswerTheCloseOneByOneAreAllWaitedFor) {
    ServerProcess server({"--drain-seconds", "10"});
    constexpr int chats = 5;
    std::vector<std::unique_ptr<WsClient>> sockets;
    for (int c = 0; c < chats; ++c) sockets.push_back(std::make_unique<WsClient>(server.port()));
    for (auto& ws : sockets) EXPECT_EQ(ws->ask("what do seniors earn in austin?")["type"], "answer");
    server.signal(SIGTERM);
    int clean = 0;
    for (auto& ws : sockets) {
        // A slow reader: it comes to its close frame 250 ms after the one before did, well inside the 500 ms
        // the server waits after each answered close (400 ms left too little margin on a loaded machine), and
        // all five together well past it.
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        boost::beast::error_code ec;
        read_until_closed(*ws, ec);
        if (ec == websocket::error::closed && ws->stream().reason().code == websocket::close_code::going_away)
            ++clean;
        else
            ADD_FAILURE() << "chat " << clean << ": " << ec.message();
    }
    EXPECT_EQ(clean, chats);
    EXPECT_EQ(server.stop(), 0);
}

// A supervisor that repeats SIGTERM: the first drains, the next stops the drain, and none may kill the
// teardown that follows (the exit status was 143 when one arrived after the signal handlers were gone).
TEST(Drain, SigtermRepeatedUntilTheExitEndsWithStatusZero) {
    for (int run = 0; run < 5; ++run) {
        ServerProcess server;
        WsClient chat(server.port());
        EXPECT_EQ(chat.ask("what do seniors earn in austin?")["type"], "answer");
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (server.running() && std::chrono::steady_clock::now() < give_up) {
            server.signal(SIGTERM);
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
        EXPECT_EQ(server.stop(), 0) << "run " << run;
    }
}

TEST(Drain, ExitsWithinTheDrainDeadlineWhenAClientNeverAnswersTheClose) {
    ServerProcess server({"--drain-seconds", "2"});
    WsClient silent(server.port());  // never reads: never answers our close frame
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(server.stop(std::chrono::seconds(5)), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

TEST(Drain, IdleKeepAliveConnectionsDoNotHoldUpTheExit) {
    ServerProcess server({"--drain-seconds", "30"});
    boost::asio::io_context ioc;
    boost::beast::tcp_stream idle(ioc);
    idle.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
    http::request<http::empty_body> req{http::verb::get, "/healthz", 11};
    req.set(http::field::host, "x");
    http::write(idle, req);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(idle, buffer, res);
    ASSERT_TRUE(res.keep_alive());
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(server.stop(std::chrono::seconds(10)), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(AcceptLoop, OutOfFileDescriptorsItPausesInsteadOfSpinning) {
    ServerProcess server({}, std::chrono::seconds(20), 64);
    // Hold more connections than the server has descriptors for; the kernel backlog takes the rest.
    std::vector<int> held;
    for (int i = 0; i < 120; ++i) {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(server.port());
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0)
            held.push_back(fd);
        else
            close(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const double before = server.cpu_seconds();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const double used = server.cpu_seconds() - before;
    EXPECT_LT(used, 0.2) << "the accept loop spins at the descriptor limit";
    EXPECT_NE(server.log().find("accepting connections paused"), std::string::npos)
        << "never reached the limit";
    EXPECT_LT(server.log().size(), 4000u) << "the log floods:\n" << server.log().substr(0, 2000);
    for (int fd : held) close(fd);
    // Once descriptors are free again, the server serves.
    bool healthy = false;
    for (int i = 0; i < 50 && !healthy; ++i) {
        try {
            healthy = http_request(server.port(), http::verb::get, "/healthz").status == 200u;
        } catch (const std::exception&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    EXPECT_TRUE(healthy);
}
