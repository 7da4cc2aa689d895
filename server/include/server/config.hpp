#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace server {

enum class Command { serve, ask, check, eval };

// Everything the program can be told, in one place. Filled by parse_command_line from
// defaults < environment (CAREER_ADVISOR_*) < flags.
struct Config {
    Command command = Command::serve;
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;              // 0 picks a free port
    std::string web_dir;                    // default: web/ beside the data
    std::string knowledge_dir;              // default: knowledge/data
    std::string intents_dir;                // default: intents/data
    unsigned threads = 2;                   // io_context threads
    std::string admin_token;                // empty: /admin/* only from loopback
    std::vector<std::string> allowed_origins;  // pages of other sites that may open /ws (the widget)
    std::string log_level = "info";
    std::size_t max_message_bytes = 4096;   // WebSocket frames and HTTP bodies
    std::size_t max_question_chars = 1000;  // longer questions are refused
    std::string question;                   // for `ask`
    std::vector<std::string> follow_ups;    // for `ask`: asked after it, each with the context of the last answer
    bool json_output = false;               // for `ask` and `eval`
    std::string eval_file;                  // for `eval`
    bool explain = false;                   // for `ask`: show normalisation, clauses, scores, entities
};

// The outcome of reading the command line: either a Config to run with, or text to print and an exit code
// (help and version exit 0, a bad flag exits 2 with a one-line error naming it).
struct ParseOutcome {
    bool run = false;
    Config config;
    int exit_code = 0;
    std::string output;  // for stdout (help, version)
    std::string error;   // for stderr
};

// Pure: the same arguments and environment give the same outcome. args[0] is the program name.
ParseOutcome parse_command_line(const std::vector<std::string>& args, const std::map<std::string, std::string>& env);

// The directory the data folders default to: the source tree when built from it, else the install prefix.
std::string default_data_root();

}  // namespace server
