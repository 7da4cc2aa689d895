#include <gtest/gtest.h>
#include <signal.h>

#include <cstdio>
#include <thread>

#include "support/clients.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

using namespace test_support;
using nlohmann::json;
namespace http = boost::beast::http;

TEST(Server, PrintsOneListeningLineWithTheChosenPort) {
    ServerProcess server;
    EXPECT_GT(server.port(), 0);
    EXPECT_EQ(server.listening_line(),
              "listening on http://127.0.0.1:" + std::to_string(server.port()) + "/");
}

TEST(Server, AnswersOverWebSocket) {
    ServerProcess server;
    WsClient ws(server.port());
    const json reply = ws.ask("What does a back-end developer do?", "c1");
    EXPECT_EQ(reply["type"], "answer");
    EXPECT_EQ(reply["id"], "c1");
    EXPECT_EQ(reply["intent"], "role.overview");
    EXPECT_FALSE(reply["sources"].empty());
}

TEST(Server, BadFramesGetErrorsAndTheConnectionStaysOpen) {
    ServerProcess server;
    WsClient ws(server.port());
    ws.send_text("not json");
    EXPECT_EQ(ws.read_json()["code"], "bad_json");
    ws.send_text(R"({"type":"ask","id":"e1"})");
    EXPECT_EQ(ws.read_json()["code"], "bad_request");
    ws.send_text(R"({"type":"dance","id":"e2"})");
    EXPECT_EQ(ws.read_json()["code"], "unknown_type");
    ws.send_binary(std::string("\x00\x01\x02", 3));
    EXPECT_EQ(ws.read_json()["code"], "binary_frame");
    EXPECT_EQ(ws.ask("hello", "after")["type"], "answer");
}

TEST(Server, AnswersComeInTheOrderOfTheQuestions) {
    ServerProcess server;
    WsClient ws(server.port());
    for (int i = 0; i < 20; ++i) {
        ws.send_text(
            json({{"type", "ask"}, {"id", "q" + std::to_string(i)}, {"text", "what is the salary?"}}).dump());
    }
    for (int i = 0; i < 20; ++i) EXPECT_EQ(ws.read_json()["id"], "q" + std::to_string(i));
}

TEST(Server, FollowUpsUseTheConnectionContext) {
    ServerProcess server;
    WsClient ws(server.port());
    ws.ask("how much do developers earn in seattle");
    const json reply = ws.ask("what about Austin?");
    EXPECT_EQ(reply["intent"], "salary");
    EXPECT_EQ(reply["entities"]["location"], json::array({"austin"}));
}

TEST(Server, OversizeFrameClosesOnlyThatConnection) {
    ServerProcess server;
    {
        WsClient big(server.port());
        // The server closes as soon as it sees the frame's length, so either our write or our
        // read fails, depending on timing.
        bool closed = false;
        try {
            big.send_text(std::string(64 * 1024, 'a'));
            big.read_text();
        } catch (const boost::system::system_error&) {
            closed = true;
        }
        EXPECT_TRUE(closed);
    }
    WsClient ws(server.port());
    EXPECT_EQ(ws.ask("hello")["type"], "answer");
}

TEST(Server, ClientThatDisconnectsMidConversationDoesNotDisturbOthers) {
    ServerProcess server;
    WsClient steady(server.port());
    EXPECT_EQ(steady.ask("what skills do I need?")["type"], "answer");
    for (int i = 0; i < 5; ++i) {
        WsClient leaving(server.port());
        leaving.send_text(R"({"type":"ask","text":"how much do seniors make?"})");
        leaving.drop();  // gone before the answer is read
    }
    EXPECT_EQ(steady.ask("and what about the job outlook?")["type"], "answer");
    EXPECT_TRUE(server.running());
}

TEST(Server, HttpAskAnswersAndRejectsBadBodies) {
    ServerProcess server;
    auto ok = http_request(server.port(), http::verb::post, "/api/v1/ask",
                           R"({"text":"What does a back-end developer do?"})");
    EXPECT_EQ(ok.status, 200u);
    EXPECT_EQ(ok.json()["intent"], "role.overview");
    EXPECT_EQ(ok.headers["Content-Type"], "application/json");
    auto bad = http_request(server.port(), http::verb::post, "/api/v1/ask", "{oops");
    EXPECT_EQ(bad.status, 400u);
    EXPECT_EQ(bad.json()["code"], "bad_json");
    auto empty = http_request(server.port(), http::verb::post, "/api/v1/ask", R"({"text":""})");
    EXPECT_EQ(empty.status, 400u);
}

TEST(Server, OversizeHttpBodyIs413) {
    ServerProcess server;
    auto res = http_request(server.port(), http::verb::post, "/api/v1/ask",
                            json({{"text", std::string(10000, 'a')}}).dump());
    EXPECT_EQ(res.status, 413u);
}

