// Clients that misbehave at scale: vanishing mid-frame, thousands at once, one flooding. The server
// stays up, keeps answering others, and holds nothing for the ones that left.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>

#include "support/clients.hpp"
#include "support/eventually.hpp"
#include "support/server_process.hpp"

using namespace test_support;
namespace http = boost::beast::http;
using nlohmann::json;

namespace {

// This process holds thousands of client ends: raises its own descriptor limit as far as allowed.
void allow_many_descriptors() {
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = std::max<rlim_t>(limit.rlim_cur, std::min<rlim_t>(limit.rlim_max, 4096));
    setrlimit(RLIMIT_NOFILE, &limit);
}

// A plain TCP connection to the server on loopback: its descriptor, or -1 when connect() failed.
int connect_raw(std::uint16_t port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("the test process ran out of descriptors: raise ulimit -n");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return fd;
    close(fd);
    return -1;
}

}  // namespace

TEST(Faults, ClientsVanishingMidFrameLeaveNothingBehind) {
    ServerProcess server({"--max-connections-per-ip", "1000"});
    for (int i = 0; i < 50; ++i) {
        WsClient ws(server.port());
        // The header of a masked 200-byte text frame, then only part of its payload: then gone.
        std::string partial = {
            '\x81', static_cast<char>(0x80 | 126), '\x00', static_cast<char>(200), 'k', 'e', 'y', '!'};
        partial += std::string(50, 'x');
        boost::asio::write(boost::beast::get_lowest_layer(ws.stream()).socket(),
                           boost::asio::buffer(partial));
        ws.drop();
    }
    WsClient survivor(server.port());
    EXPECT_EQ(survivor.ask("what do back-end developers do?")["type"], "answer");
    double open = -1;
    EXPECT_TRUE(eventually(
        [&] {
            open = metric(server.port(), "career_advisor_connections_open{kind=\"websocket\"}");
            return open == 1;
        },
        std::chrono::milliseconds(2500)))
        << "connections of vanished clients are still held: " << open;
}

TEST(Faults, TwoThousandConnectionsOpenedAndDroppedAtOnce) {
    allow_many_descriptors();
    ServerProcess server({}, std::chrono::seconds(20), 8192);
    std::vector<int> sockets;
    for (int i = 0; i < 2000; ++i) {
        if (const int fd = connect_raw(server.port()); fd >= 0) sockets.push_back(fd);
    }
    EXPECT_GT(sockets.size(), 1000u);
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/healthz").status, 200u);
    for (int fd : sockets) close(fd);
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/healthz").status, 200u);
    WsClient ws(server.port());
    EXPECT_EQ(ws.ask("pay in seattle?")["type"], "answer");
    EXPECT_TRUE(server.running());
}

TEST(Faults, OneClientFloodingDoesNotStarveTheOthers) {
    ServerProcess server({"--threads", "1"});
    std::atomic<bool> stop{false};
    std::atomic<int> sent{0};
    std::thread flooder([&] {
        // Sends as fast as it can and never reads: rate-limited, then paused by back-pressure, then closed.
        WsClient ws(server.port());
        const std::string frame =
            json{{"type", "ask"}, {"text", "what skills and what pay for seniors in seattle?"}}.dump();
        boost::beast::error_code ec;
        while (!stop && !ec) {
            ws.stream().text(true);
            ws.stream().write(boost::asio::buffer(frame), ec);
            if (!ec) ++sent;
        }
    });
    // The polite client comes once the flood is on: far more questions than the rate lets through.
    constexpr int flood = 200;
    EXPECT_TRUE(eventually([&] { return sent >= flood; })) << "the flooder sent only " << sent << " frames";
    WsClient polite(server.port());
    std::vector<double> ms;
    for (int i = 0; i < 20; ++i) {
        const auto start = std::chrono::steady_clock::now();
        EXPECT_EQ(polite.ask("what do back-end developers do?")["type"], "answer");
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    stop = true;
    flooder.join();
    std::sort(ms.begin(), ms.end());
    // Not a timing test of our speed (about 0.1 ms): a starved client would wait seconds.
    EXPECT_LT(ms[ms.size() / 2], 100.0) << "median answer time while another client floods";
}

// Not a speed test: Nagle's algorithm makes every answer over 4 KiB wait ~40 ms for the client's
// delayed ACK. Twenty such answers in a row show it (800 ms) whatever the machine.
TEST(Faults, LongAnswersDoNotStallOnNagle) {
    ServerProcess server;
    WsClient ws(server.port());
    const std::string long_question =
        "what skills do I need, what does it pay in seattle, what is the outlook, how do I get started and "
        "what "
        "does a typical day look like?";
    ASSERT_GT(ws.ask(long_question).dump().size(), 4096u) << "the answer must span two frames";
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 20; ++i) ws.ask(long_question);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(ms, 400.0) << "20 long answers took " << ms << " ms: the 40 ms delayed-ACK stall is back";
}

// A burst of WebSockets that then closes must not leave its memory with the process for good: glibc
// keeps freed heap pages, so the server gives them back after a large drop (memory_return.hpp).
// Measured on anonymous memory: the code first run during the burst stays mapped (file pages, about
// 1 MiB here), which is not what malloc_trim returns and grows with the binary, not with the burst.
TEST(Faults, MemoryOfABurstOfConnectionsIsReturnedAfterTheyClose) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    GTEST_SKIP()
        << "the sanitizers' allocators keep freed memory themselves; glibc's malloc_trim has none to return";
#endif
    allow_many_descriptors();
    constexpr int burst = 1500;
    ServerProcess server({"--max-connections-per-ip", "10000"}, std::chrono::seconds(20), 8192);
    const long before = server.anonymous_rss_kib();
    const std::string upgrade =
        "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(server.port()) +
        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    std::vector<int> sockets;
    for (int i = 0; i < burst; ++i) {
        const int fd = connect_raw(server.port());
        ASSERT_GE(fd, 0);
        ASSERT_EQ(write(fd, upgrade.data(), upgrade.size()), static_cast<ssize_t>(upgrade.size()));
        sockets.push_back(fd);
    }
    for (int fd : sockets) {  // every handshake answered: the sessions exist
        char head[512];
        const ssize_t n = read(fd, head, sizeof head);
        ASSERT_GT(n, 12);
        ASSERT_EQ(std::string(head, 12), "HTTP/1.1 101");
    }
    const long with = server.anonymous_rss_kib();
    ASSERT_GT(with - before, burst * 4)
        << "the burst should cost ~8 KiB a connection (KiB: " << before << " -> " << with << ")";
    for (int fd : sockets) close(fd);
    long after = with;
    EXPECT_TRUE(eventually(
        [&] {
            after = server.anonymous_rss_kib();
            return after - before <= (with - before) / 4;
        },
        std::chrono::seconds(10), std::chrono::milliseconds(100)))
        << "anonymous RSS " << before << " KiB before the burst, " << with << " with it, " << after
        << " 10 s after it closed";
    WsClient ws(server.port());
    EXPECT_EQ(ws.ask("pay in seattle?")["type"], "answer");
}
