// What visitors ask, recorded by the real server in SQLite: feedback over both transports, the report,
// a crash, the drain, and a store that cannot be written.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <filesystem>
#include <thread>

#include "support/clients.hpp"
#include "support/eventually.hpp"
#include "support/postgres_server.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

using namespace test_support;
using nlohmann::json;
namespace http = boost::beast::http;
using namespace std::chrono_literals;

namespace {

json vote(WsClient& ws, const json& answer_id, bool helpful, const std::string& id) {
    ws.send_text(
        json{{"type", "feedback"}, {"id", id}, {"answer_id", answer_id}, {"helpful", helpful}}.dump());
    return ws.read_json();
}

std::filesystem::path database(const ServerProcess& server) {
    return server.data_dir() / "analytics.sqlite3";
}

}  // namespace

TEST(Feedback, RoundTripOverTheWebSocketWithTheLastVoteKept) {
    ServerProcess server;
    WsClient ws(server.port());
    const json answer = ws.ask("how much do seniors make?", "q1");
    ASSERT_TRUE(answer["answer_id"].is_string()) << answer;
    EXPECT_EQ(vote(ws, answer["answer_id"], false, "f1"), (json{{"type", "feedback_received"},
                                                                {"id", "f1"},
                                                                {"answer_id", answer["answer_id"]},
                                                                {"helpful", false}}));
    EXPECT_EQ(vote(ws, answer["answer_id"], true, "f2")["helpful"], true) << "a vote may change";
    json seen;
    ASSERT_TRUE(eventually([&] {
        seen = admin_report(server.port());
        return seen["totals"]["helpful"] == 1;
    })) << seen.dump();
    EXPECT_EQ(seen["totals"]["not_helpful"], 0) << "one vote per answer: the last";
    EXPECT_EQ(query_sqlite(database(server), "SELECT COUNT(*) FROM feedback"), "1");
}

TEST(Feedback, RoundTripOverHttpWithAComment) {
    ServerProcess server;
    const json answer =
        http_request(server.port(), http::verb::post, "/api/v1/ask", R"({"text":"pay in berlin?"})").json();
    const auto voted = http_request(
        server.port(), http::verb::post, "/api/v1/feedback",
        json{{"answer_id", answer["answer_id"]}, {"helpful", false}, {"comment", "I asked about Berlin"}}
            .dump());
    EXPECT_EQ(voted.status, 200u) << voted.body;
    EXPECT_EQ(voted.json()["type"], "feedback_received");
    EXPECT_EQ(voted.headers.at("Access-Control-Allow-Origin"), "*") << "the public API allows any site";
    json seen;
    ASSERT_TRUE(eventually([&] {
        seen = admin_report(server.port());
        return !seen["not_helpful"].empty();
    })) << seen.dump();
    EXPECT_EQ(seen["not_helpful"][0]["comment"], "I asked about Berlin");
    EXPECT_EQ(seen["not_helpful"][0]["question"], "pay in berlin?")
        << "a not-covered question keeps its text";
}

TEST(Feedback, AnUnknownOrTamperedIdIsAnErrorNotASilentSuccess) {
    ServerProcess server;
    WsClient ws(server.port());
    std::string id = ws.ask("hello")["answer_id"];
    id[10] = id[10] == 'a' ? 'b' : 'a';
    const json tampered = vote(ws, id, true, "f1");
    EXPECT_EQ(tampered["type"], "error");
    EXPECT_EQ(tampered["code"], "unknown_answer");
    EXPECT_EQ(tampered["id"], "f1");
    const auto http = http_request(server.port(), http::verb::post, "/api/v1/feedback",
                                   json{{"answer_id", std::string(48, '0')}, {"helpful", true}}.dump());
    EXPECT_EQ(http.status, 404u);
    EXPECT_EQ(http.json()["code"], "unknown_answer");
    EXPECT_EQ(ws.ask("still here?")["type"], "answer") << "the connection stays open";
}

TEST(Feedback, AnIdIsValidAfterARestartOnTheSameStore) {
    TempDir data;
    std::string id;
    {
        ServerProcess first({"--data-dir", data.path().string()});
        id = http_request(first.port(), http::verb::post, "/api/v1/ask", R"({"text":"hello"})")
                 .json()["answer_id"];
    }
    ServerProcess second({"--data-dir", data.path().string()});
    const auto voted = http_request(second.port(), http::verb::post, "/api/v1/feedback",
                                    json{{"answer_id", id}, {"helpful", true}}.dump());
    EXPECT_EQ(voted.status, 200u) << voted.body;
}

