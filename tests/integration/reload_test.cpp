#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <atomic>
#include <thread>

#include "support/clients.hpp"
#include "support/eventually.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

using namespace test_support;
using nlohmann::json;
namespace http = boost::beast::http;

namespace {

const std::string marker = "RELOADED-MARKER";

std::vector<std::string> data_args(const DataCopy& data) {
    return {"--knowledge", data.knowledge().string(), "--intents", data.intents().string()};
}

std::string overview_text(std::uint16_t port) {
    auto res = http_request(port, http::verb::post, "/api/v1/ask",
                            R"({"text":"What does a back-end developer do?"})");
    return res.json()["text"].get<std::string>();
}

// Puts the marker at the start of the overview fact the answer quotes (role.overview.truest).
void mark_overview_fact(const DataCopy& data) {
    replace_in_file(data.knowledge() / "facts" / "role.json", "\"text\": \"Truest sums",
                    "\"text\": \"" + marker + " Truest sums");
}

}  // namespace

TEST(Reload, AdminReloadSwapsInNewData) {
    DataCopy data;
    ServerProcess server(data_args(data));
    EXPECT_EQ(overview_text(server.port()).find(marker), std::string::npos);
    mark_overview_fact(data);
    auto res = http_request(server.port(), http::verb::post, "/admin/reload");
    ASSERT_EQ(res.status, 200u) << res.body;
    EXPECT_EQ(res.json()["status"], "reloaded");
    EXPECT_NE(overview_text(server.port()).find(marker), std::string::npos);
}

TEST(Reload, BadDataIsRefusedAndTheOldDataKeepsServing) {
    DataCopy data;
    ServerProcess server(data_args(data));
    const std::string before = overview_text(server.port());
    replace_in_file(data.knowledge() / "facts" / "outlook.json", "\"source\":", "\"origin\":");
    auto res = http_request(server.port(), http::verb::post, "/admin/reload");
    EXPECT_EQ(res.status, 422u);
    EXPECT_EQ(res.json()["code"], "reload_failed");
    EXPECT_NE(res.json()["message"].get<std::string>().find("outlook.json: /facts/0/source"),
              std::string::npos)
        << res.body;
    EXPECT_EQ(overview_text(server.port()), before);
}

TEST(Reload, SighupReloads) {
    DataCopy data;
    ServerProcess server(data_args(data));
    mark_overview_fact(data);
    server.signal(SIGHUP);
    // A reload takes 0.3 s in a release build and several seconds under ThreadSanitizer on a busy machine.
    EXPECT_TRUE(eventually([&] { return overview_text(server.port()).find(marker) != std::string::npos; },
                           std::chrono::seconds(60), std::chrono::milliseconds(50)));
    EXPECT_TRUE(server.running());
}

TEST(Reload, LiveWebSocketTrafficLosesNoAnswerDuringReloads) {
    DataCopy data;
    std::vector<std::string> args = data_args(data);
    args.insert(args.end(),
                {"--message-rate", "100000", "--message-burst", "100000", "--address-message-rate", "100000",
                 "--address-message-burst", "100000"});  // as fast as they can
    ServerProcess server(args);
    std::atomic<bool> done{false};
    std::atomic<int> answered{0};
    std::atomic<int> wrong{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 3; ++c) {
        clients.emplace_back([&, c] {
            WsClient ws(server.port());
            for (int i = 0; !done || i < 50; ++i) {
                const std::string id = std::to_string(c) + "-" + std::to_string(i);
                const json reply = ws.ask("how much do back end developers make in seattle?", id);
                if (reply["type"] != "answer" || reply["id"] != id || reply["intent"] != "salary") ++wrong;
                ++answered;
            }
        });
    }
    // Four reloads, the data changing before the third: a reload takes seconds under ThreadSanitizer.
    for (int r = 0; r < 4; ++r) {
        if (r == 2) mark_overview_fact(data);
        EXPECT_EQ(http_request(server.port(), http::verb::post, "/admin/reload").status, 200u);
    }
    done = true;
    for (auto& t : clients) t.join();
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_GE(answered.load(), 150);
    EXPECT_NE(overview_text(server.port()).find(marker), std::string::npos);
}

