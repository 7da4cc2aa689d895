// scripts/chaos: the real server under steady traffic while faults are injected (docs/operations.md,
// "Chaos"). Chats, the HTTP API and a messaging webhook ask from several loopback addresses; meanwhile
// data is reloaded good and broken, static paths and the report are flooded, the store's budget fills,
// PostgreSQL stops and starts again, and the run ends with SIGTERM while questions are in flight. It holds
// when every accepted question got exactly one answer, every answer's event is in the store (less what the
// budget deleted), memory stayed under a bound and the exit was 0. CHAOS_SECONDS sets the traffic's length.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/clients.hpp"
#include "support/eventually.hpp"
#include "support/postgres_server.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

using namespace test_support;
using nlohmann::json;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using namespace std::chrono_literals;

namespace {

// The pod's memory limit (docker/, docs/operations.md).
constexpr long rss_bound_kib = 192 * 1024;
const std::string telegram_secret = "chaos-telegram-secret";
// Each of the six askers (four chats, the API, Telegram): a busy site's steady traffic, whose events the
// recorder's queue (20,000) holds through the outage of PostgreSQL. The floods are not paced.
constexpr int questions_per_second = 50;

// What visitors ask, some of it outside the guides (those keep their text for the report).
const std::vector<std::string> questions = {
    "What does a back-end developer do all day, and how much of it is meetings versus writing code?",
    "How much do senior back-end developers make in Seattle compared with Austin or New York?",
    "Is back-end development a good career for the next ten years, and how many openings are there?",
    "Which languages and frameworks should I learn first if I want my first back-end job this year?",
    "Do I need a computer science degree, or will a bootcamp and a portfolio get me hired?",
    "What is the weather like in Lisbon in March, and can I bring my dog to the office there?",
    "Can you recommend a good pizza place near the train station that is open after midnight?",
    "Quel est le salaire d'un développeur back-end débutant à Paris et à Lyon cette année ?",
};

std::string question(std::uint64_t n) {
    return questions[n % questions.size()] + " (" + std::to_string(n) + ")";
}

int chaos_seconds() {
    const char* env = std::getenv("CHAOS_SECONDS");
    return env != nullptr ? std::max(10, std::atoi(env)) : 60;
}

// Counts shared by the traffic threads; problems are kept as text and reported at the end.
struct Tally {
    std::atomic<std::uint64_t> chat_answers{0}, api_answers{0}, webhook_answers{0};
    std::atomic<std::uint64_t> reloads_good{0}, reloads_refused{0}, reports{0}, static_requests{0};
    std::mutex mutex;
    std::map<std::string, std::uint64_t> statuses;  // "what status" -> count, for the figures
    std::vector<std::string> problems;
    void count(const std::string& what, unsigned status) {
        std::lock_guard lock(mutex);
        ++statuses[what + " " + std::to_string(status)];
    }
    void problem(const std::string& what) {
        std::lock_guard lock(mutex);
        if (problems.size() < 20) problems.push_back(what);
    }
};

// Runs `step` until `stop`, at most `per_second` times a second (0: as fast as it goes), turning an exception
// (a connection that broke) into a problem. The pace is a load's shape, not a wait for a condition.
void repeat(const std::atomic<bool>& stop, Tally& tally, const std::string& name,
            const std::function<void()>& step, int per_second = 0) {
    auto next = std::chrono::steady_clock::now();
    while (!stop) {
        try {
            step();
        } catch (const std::exception& e) {
            tally.problem(name + ": " + e.what());
        }
        if (per_second > 0)
            std::this_thread::sleep_until(next += std::chrono::microseconds(1'000'000 / per_second));
    }
}

}  // namespace