TEST(Report, AFallbackQuestionAppearsInTheReportAndItsExport) {
    ServerProcess server;
    WsClient ws(server.port());
    ws.ask("Can I become an astronaut?");
    ws.ask("can i become an astronaut");
    ws.ask("what do back-end developers do?");
    json seen;
    ASSERT_TRUE(eventually([&] {
        seen = admin_report(server.port());
        return seen["totals"]["answers"] == 3;
    })) << seen.dump();
    ASSERT_EQ(seen["unanswered"].size(), 1u) << seen.dump(2);
    EXPECT_EQ(seen["unanswered"][0]["count"], 2);
    EXPECT_EQ(seen["unanswered"][0]["intent"], "fallback");
    EXPECT_EQ(seen["totals"]["fallback"], 2);
    EXPECT_EQ(query_sqlite(database(server), "SELECT COUNT(*) FROM answers WHERE question IS NOT NULL"), "2")
        << "the answered question's text is not kept";

    TempDir out;
    const auto file = out.path() / "misses.jsonl";
    const auto cli = run_command({"report", "--since", "1d", "--data-dir", server.data_dir().string(),
                                  "--export-examples", file.string()});
    EXPECT_EQ(cli.exit_code, 0) << cli.err;
    // One group of two wordings (asked within a millisecond, either may lead).
    EXPECT_NE(cli.out.find("2 x \""), std::string::npos) << cli.out;
    EXPECT_NE(cli.out.find("also \""), std::string::npos) << cli.out;
    EXPECT_NE(read_file(file).find("\"intent\":\"fallback\""), std::string::npos);
    const auto eval = run_command({"eval", file.string()});
    EXPECT_EQ(eval.exit_code, 0) << eval.err;
    const auto as_json = run_command({"report", "--json", "--data-dir", server.data_dir().string()});
    EXPECT_EQ(json::parse(as_json.out)["unanswered"], seen["unanswered"]);
}

// One address once filled the report's window of 20,000 unanswered questions in minutes, pushing every
// real visitor's question out: past its share, its answers are still counted but keep no text.
TEST(Report, OneAddressCannotFillTheStoreWithQuestionTexts) {
    ServerProcess server({"--stored-questions-per-address", "10"});  // two at once, then ten a day
    WsClient ws(server.port());
    for (int i = 0; i < 6; ++i) ws.ask("Can I become an astronaut on planet " + std::to_string(i) + "?");
    json seen;
    ASSERT_TRUE(eventually([&] {
        seen = admin_report(server.port());
        return seen["totals"]["answers"] == 6;
    })) << seen.dump();
    EXPECT_EQ(seen["totals"]["fallback"], 6) << "every answer is counted";
    EXPECT_EQ(query_sqlite(database(server), "SELECT COUNT(*) FROM answers WHERE question IS NOT NULL"), "2");
    EXPECT_EQ(metric(server.port(), "career_advisor_question_texts_dropped_total"), 4.0);
}

TEST(Report, NeedsAdminAccessAndAValidPeriod) {
    ServerProcess server({"--admin-token", "s3cret"});
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/admin/report").status, 401u);
    const auto ok = http_request(server.port(), http::verb::get, "/admin/report", "",
                                 {{"Authorization", "Bearer s3cret"}});
    EXPECT_EQ(ok.status, 200u) << ok.body;
    EXPECT_EQ(ok.headers.at("Cache-Control"), "no-store");
    const auto bad = http_request(server.port(), http::verb::get, "/admin/report?since=soon", "",
                                  {{"Authorization", "Bearer s3cret"}});
    EXPECT_EQ(bad.status, 400u);
    EXPECT_NE(bad.json()["message"].get<std::string>().find("7d"), std::string::npos);
}

TEST(Report, TheCommandSaysWhenThereIsNoDatabase) {
    TempDir empty;
    const auto cli = run_command({"report", "--data-dir", empty.path().string()});
    EXPECT_EQ(cli.exit_code, 1);
    EXPECT_NE(cli.err.find("does not exist"), std::string::npos) << cli.err;
}