TEST(Server, ServesHealthAndTheChatPage) {
    ServerProcess server;
    auto health = http_request(server.port(), http::verb::get, "/healthz");
    EXPECT_EQ(health.status, 200u);
    auto page = http_request(server.port(), http::verb::get, "/");
    EXPECT_EQ(page.status, 200u);
    EXPECT_EQ(page.headers["Content-Type"], "text/html; charset=utf-8");
    EXPECT_NE(page.body.find("<html"), std::string::npos);
    auto tag = http_request(server.port(), http::verb::get, "/widget.js");
    EXPECT_EQ(tag.status, 302u) << "to the current version";
    auto script = http_request(server.port(), http::verb::get, tag.headers["Location"]);
    EXPECT_EQ(script.status, 200u);
    EXPECT_EQ(script.headers["Content-Type"], "text/javascript; charset=utf-8");
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/nope.html").status, 404u);
    EXPECT_EQ(http_request(server.port(), http::verb::get, "/../CMakeLists.txt").status, 404u);
    EXPECT_EQ(http_request(server.port(), http::verb::delete_, "/healthz").status, 405u);
}

TEST(Server, StopsCleanlyOnSigterm) {
    ServerProcess server;
    WsClient ws(server.port());
    EXPECT_EQ(server.stop(), 0);
}

TEST(Server, RefusesToStartOnBadDataAndSaysWhy) {
    DataCopy data;
    write_file(data.knowledge() / "facts" / "salary.json", "{");
    auto r = run_command({"serve", "--port", "0", "--knowledge", data.knowledge().string(), "--intents",
                          data.intents().string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("salary.json"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
}

TEST(Cli, AskAnswersLocally) {
    auto r = run_command({"ask", "What does a back-end developer do?"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Sources:"), std::string::npos) << r.out;
    auto j = run_command({"ask", "What does a back-end developer do?", "--json"});
    EXPECT_EQ(json::parse(j.out)["intent"], "role.overview");
    EXPECT_EQ(json::parse(j.out)["type"], "answer") << "the same object the protocol sends";
}

// `ask ""` once printed the fallback and exited 0 (HTTP says 400); `ask` alone exited 2 rather than read
// questions.
TEST(Cli, AskRefusesAnEmptyQuestionAndReadsQuestionsFromInput) {
    const auto empty = run_command({"ask", "  "});
    EXPECT_EQ(empty.exit_code, 2);
    EXPECT_NE(empty.err.find("must not be empty"), std::string::npos) << empty.err;
    EXPECT_EQ(empty.out, "");
    // Two questions on standard input, one conversation: the follow-up keeps Seattle.
    const std::string command =
        "printf 'how much do developers make in Seattle?\\n\\nand seniors?\\n/quit\\nwhat skills?\\n' | " +
        std::string(CAREER_ADVISOR_BINARY) + " ask --json";
    FILE* pipe = ::popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string out;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    EXPECT_EQ(::pclose(pipe), 0);
    std::vector<json> answers;
    json::parser_callback_t keep_all = nullptr;
    std::size_t at = 0;
    while ((at = out.find_first_not_of(" \n", at)) != std::string::npos) {
        std::size_t end = out.find("\n}", at);
        ASSERT_NE(end, std::string::npos) << out;
        answers.push_back(json::parse(out.substr(at, end + 2 - at), keep_all));
        at = end + 2;
    }
    ASSERT_EQ(answers.size(), 2u) << "blank lines skipped, nothing after /quit: " << out;
    EXPECT_EQ(answers[1].at("intent"), "salary");
    EXPECT_NE(answers[1].at("text").get<std::string>().find("$150,000"), std::string::npos) << answers[1];
}

// A port in use once printed Boost's source file and function.
TEST(Cli, APortInUseIsSaidPlainlyWithWhatToDo) {
    ServerProcess first;
    const auto second = run_command({"serve", "--port", std::to_string(first.port())});
    EXPECT_EQ(second.exit_code, 1);
    const std::string log = second.out + second.err;
    EXPECT_NE(log.find("Address already in use (another program listens there: choose another --port"),
              std::string::npos)
        << log;
    EXPECT_EQ(log.find(".hpp"), std::string::npos) << log;
}

TEST(Cli, CheckPrintsOneSummaryLine) {
    auto r = run_command({"check"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("ok: ", 0), 0u) << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);
}

TEST(Cli, CheckFailsWithErrorsOnBadData) {
    DataCopy data;
    replace_in_file(data.knowledge() / "facts" / "outlook.json", "\"source\":", "\"origin\":");
    auto r = run_command(
        {"check", "--knowledge", data.knowledge().string(), "--intents", data.intents().string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("outlook.json: /facts/0/source"), std::string::npos) << r.err;
}

TEST(Cli, UnknownFlagExitsTwo) {
    auto r = run_command({"serve", "--no-such-flag"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--no-such-flag"), std::string::npos);
}
