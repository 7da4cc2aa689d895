#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace load {

// Where the chat endpoint is: ws://HOST:PORT/PATH (plain WebSocket only).
struct Url {
    std::string host;
    std::string port;
    std::string path;
};

// Parses "ws://127.0.0.1:8080/ws"; nullopt for anything else (wss, no port, no path).
std::optional<Url> parse_url(const std::string& text);

// Everything one run of advisor-load is told; the defaults are those of `advisor-load --help`.
struct Options {
    std::string url;
    unsigned connections = 1;
    double duration_s = 10;
    double warmup_s = 2;
    std::string questions_file;
    double rate = 0;  // answers/s in total; 0 is the closed loop
    unsigned threads = 1;
    bool json = false;
    int server_pid = 0;  // 0: no server statistics
    bool idle = false;   // connect, ask nothing, hold the connections open for warm-up + duration
};

// Fills Options from the command line (CLI11). Returns the exit code when the program should stop
// here (--help, or a bad flag, reported on stderr), else nullopt.
std::optional<int> parse_options(int argc, char** argv, Options& options);

// One question a line; blank lines skipped. Each is returned JSON-encoded with its quotes, ready to
// splice into a frame. Empty when the file cannot be read or holds no question.
std::vector<std::string> read_questions(const std::string& path);

}  // namespace load
