#include "options.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

namespace load {

std::optional<Url> parse_url(const std::string& text) {
    const std::string scheme = "ws://";
    if (text.rfind(scheme, 0) != 0) return std::nullopt;
    const std::string rest = text.substr(scheme.size());
    const auto slash = rest.find('/');
    const std::string authority = rest.substr(0, slash);
    Url url;
    url.path = slash == std::string::npos ? "/" : rest.substr(slash);
    // [::1]:8080 or 127.0.0.1:8080
    const auto colon = authority.rfind(':');
    if (colon == std::string::npos || colon + 1 == authority.size()) return std::nullopt;
    url.host = authority.substr(0, colon);
    url.port = authority.substr(colon + 1);
    if (url.host.size() >= 2 && url.host.front() == '[' && url.host.back() == ']') {
        url.host = url.host.substr(1, url.host.size() - 2);
    }
    if (url.host.empty() || url.port.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return url;
}

std::optional<int> parse_options(int argc, char** argv, Options& o) {
    CLI::App app{
        "advisor-load: a WebSocket load generator for the chat endpoint. Each connection asks a question "
        "({\"type\":\"ask\",\"id\":N,...}), checks that the reply carries the same id, and asks the next: at "
        "once (closed loop) or, with --rate, on a fixed schedule with latency measured from the scheduled "
        "time."};
    app.add_option("--url", o.url, "chat endpoint, ws://HOST:PORT/ws")->required();
    app.add_option("--connections", o.connections, "connections, all open at once")
        ->check(CLI::Range(1u, 100000u))
        ->capture_default_str();
    app.add_option("--duration", o.duration_s, "seconds measured, after the warm-up")
        ->check(CLI::Range(0.1, 86400.0))
        ->capture_default_str();
    app.add_option("--warmup", o.warmup_s, "seconds of load before measuring (connections open, caches warm)")
        ->check(CLI::Range(0.0, 3600.0))
        ->capture_default_str();
    app.add_option("--questions", o.questions_file, "file of questions, one a line, asked in turn")
        ->required()
        ->check(CLI::ExistingFile);
    app.add_option("--rate", o.rate,
                   "open loop: answers/s in total, spread evenly over the connections (0: closed loop)")
        ->check(CLI::Range(0.0, 1e7))
        ->capture_default_str();
    app.add_option("--threads", o.threads,
                   "threads, each with its own io_context and a share of the connections")
        ->check(CLI::Range(1u, 64u))
        ->capture_default_str();
    app.add_flag("--json", o.json, "print the results as one JSON object instead of text");
    app.add_option("--server-pid", o.server_pid,
                   "the server's pid: report its CPU per answer and RSS from /proc")
        ->check(CLI::PositiveNumber);
    app.add_flag(
        "--idle", o.idle,
        "ask nothing: hold the connections open for the warm-up and duration (memory per connection)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    if (!parse_url(o.url)) {
        std::cerr << "--url: expected ws://HOST:PORT/PATH, got " << o.url << "\n";
        return 2;
    }
    return std::nullopt;
}

std::vector<std::string> read_questions(const std::string& path) {
    std::ifstream file(path);
    std::vector<std::string> questions;
    std::string line;
    while (std::getline(file, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        questions.push_back(nlohmann::json(line).dump());
    }
    return questions;
}

}  // namespace load