TEST(Chaos, EveryAcceptedQuestionIsAnsweredOnceThroughFaults) {
    PostgresServer postgres;
    const std::string database = postgres.create_database();
    DataCopy data;
    ServerProcess server({"--database",
                          database,
                          "--knowledge",
                          data.knowledge().string(),
                          "--intents",
                          data.intents().string(),
                          "--store-max-mb",
                          "1",
                          "--log-questions",
                          "--stored-questions-per-address",
                          "1000000",
                          "--message-rate",
                          "100000",
                          "--message-burst",
                          "100000",
                          "--address-message-rate",
                          "100000",
                          "--address-message-burst",
                          "100000",
                          "--telegram-secret",
                          telegram_secret,
                          "--drain-seconds",
                          "20",
                          "--log-level",
                          "warn"});
    const std::uint16_t port = server.port();
    const long rss_at_start = server.rss_kib();
    Tally tally;
    std::atomic<bool> stop{false};
    std::atomic<long> peak_rss{rss_at_start};
    std::vector<std::thread> threads;

    // Chats from four addresses, each question waiting for its answer, ids checked.
    for (int c = 0; c < 4; ++c) {
        threads.emplace_back([&, c] {
            const std::string source = "127.0.0." + std::to_string(2 + c);
            std::uint64_t n = 0;
            std::unique_ptr<WsClient> ws;
            repeat(
                stop, tally, "chat " + source,
                [&] {
                    if (!ws) ws = std::make_unique<WsClient>(port, "/ws", source);
                    const std::string id = "c" + std::to_string(c) + "-" + std::to_string(n);
                    json reply;
                    try {
                        reply = ws->ask(question(n++), id);
                    } catch (...) {
                        ws.reset();  // the next question on a new connection
                        throw;
                    }
                    if (reply.value("type", "") != "answer" || reply.value("id", "") != id)
                        tally.problem("chat " + source + ": " + reply.dump().substr(0, 200));
                    else
                        ++tally.chat_answers;
                },
                questions_per_second);
        });
    }
    // The HTTP API and Telegram's webhook, from addresses of their own.
    threads.emplace_back([&] {
        std::uint64_t n = 0;
        repeat(
            stop, tally, "api",
            [&] {
                const auto res = http_request(port, http::verb::post, "/api/v1/ask",
                                              json{{"text", question(n++)}}.dump(), {}, "127.0.0.6");
                tally.count("api", res.status);
                if (res.status == 200 && res.json().contains("answer_id"))
                    ++tally.api_answers;
                else
                    tally.problem("api " + std::to_string(res.status) + ": " + res.body.substr(0, 200));
            },
            questions_per_second);
    });
    threads.emplace_back([&] {
        std::int64_t update = 1;
        repeat(
            stop, tally, "telegram",
            [&] {
                const json body = {{"update_id", update},
                                   {"message",
                                    {{"message_id", update},
                                     {"chat", {{"id", 1000 + update % 7}, {"type", "private"}}},
                                     {"text", question(static_cast<std::uint64_t>(update))}}}};
                ++update;
                const auto res =
                    http_request(port, http::verb::post, "/channels/telegram/webhook", body.dump(),
                                 {{"X-Telegram-Bot-Api-Secret-Token", telegram_secret}}, "127.0.0.7");
                tally.count("telegram", res.status);
                if (res.status == 200)
                    ++tally.webhook_answers;
                else
                    tally.problem("telegram " + std::to_string(res.status) + ": " + res.body.substr(0, 200));
            },
            questions_per_second);
    });
    // Floods: a new spelling of a static path each time (once a new cache entry each), and the report.
    threads.emplace_back([&] {
        std::uint64_t n = 0;
        repeat(stop, tally, "static", [&] {
            std::string path = "/";
            for (std::uint64_t i = 0; i < 1 + n % 300; ++i) path += "./";
            path += n % 2 == 0 ? "widget.js" : "index.html";
            ++n;
            const auto res = http_request(port, http::verb::get, path, "", {}, "127.0.0.8");
            tally.count("static", res.status);
            ++tally.static_requests;
            if (res.status >= 500) tally.problem("static " + std::to_string(res.status) + " for " + path);
        });
    });
    threads.emplace_back([&] {
        repeat(stop, tally, "report", [&] {
            const auto res = http_request(port, http::verb::get, "/admin/report?since=90d");
            tally.count("report", res.status);
            ++tally.reports;
            if (res.status != 200 && res.status != 429 && res.status != 503)
                tally.problem("report " + std::to_string(res.status) + ": " + res.body.substr(0, 200));
        });
    });
    // Reloads, good and broken (a Latin-1 byte in a fact file) in turn.
    threads.emplace_back([&] {
        const auto role = data.knowledge() / "facts" / "role.json";
        const std::string good = read_file(role);
        bool broken = false;
        repeat(
            stop, tally, "reload",
            [&] {
                write_file(role, broken ? good.substr(0, 40) + "\xE9" + good.substr(40) : good);
                const auto res = http_request(port, http::verb::post, "/admin/reload");
                tally.count(broken ? "reload broken" : "reload good", res.status);
                if (res.status == (broken ? 422u : 200u))
                    ++(broken ? tally.reloads_refused : tally.reloads_good);
                else
                    tally.problem("reload " + std::to_string(res.status) + ": " + res.body.substr(0, 200));
                broken = !broken;
            },
            2);
        write_file(role, good);
    });
    // Memory, sampled.
    std::thread sampler([&] {
        while (!stop) {
            peak_rss = std::max(peak_rss.load(), server.rss_kib());
            std::this_thread::sleep_for(100ms);
        }
    });

    // PostgreSQL goes away for a while in the middle of it.
    const auto seconds = std::chrono::seconds(chaos_seconds());
    std::this_thread::sleep_for(seconds / 3);
    postgres.stop();
    std::this_thread::sleep_for(seconds / 6);
    postgres.start();
    std::this_thread::sleep_for(seconds / 2);
    stop = true;
    for (auto& t : threads) t.join();
    sampler.join();

    // Everything answered was written, nothing dropped or refused, and the budget held.
    ASSERT_TRUE(eventually([&] { return metric(port, "career_advisor_store_queue") == 0; }, 60s));
    ASSERT_TRUE(
        eventually([&] { return metric(port, "career_advisor_store_up{store=\"postgresql\"}") == 1; }, 60s));
    const auto written =
        static_cast<std::uint64_t>(metric(port, "career_advisor_store_events_total{result=\"written\"}"));
    const auto deleted =
        static_cast<std::uint64_t>(metric(port, "career_advisor_store_budget_deleted_total"));
    const std::uint64_t answers = tally.chat_answers + tally.api_answers + tally.webhook_answers;
    EXPECT_EQ(written, answers);
    EXPECT_EQ(metric(port, "career_advisor_store_events_total{result=\"dropped\"}"), 0);
    EXPECT_EQ(metric(port, "career_advisor_store_events_total{result=\"refused\"}"), 0);
    EXPECT_GT(deleted, 0u) << "the budget was reached";
    EXPECT_LE(metric(port, "career_advisor_store_bytes"), 1 << 20);
    EXPECT_EQ(std::stoull(query_postgres(database, "SELECT COUNT(*) FROM answers")), written - deleted);

    // SIGTERM with questions in flight: each is answered before the 1001, and the exit is 0.
    constexpr int final_chats = 4, final_questions = 5;
    std::vector<std::unique_ptr<WsClient>> chats;
    for (int c = 0; c < final_chats; ++c)
        chats.push_back(std::make_unique<WsClient>(port, "/ws", "127.0.0." + std::to_string(2 + c)));
    for (int i = 0; i < final_questions; ++i)
        for (auto& ws : chats)
            ws->send_text(
                json{{"type", "ask"}, {"id", i}, {"text", question(static_cast<std::uint64_t>(i))}}.dump());
    server.signal(SIGTERM);
    std::set<std::string> final_ids;
    for (auto& ws : chats) {
        int answered = 0;
        for (;;) {
            boost::beast::flat_buffer buffer;
            boost::beast::error_code ec;
            ws->stream().read(buffer, ec);
            if (ec) {
                EXPECT_EQ(ec, websocket::error::closed);
                EXPECT_EQ(ws->stream().reason().code, websocket::close_code::going_away);
                break;
            }
            const json reply = json::parse(boost::beast::buffers_to_string(buffer.data()));
            EXPECT_EQ(reply.value("type", ""), "answer");
            EXPECT_EQ(reply.value("id", -1), answered);
            final_ids.insert(reply.value("answer_id", ""));
            ++answered;
        }
        EXPECT_EQ(answered, final_questions);
    }
    EXPECT_EQ(server.stop(std::chrono::seconds(30)), 0);
    std::string listed;
    for (const std::string& id : final_ids) listed += (listed.empty() ? "'" : ",'") + id + "'";
    EXPECT_EQ(query_postgres(database, "SELECT COUNT(*) FROM answers WHERE answer_id IN (" + listed + ")"),
              std::to_string(final_chats * final_questions))
        << "the answers given during the drain are stored";

    for (const std::string& p : tally.problems) ADD_FAILURE() << p;
    EXPECT_LE(peak_rss.load(), rss_bound_kib);
    std::printf(
        "chaos: %d s of traffic; questions answered: %llu chat, %llu API, %llu Telegram (+%d in the drain), "
        "lost 0 of those checked\n",
        chaos_seconds(), static_cast<unsigned long long>(tally.chat_answers.load()),
        static_cast<unsigned long long>(tally.api_answers.load()),
        static_cast<unsigned long long>(tally.webhook_answers.load()), final_chats * final_questions);
    std::printf(
        "chaos: faults: %llu good and %llu broken reloads, %llu static and %llu report requests, "
        "PostgreSQL stopped for %lld s, SIGTERM in flight\n",
        static_cast<unsigned long long>(tally.reloads_good.load()),
        static_cast<unsigned long long>(tally.reloads_refused.load()),
        static_cast<unsigned long long>(tally.static_requests.load()),
        static_cast<unsigned long long>(tally.reports.load()), static_cast<long long>((seconds / 6).count()));
    std::printf(
        "chaos: store: %llu events written, %llu rows deleted by the 1 MiB budget; RSS %ld KiB at start, "
        "peak %ld KiB (bound %ld)\n",
        static_cast<unsigned long long>(written), static_cast<unsigned long long>(deleted), rss_at_start,
        peak_rss.load(), rss_bound_kib);
    for (const auto& [what, count] : tally.statuses)
        std::printf("chaos:   %-16s %llu\n", what.c_str(), static_cast<unsigned long long>(count));
}
