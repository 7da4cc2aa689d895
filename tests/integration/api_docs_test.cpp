#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

// Runs every `curl` line of docs/api.md against a real server and checks the status its trailing
// comment promises, so the documentation cannot drift from the server.

using namespace test_support;

namespace {

// A curl line and what its trailing comment promises: `# 200`, then optionally `, intent ID`,
// `, says "WORDS"` (in the answer's text) and `, context_expired`.
struct DocCommand {
    std::string command;
    int status = 0;
    std::string intent;
    std::string says;
    bool context_expired = false;
};

std::vector<DocCommand> commands_in_docs() {
    std::vector<DocCommand> out;
    std::istringstream doc(read_file(source_dir() / "docs" / "api.md"));
    const std::regex line_re(
        R"re(^(curl .*?)\s+#\s*(\d{3})(?:, intent (\S+))?(?:, says "([^"]+)")?(, context_expired)?\s*$)re");
    std::string line;
    while (std::getline(doc, line)) {
        std::smatch m;
        if (std::regex_match(line, m, line_re)) {
            out.push_back({m[1], std::stoi(m[2]), m[3], m[4], m[5].matched});
        } else {
            EXPECT_EQ(line.rfind("curl ", 0), std::string::npos) << "a curl line without a promise: " << line;
        }
    }
    return out;
}

// Runs a shell command and returns what it printed on stdout.
std::string run_shell(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) out += buffer.data();
    pclose(pipe);
    return out;
}

}  // namespace

TEST(ApiDocs, EveryCurlExampleGivesTheDocumentedStatus) {
    const auto commands = commands_in_docs();
    ASSERT_GE(commands.size(), 12u);
    ServerProcess server;
    const std::string port = std::to_string(server.port());
    for (DocCommand c : commands) {
        SCOPED_TRACE(c.command);
        c.command = std::regex_replace(c.command, std::regex("127\\.0\\.0\\.1:8080"), "127.0.0.1:" + port);
        const std::string output = run_shell(c.command + " -w '\\n%{http_code}'");
        const auto newline = output.rfind('\n');
        ASSERT_NE(newline, std::string::npos) << output;
        EXPECT_EQ(std::stoi(output.substr(newline + 1)), c.status) << output;
        EXPECT_EQ(output.front(), '{') << "the body is a JSON object: " << output;
        const auto body = nlohmann::json::parse(output.substr(0, newline), nullptr, false);
        if (!c.intent.empty()) {
            EXPECT_EQ(body.value("intent", ""), c.intent) << output;
        }
        if (!c.says.empty()) {
            EXPECT_NE(body.value("text", "").find(c.says), std::string::npos) << output;
        }
        EXPECT_EQ(body.value("context_expired", false), c.context_expired) << output;
    }
}
