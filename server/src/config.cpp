#include "server/config.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>

namespace server {

namespace {

void apply_environment(Config& c, const std::map<std::string, std::string>& env, std::string& error) {
    auto get = [&env](const char* name) -> const std::string* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : &it->second;
    };
    try {
        if (auto v = get("CAREER_ADVISOR_HOST")) c.host = *v;
        if (auto v = get("CAREER_ADVISOR_PORT")) c.port = static_cast<std::uint16_t>(std::stoul(*v));
        if (auto v = get("CAREER_ADVISOR_WEB")) c.web_dir = *v;
        if (auto v = get("CAREER_ADVISOR_KNOWLEDGE")) c.knowledge_dir = *v;
        if (auto v = get("CAREER_ADVISOR_INTENTS")) c.intents_dir = *v;
        if (auto v = get("CAREER_ADVISOR_THREADS")) c.threads = static_cast<unsigned>(std::stoul(*v));
        if (auto v = get("CAREER_ADVISOR_ADMIN_TOKEN")) c.admin_token = *v;
        if (auto v = get("CAREER_ADVISOR_LOG_LEVEL")) c.log_level = *v;
        if (auto v = get("CAREER_ADVISOR_ALLOWED_ORIGINS")) {
            // Comma-separated, as environment variables cannot repeat.
            std::string_view rest = *v;
            while (!rest.empty()) {
                const std::size_t comma = rest.find(',');
                if (comma != 0) c.allowed_origins.emplace_back(rest.substr(0, comma));
                if (comma == std::string_view::npos) break;
                rest.remove_prefix(comma + 1);
            }
        }
    } catch (const std::exception&) {
        error = "a CAREER_ADVISOR_* environment variable holds a value that is not a number";
    }
}

void add_data_options(CLI::App& app, Config& c) {
    app.add_option("--knowledge", c.knowledge_dir, "Knowledge data directory")->capture_default_str();
    app.add_option("--intents", c.intents_dir, "Intents data directory")->capture_default_str();
}

}  // namespace

std::string default_data_root() {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(fs::path(CAREER_ADVISOR_SOURCE_DATA_ROOT) / "knowledge" / "data", ec)) {
        return CAREER_ADVISOR_SOURCE_DATA_ROOT;
    }
    return CAREER_ADVISOR_INSTALL_DATA_ROOT;
}

ParseOutcome parse_command_line(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
    ParseOutcome out;
    Config& c = out.config;
    const std::string root = default_data_root();
    c.web_dir = root + "/web";
    c.knowledge_dir = root + "/knowledge/data";
    c.intents_dir = root + "/intents/data";
    apply_environment(c, env, out.error);
    if (!out.error.empty()) {
        out.exit_code = 2;
        return out;
    }

    CLI::App app{"Career Advisor: answers questions about the back-end web developer career", "career-advisor"};
    app.set_version_flag("--version", std::string("career-advisor ") + CAREER_ADVISOR_VERSION);
    app.require_subcommand(0, 1);

    CLI::App* serve = app.add_subcommand("serve", "Start the chat server (the default)");
    serve->add_option("--host", c.host, "Address to listen on")->capture_default_str();
    serve->add_option("--port", c.port, "Port to listen on; 0 picks a free one")->capture_default_str();
    serve->add_option("--web", c.web_dir, "Directory of the chat page and widget")->capture_default_str();
    serve->add_option("--threads", c.threads, "I/O threads")->check(CLI::Range(1u, 256u))->capture_default_str();
    serve->add_option("--admin-token", c.admin_token, "Token that allows /admin/* from other hosts");
    serve->add_option("--allowed-origin", c.allowed_origins,
                      "Origin (scheme://host[:port]) of a site allowed to embed the chat; repeatable. "
                      "Default: same origin only")
        ->check([](const std::string& origin) {
            const bool ok = (origin.starts_with("http://") || origin.starts_with("https://")) &&
                            origin.find('/', origin.find("://") + 3) == std::string::npos;
            return ok ? std::string() : "an origin is scheme://host[:port], without a path: " + origin;
        });
    serve->add_option("--log-level", c.log_level, "trace, debug, info, warn, error or off")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    add_data_options(*serve, c);

    CLI::App* ask = app.add_subcommand("ask", "Answer one question locally, without a server");
    ask->add_option("question", c.question, "The question")->required();
    ask->add_option("follow_ups", c.follow_ups, "Follow-up questions, each asked with the context of the answer before");
    ask->add_flag("--json", c.json_output, "Print the answer object as JSON");
    ask->add_flag("--explain", c.explain, "Also show how the question was read: normal form, clauses, scores");
    add_data_options(*ask, c);

    CLI::App* check = app.add_subcommand("check", "Validate the knowledge and intent data, then exit");
    add_data_options(*check, c);

    CLI::App* eval = app.add_subcommand("eval", "Measure intent accuracy on a labelled question set");
    eval->add_option("file", c.eval_file, "JSON Lines file of labelled questions (tests/data/eval.jsonl)")
        ->required()
        ->check(CLI::ExistingFile);
    eval->add_flag("--json", c.json_output, "Print the report as JSON");
    add_data_options(*eval, c);

    std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
    std::reverse(rest.begin(), rest.end());  // CLI11 takes a reversed vector
    try {
        app.parse(rest);
    } catch (const CLI::CallForHelp&) {
        out.output = app.get_subcommands().empty() ? app.help() : app.get_subcommands().front()->help();
        return out;
    } catch (const CLI::CallForVersion&) {
        out.output = std::string("career-advisor ") + CAREER_ADVISOR_VERSION + "\n";
        return out;
    } catch (const CLI::ParseError& e) {
        out.error = std::string("career-advisor: ") + e.what();
        out.exit_code = 2;
        return out;
    }
    if (ask->parsed()) c.command = Command::ask;
    if (check->parsed()) c.command = Command::check;
    if (eval->parsed()) c.command = Command::eval;
    out.run = true;
    return out;
}

}  // namespace server