TEST(Reload, StartsTheAnswerCacheAgain) {
    DataCopy data;
    ServerProcess server(data_args(data));
    const auto metrics = [&] { return http_request(server.port(), http::verb::get, "/metrics").body; };
    const std::string before = overview_text(server.port());
    EXPECT_EQ(overview_text(server.port()), before);
    EXPECT_NE(metrics().find("career_advisor_answer_cache_lookups_total{result=\"hit\"} 1\n"),
              std::string::npos)
        << metrics();
    mark_overview_fact(data);
    ASSERT_EQ(http_request(server.port(), http::verb::post, "/admin/reload").status, 200u);
    EXPECT_NE(metrics().find("career_advisor_answer_cache_entries 0\n"), std::string::npos) << metrics();
    EXPECT_NE(overview_text(server.port()).find(marker), std::string::npos) << "the same words, the new data";

    ServerProcess uncached({"--answer-cache-bytes", "0"});
    EXPECT_EQ(overview_text(uncached.port()), before);
    EXPECT_EQ(http_request(uncached.port(), http::verb::get, "/metrics").body.find("answer_cache"),
              std::string::npos);
}

// One Latin-1 byte in a data file once ended the process: the error reply quoted the byte and
// nlohmann's dump() threw on the control thread. Each place a byte can sit gets a 422 naming the file.
TEST(Reload, ABadByteInADataFileIsRefusedWithoutHarm) {
    const std::string latin1_e = "\xE9";
    const std::vector<std::pair<std::string, std::string>> breakages = {
        {"\"text\": \"Truest sums", "\"text\": \"Truest" + latin1_e + " sums"},  // in a string
        {"\"source\":", "\"sour" + latin1_e + "ce\":"},                          // in a key
        {"\"text\": \"Truest sums", "\"text\": " + latin1_e + "\"Truest sums"},  // outside any string
    };
    DataCopy data;
    ServerProcess server(data_args(data));
    const std::string before = overview_text(server.port());
    const std::string role = read_file(data.knowledge() / "facts" / "role.json");
    for (const auto& [from, to] : breakages) {
        replace_in_file(data.knowledge() / "facts" / "role.json", from, to);
        auto res = http_request(server.port(), http::verb::post, "/admin/reload");
        EXPECT_EQ(res.status, 422u) << to;
        EXPECT_EQ(res.json()["code"], "reload_failed");
        EXPECT_NE(res.json()["message"].get<std::string>().find("role.json"), std::string::npos) << res.body;
        EXPECT_EQ(overview_text(server.port()), before) << "the old data keeps serving";
        write_file(data.knowledge() / "facts" / "role.json", role);
    }
    auto res = http_request(server.port(), http::verb::post, "/admin/reload");
    EXPECT_EQ(res.status, 200u) << "repaired data loads again: " << res.body;
}

// A data file that is a FIFO once blocked the control thread for good (signals unheard), and a link to
// /dev/zero read gigabytes: only regular files are read, each up to knowledge::max_data_file_bytes.
TEST(Reload, AFifoOrADeviceInPlaceOfADataFileIsRefusedAtOnce) {
    DataCopy data;
    ServerProcess server(data_args(data));
    const std::string before = overview_text(server.port());
    const auto lexicon = data.intents() / "lexicon.json";
    const std::string kept = read_file(lexicon);
    std::filesystem::remove(lexicon);
    ASSERT_EQ(::mkfifo(lexicon.c_str(), 0600), 0);
    auto res = http_request(server.port(), http::verb::post, "/admin/reload");
    EXPECT_EQ(res.status, 422u);
    EXPECT_NE(res.body.find("lexicon.json: /: the file is not a regular file"), std::string::npos)
        << res.body;

    std::filesystem::remove(lexicon);
    std::filesystem::create_symlink("/dev/zero", lexicon);
    res = http_request(server.port(), http::verb::post, "/admin/reload");
    EXPECT_EQ(res.status, 422u);
    EXPECT_NE(res.body.find("lexicon.json: /: the file is not a regular file"), std::string::npos)
        << res.body;
    EXPECT_EQ(overview_text(server.port()), before) << "the old data keeps serving";

    std::filesystem::remove(lexicon);
    write_file(lexicon, kept);
    EXPECT_EQ(http_request(server.port(), http::verb::post, "/admin/reload").status, 200u);
}