TEST(Recording, SigtermWritesEveryAnswerGivenBeforeTheExit) {
    ServerProcess server;
    WsClient ws(server.port());
    for (int i = 0; i < 15; ++i)
        EXPECT_EQ(ws.ask("question number " + std::to_string(i) + " about pay?")["type"], "answer");
    EXPECT_EQ(server.stop(), 0);
    EXPECT_EQ(query_sqlite(database(server), "SELECT COUNT(*) FROM answers"), "15");
}

// The documented window: what was answered in the last flush interval (1 s) before a crash may be lost.
TEST(Recording, AfterKillNineTheDatabaseOpensCleanlyMissingAtMostTheLastSecond) {
    TempDir data;
    std::vector<std::pair<std::string, std::chrono::steady_clock::time_point>> answered;
    std::chrono::steady_clock::time_point killed;
    {
        ServerProcess server({"--data-dir", data.path().string(), "--message-rate", "100000",
                              "--message-burst", "100000", "--address-message-rate", "100000",
                              "--address-message-burst", "100000"});
        WsClient ws(server.port());
        const auto until = std::chrono::steady_clock::now() + 4500ms;
        for (int i = 0; std::chrono::steady_clock::now() < until; ++i) {
            const json answer =
                ws.ask(i % 5 == 0 ? "tell me about underwater basket weaving " + std::to_string(i)
                                  : "how much do seniors make in seattle?");
            answered.emplace_back(answer["answer_id"], std::chrono::steady_clock::now());
        }
        server.signal(SIGKILL);
        killed = std::chrono::steady_clock::now();
        server.stop();  // reaps it
    }
    const auto file = data.path() / "analytics.sqlite3";
    EXPECT_EQ(query_sqlite(file, "PRAGMA integrity_check"), "ok");
    ServerProcess restarted({"--data-dir", data.path().string()});
    EXPECT_EQ(http_request(restarted.port(), http::verb::get, "/readyz").json()["store"]["ok"], true);
    std::size_t old_enough = 0, missing = 0;
    for (const auto& [id, at] : answered) {
        if (killed - at < 2000ms)
            continue;  // the window, with a second for the writer's own time on a busy machine
        ++old_enough;
        if (query_sqlite(file, "SELECT COUNT(*) FROM answers WHERE answer_id = '" + id.substr(0, 48) + "'") !=
            "1")
            ++missing;
    }
    EXPECT_GT(old_enough, 20u);
    EXPECT_EQ(missing, 0u) << "of " << old_enough << " answers given more than 2 s before the kill";
}

TEST(Recording, AReadOnlyDataDirectoryIsReportedWhileChatWorks) {
    TempDir dir;
    const auto data = dir.path() / "data";
    std::filesystem::create_directories(data);
    give_to_unprivileged(dir.path());  // the server runs as nobody: root writes anywhere
    ASSERT_EQ(chmod(data.c_str(), 0555), 0);
    ServerProcess server({"--data-dir", data.string()}, 20s, 0, true);
    WsClient ws(server.port());
    EXPECT_EQ(ws.ask("what do back-end developers do?")["type"], "answer") << "chat goes on";
    const json ready = http_request(server.port(), http::verb::get, "/readyz").json();
    EXPECT_EQ(ready["status"], "ready");
    EXPECT_EQ(ready["store"]["ok"], false) << ready;
    EXPECT_EQ(ready["store"]["problem"], "cannot open the database file") << ready;
    EXPECT_EQ(ready.dump().find(data.string()), std::string::npos) << "no path in public";
    const auto metrics = http_request(server.port(), http::verb::get, "/metrics").body;
    EXPECT_NE(metrics.find("career_advisor_store_up{store=\"sqlite\"} 0"), std::string::npos);
    EXPECT_NE(server.log().find("recording: cannot open the sqlite store"), std::string::npos)
        << server.log();
    EXPECT_NE(server.log().find(data.string()), std::string::npos) << "the log names the file";
}

TEST(Recording, AStartRefusedForABadFileCreatesNoDatabase) {
    TempDir dir;
    write_file(dir.path() / "cert.pem", "not a certificate");
    const auto r =
        run_command({"serve", "--port", "0", "--data-dir", (dir.path() / "data").string(), "--tls-cert",
                     (dir.path() / "cert.pem").string(), "--tls-key", (dir.path() / "cert.pem").string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "data")) << "the data directory was made for nothing";
}
