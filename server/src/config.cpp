#include "server/config.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <filesystem>

#include "analytics/report.hpp"
#include "analytics/store.hpp"
#include "intents/normalizer.hpp"

namespace server {

namespace {

// Options that an environment variable may also set. Each is declared once, below, with its validator;
// the environment is applied by parsing "--flag value" through those same declarations.
struct EnvironmentOption {
    const char* variable;
    const char* flag;
    bool comma_list = false;  // environment variables cannot repeat, so a list is comma-separated
};

constexpr EnvironmentOption environment_options[] = {
    {"CAREER_ADVISOR_HOST", "--host"},
    {"CAREER_ADVISOR_PORT", "--port"},
    {"CAREER_ADVISOR_WEB", "--web"},
    {"CAREER_ADVISOR_KNOWLEDGE", "--knowledge"},
    {"CAREER_ADVISOR_INTENTS", "--intents"},
    {"CAREER_ADVISOR_THREADS", "--threads"},
    {"CAREER_ADVISOR_ADMIN_TOKEN", "--admin-token"},
    {"CAREER_ADVISOR_ALLOWED_ORIGINS", "--allowed-origin", true},
    {"CAREER_ADVISOR_TLS_CERT", "--tls-cert"},
    {"CAREER_ADVISOR_TLS_KEY", "--tls-key"},
    {"CAREER_ADVISOR_LOG_LEVEL", "--log-level"},
    {"CAREER_ADVISOR_LOG_FORMAT", "--log-format"},
    {"CAREER_ADVISOR_LOG_QUESTIONS", "--log-questions"},
    {"CAREER_ADVISOR_MAX_MESSAGE_BYTES", "--max-message-bytes"},
    {"CAREER_ADVISOR_MAX_QUESTION_CHARS", "--max-question-chars"},
    {"CAREER_ADVISOR_MAX_CONNECTIONS", "--max-connections"},
    {"CAREER_ADVISOR_MAX_CONNECTIONS_PER_IP", "--max-connections-per-ip"},
    {"CAREER_ADVISOR_IPV6_PREFIX", "--ipv6-prefix"},
    {"CAREER_ADVISOR_MESSAGE_RATE", "--message-rate"},
    {"CAREER_ADVISOR_MESSAGE_BURST", "--message-burst"},
    {"CAREER_ADVISOR_ADDRESS_MESSAGE_RATE", "--address-message-rate"},
    {"CAREER_ADVISOR_ADDRESS_MESSAGE_BURST", "--address-message-burst"},
    {"CAREER_ADVISOR_ADDRESS_STATIC_RATE", "--address-static-rate"},
    {"CAREER_ADVISOR_ADDRESS_STATIC_BURST", "--address-static-burst"},
    {"CAREER_ADVISOR_STATIC_CACHE_BYTES", "--static-cache-bytes"},
    {"CAREER_ADVISOR_STORED_QUESTIONS_PER_ADDRESS", "--stored-questions-per-address"},
    {"CAREER_ADVISOR_HANDSHAKE_TIMEOUT", "--handshake-timeout"},
    {"CAREER_ADVISOR_IDLE_TIMEOUT", "--idle-timeout"},
    {"CAREER_ADVISOR_DRAIN_SECONDS", "--drain-seconds"},
    {"CAREER_ADVISOR_ANSWER_CACHE_BYTES", "--answer-cache-bytes"},
    {"CAREER_ADVISOR_DATA_DIR", "--data-dir"},
    {"CAREER_ADVISOR_DATABASE", "--database"},
    {"CAREER_ADVISOR_RETENTION_DAYS", "--retention-days"},
    {"CAREER_ADVISOR_STORE_MAX_MB", "--store-max-mb"},
    {"CAREER_ADVISOR_SLACK_SIGNING_SECRET", "--slack-signing-secret"},
    {"CAREER_ADVISOR_TELEGRAM_SECRET", "--telegram-secret"},
    {"CAREER_ADVISOR_TWILIO_AUTH_TOKEN", "--twilio-auth-token"},
    {"CAREER_ADVISOR_PUBLIC_URL", "--public-url"},
    {"CAREER_ADVISOR_CHANNELS", "--channels"},
};

// CLI11's Range lets NaN through (every comparison with it is false): a rate of NaN would switch limits off.
std::string finite_problem(const std::string& text) {
    try {
        return std::isfinite(std::stod(text)) ? std::string() : "must be a finite number: " + text;
    } catch (const std::exception&) {
        return "must be a number: " + text;
    }
}

std::string origin_problem(const std::string& origin) {
    const bool ok = (origin.starts_with("http://") || origin.starts_with("https://")) &&
                    origin.find('/', origin.find("://") + 3) == std::string::npos && origin.size() > 8;
    return ok ? std::string() : "an origin is scheme://host[:port], without a path: " + origin;
}

void add_channels_data_option(CLI::App& app, Config& c) {
    app.add_option("--channels", c.channels_dir, "Channels data directory (wording.json)")
        ->capture_default_str();
}

// Telegram takes 1-256 characters of A-Z, a-z, 0-9, _ and - as a webhook's secret_token.
std::string telegram_secret_problem(const std::string& secret) {
    const bool ok =
        !secret.empty() && secret.size() <= 256 && std::all_of(secret.begin(), secret.end(), [](char ch) {
            return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
        });
    return ok ? std::string() : "a Telegram secret token is 1-256 characters of A-Z, a-z, 0-9, _ and -";
}

// The URL of the server's root as the platforms see it: Twilio signs this plus the request's path.
std::string public_url_problem(const std::string& url) {
    const bool ok = (url.starts_with("http://") || url.starts_with("https://")) && url.size() > 8 &&
                    !url.ends_with("/") && url.find_first_of("?#") == std::string::npos;
    return ok ? std::string()
              : "a public URL is scheme://host[:port][/prefix], without a trailing / or a query: " + url;
}

void add_channel_options(CLI::App& app, Config& c) {
    app.add_option("--slack-signing-secret", c.slack_signing_secret,
                   "Slack app's signing secret: turns on POST /channels/slack/command");
    app.add_option(
           "--telegram-secret", c.telegram_secret,
           "The secret_token given to Telegram's setWebhook: turns on POST /channels/telegram/webhook")
        ->check(telegram_secret_problem);
    app.add_option("--twilio-auth-token", c.twilio_auth_token,
                   "Twilio account's auth token: turns on POST /channels/twilio (SMS and WhatsApp)");
    app.add_option(
           "--public-url", c.public_url,
           "This server's root URL as the platforms call it (https://advisor.example), when behind a proxy; "
           "default: the request's Host")
        ->check(public_url_problem);
    add_channels_data_option(app, c);
}

void add_data_options(CLI::App& app, Config& c) {
    app.add_option("--knowledge", c.knowledge_dir, "Knowledge data directory")->capture_default_str();
    app.add_option("--intents", c.intents_dir, "Intents data directory")->capture_default_str();
}

std::string since_problem(const std::string& since) {
    return analytics::parse_since(since, 0) ? std::string()
                                            : "a period is 7d, 24h, 90m or a date, 2026-11-01: " + since;
}

// Where answers and feedback are stored: `serve` writes there, `report` reads.
void add_store_options(CLI::App& app, Config& c) {
    app.add_option("--data-dir", c.data_dir, "Directory of the SQLite store (analytics.sqlite3)")
        ->capture_default_str();
    app.add_option("--database", c.database,
                   "sqlite (a file in --data-dir), or a postgresql://user@host/db URL "
                   "that replicas share")
        ->check(analytics::database_problem)
        ->capture_default_str();
}

void add_serve_options(CLI::App& app, Config& c) {
    app.add_option("--host", c.host, "Address to listen on")->capture_default_str();
    app.add_option("--port", c.port, "Port to listen on, 0 to 65535; 0 picks a free one")
        ->capture_default_str();
    app.add_option("--web", c.web_dir, "Directory of the chat page and widget")->capture_default_str();
    app.add_option("--threads", c.threads, "I/O threads")->check(CLI::Range(1u, 256u))->capture_default_str();
    app.add_option("--admin-token", c.admin_token, "Token /admin/* requires (Authorization: Bearer TOKEN)");
    app.add_option("--allowed-origin", c.allowed_origins,
                   "Origin (scheme://host[:port]) of a site allowed to embed the chat; repeatable. "
                   "Default: same origin only")
        ->check(origin_problem);
    app.add_option("--tls-cert", c.tls_cert, "PEM certificate chain: serve https and wss (needs --tls-key)")
        ->check(CLI::ExistingFile);
    app.add_option("--tls-key", c.tls_key, "PEM private key of --tls-cert")->check(CLI::ExistingFile);
    app.add_option("--log-level", c.log_level, "trace, debug, info, warn, error or off")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    app.add_option("--log-format", c.log_format, "text, or json (one object per line)")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    app.add_flag("--log-questions", c.log_questions, "Log the text of questions (off: never logged)");
    app.add_option("--max-message-bytes", c.max_message_bytes, "Largest WebSocket message or HTTP body")
        ->check(CLI::Range(std::size_t{256}, std::size_t{1} << 20))
        ->capture_default_str();
    app.add_option("--max-question-chars", c.max_question_chars, "Longest question, in characters")
        ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
        ->capture_default_str();
    app.add_option("--max-connections", c.max_connections, "Most WebSockets open at once; over it: 503")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
        ->capture_default_str();
    app.add_option("--max-connections-per-ip", c.max_connections_per_ip,
                   "Most WebSockets open from one address")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
        ->capture_default_str();
    app.add_option("--ipv6-prefix", c.ipv6_prefix_bits,
                   "Per-address limits count an IPv6 client by this many leading bits (its network); 128: "
                   "each address")
        ->check(CLI::Range(16u, 128u))
        ->capture_default_str();
    app.add_option("--message-rate", c.message_rate, "Messages per second a connection may send, sustained")
        ->check(finite_problem)
        ->check(CLI::Range(0.01, 100000.0))
        ->capture_default_str();
    app.add_option("--message-burst", c.message_burst, "Messages a connection may send in a burst")
        ->check(finite_problem)
        ->check(CLI::Range(1.0, 100000.0))
        ->capture_default_str();
    app.add_option("--address-message-rate", c.address_message_rate,
                   "Messages per second from one address (all its chats and HTTP asks), sustained")
        ->check(finite_problem)
        ->check(CLI::Range(0.01, 1000000.0))
        ->capture_default_str();
    app.add_option("--address-message-burst", c.address_message_burst, "Messages from one address in a burst")
        ->check(finite_problem)
        ->check(CLI::Range(1.0, 1000000.0))
        ->capture_default_str();
    app.add_option("--address-static-rate", c.address_static_rate,
                   "Requests for pages and their files per second from one address, sustained")
        ->check(finite_problem)
        ->check(CLI::Range(0.01, 1000000.0))
        ->capture_default_str();
    app.add_option("--address-static-burst", c.address_static_burst,
                   "Requests for pages and their files from one address in a burst")
        ->check(finite_problem)
        ->check(CLI::Range(1.0, 1000000.0))
        ->capture_default_str();
    app.add_option("--static-cache-bytes", c.static_cache_bytes,
                   "Memory for web/ files kept ready to send; files past it are read from disk each time")
        ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 32))
        ->capture_default_str();
    app.add_option(
           "--stored-questions-per-address", c.stored_questions_per_address,
           "Question texts the store keeps a day from one address (a fifth of them at once); past it, "
           "answers are recorded without their text")
        ->check(finite_problem)
        ->check(CLI::Range(1.0, 1000000000.0))
        ->capture_default_str();
    app.add_option("--handshake-timeout", c.handshake_timeout_s,
                   "Seconds for an HTTP request or handshake to arrive")
        ->check(CLI::Range(1u, 3600u))
        ->capture_default_str();
    app.add_option("--idle-timeout", c.idle_timeout_s,
                   "Seconds a WebSocket may stay silent (pings keep it open)")
        ->check(CLI::Range(5u, 86400u))
        ->capture_default_str();
    app.add_option("--drain-seconds", c.drain_seconds, "On SIGTERM, seconds to finish what is in flight")
        ->check(CLI::Range(0u, 3600u))
        ->capture_default_str();
    app.add_option("--answer-cache-bytes", c.answer_cache_bytes,
                   "Memory for answers kept for the same words in the same context, until a reload; 0: none")
        ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 32))
        ->capture_default_str();
    add_store_options(app, c);
    app.add_option("--retention-days", c.retention_days,
                   "Days answers and feedback are kept; 0 keeps them all")
        ->check(CLI::Range(0u, 36500u))
        ->capture_default_str();
    app.add_option("--store-max-mb", c.store_max_mb,
                   "MiB the stored answers and feedback may take; then the oldest are deleted; 0: no budget")
        ->check(CLI::Range(0u, 1u << 22))
        ->capture_default_str();
    add_data_options(app, c);
    add_channel_options(app, c);
}

// The name among `names` nearest to a misspelt `word` (at most a third of its letters off, at least one), or
// "" when none is that near.
std::string nearest_name(const std::string& word, const std::vector<std::string>& names) {
    const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
    std::string best;
    std::size_t best_distance = limit + 1;
    for (const std::string& name : names) {
        const std::size_t d = intents::edit_distance(word, name, limit);
        if (d < best_distance) best = name, best_distance = d;
    }
    return best;
}

// What a parse error adds, on the same line: the command or option the user probably meant, what the option
// it names takes, and where the full list is. `args` are the command line without the program name.
std::string parse_hint(const CLI::App& app, const std::vector<std::string>& args, const std::string& error) {
    const CLI::App* command = nullptr;
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands({})) {
        commands.push_back(sub->get_name());
        for (const std::string& alias : sub->get_aliases()) commands.push_back(alias);
    }
    for (const std::string& arg : args) {
        if (arg.starts_with("-")) continue;
        for (const CLI::App* sub : app.get_subcommands({}))
            if (sub->check_name(arg)) command = sub;
        break;  // only the first word may name the command
    }
    std::string hint;
    if (command == nullptr) {
        const auto first =
            std::find_if(args.begin(), args.end(), [](const auto& a) { return !a.starts_with("-"); });
        if (first != args.end()) {
            const std::string meant = nearest_name(*first, commands);
            std::string all;
            for (std::size_t i = 0; i < commands.size(); ++i)
                all += (i == 0 ? "" : i + 1 == commands.size() ? " and " : ", ") + commands[i];
            hint = meant.empty() ? "the commands are " + all : "did you mean " + meant + "?";
        }
    }
    const CLI::App& scope = command != nullptr ? *command : app;
    std::vector<std::string> flags;
    for (const CLI::Option* option : scope.get_options())
        for (const std::string& name : option->get_lnames()) flags.push_back("--" + name);
    for (const std::string& arg : args) {
        if (!arg.starts_with("--") || !hint.empty()) continue;
        const std::string flag = arg.substr(0, arg.find('='));
        if (std::find(flags.begin(), flags.end(), flag) != flags.end()) continue;
        if (const std::string meant = nearest_name(flag, flags); !meant.empty())
            hint = "did you mean " + meant + "?";
    }
    if (hint.empty()) {  // a value refused: say what its option takes
        for (const CLI::Option* option : scope.get_options()) {
            const std::string name = option->get_name();
            if (name.starts_with("--") && (error.find(name + " ") != std::string::npos ||
                                           error.find(name + ":") != std::string::npos)) {
                hint = name + ": " + option->get_description();
                break;
            }
        }
    }
    const std::string help = "`career-advisor " +
                             (command != nullptr ? command->get_name() + " " : std::string()) +
                             "--help` lists the options";
    if (hint.empty()) return " (" + help + ")";
    return " (" + hint + (hint.ends_with('?') ? " " : "; ") + help + ")";
}

// CLI11 wants the arguments reversed, without the program name.
void parse(CLI::App& app, std::vector<std::string> args) {
    std::reverse(args.begin(), args.end());
    app.parse(args);
}

// Applies each CAREER_ADVISOR_* variable as its flag would be, one at a time so an error names it.
std::string apply_environment(Config& c, const std::map<std::string, std::string>& env) {
    for (const EnvironmentOption& option : environment_options) {
        auto it = env.find(option.variable);
        if (it == env.end()) continue;
        std::vector<std::string> args;
        const std::string flag = option.flag;
        if (flag == "--log-questions") {
            args = {flag + "=" + it->second};
        } else if (option.comma_list) {
            std::string_view rest = it->second;
            while (!rest.empty()) {
                const std::size_t comma = rest.find(',');
                if (comma != 0) args.insert(args.end(), {flag, std::string(rest.substr(0, comma))});
                if (comma == std::string_view::npos) break;
                rest.remove_prefix(comma + 1);
            }
        } else {
            args = {flag, it->second};
        }
        Config candidate = c;
        CLI::App app;
        add_serve_options(app, candidate);
        try {
            parse(app, args);
        } catch (const CLI::ParseError& e) {
            return std::string("career-advisor: ") + option.variable + "=" + it->second + ": " + e.what();
        }
        c = candidate;
    }
    return {};
}

}  // namespace

std::string default_data_dir() {
    const std::string root = default_data_root();
    return root == CAREER_ADVISOR_SOURCE_DATA_ROOT ? root + "/var" : "/var/lib/career-advisor";
}

std::string default_data_root() {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(fs::path(CAREER_ADVISOR_SOURCE_DATA_ROOT) / "knowledge" / "data", ec)) {
        return CAREER_ADVISOR_SOURCE_DATA_ROOT;
    }
    return CAREER_ADVISOR_INSTALL_DATA_ROOT;
}

ParseOutcome parse_command_line(const std::vector<std::string>& args,
                                const std::map<std::string, std::string>& env) {
    ParseOutcome out;
    Config& c = out.config;
    const std::string root = default_data_root();
    c.web_dir = root + "/web";
    c.knowledge_dir = root + "/knowledge/data";
    c.intents_dir = root + "/intents/data";
    c.channels_dir = root + "/channels/data";
    c.data_dir = default_data_dir();
    out.error = apply_environment(c, env);
    if (!out.error.empty()) {
        out.exit_code = 2;
        return out;
    }

    CLI::App app{"Career Advisor: answers questions about the back-end web developer career",
                 "career-advisor"};
    app.set_version_flag("--version", std::string("career-advisor ") + CAREER_ADVISOR_VERSION);
    app.require_subcommand(0, 1);

    CLI::App* serve = app.add_subcommand("serve", "Start the chat server (the default)");
    add_serve_options(*serve, c);
    serve->footer(
        "Every option can also be set by its CAREER_ADVISOR_* environment variable (docs/operations.md).");

    CLI::App* ask =
        app.add_subcommand("ask", "Answer one question locally, without a server (`chat`: the same)");
    ask->alias("chat");  // without a question it is an interactive chat: a prompt, follow-ups, /quit
    ask->add_option(
        "question", c.question,
        "The question; without one, questions are read from standard input, a line each (a prompt "
        "when it is a terminal; /quit ends)");
    ask->add_option("follow_ups", c.follow_ups,
                    "Follow-up questions, each asked with the context of the answer before");
    ask->add_flag("--json", c.json_output, "Print the answer object as JSON");
    ask->add_flag("--explain", c.explain,
                  "Also show how the question was read: normal form, clauses, scores");
    add_data_options(*ask, c);

    CLI::App* check =
        app.add_subcommand("check", "Validate the knowledge, intent and channels data, then exit");
    add_data_options(*check, c);
    add_channels_data_option(*check, c);

    CLI::App* eval = app.add_subcommand("eval", "Measure intent accuracy on a labelled question set");
    eval->add_option("file", c.eval_file, "JSON Lines file of labelled questions (tests/data/eval.jsonl)")
        ->required()
        ->check(CLI::ExistingFile);
    eval->add_flag("--json", c.json_output, "Print the report as JSON");
    add_data_options(*eval, c);

    CLI::App* report =
        app.add_subcommand("report", "What visitors asked and how the answers did, from the store");
    report->add_option("--since", c.since, "The period: 7d, 24h, 90m, or from a date (2026-11-01, UTC)")
        ->check(since_problem)
        ->capture_default_str();
    report->add_flag("--json", c.json_output, "Print the report as JSON (as GET /admin/report)");
    report->add_option("--export-examples", c.export_examples,
                       "Also write the top unanswered questions to this file as JSON Lines for `eval`");
    add_store_options(*report, c);
    add_data_options(*report, c);

    try {
        parse(app, std::vector<std::string>(args.begin() + (args.empty() ? 0 : 1), args.end()));
    } catch (const CLI::CallForHelp&) {
        out.output = app.get_subcommands().empty() ? app.help() : app.get_subcommands().front()->help();
        return out;
    } catch (const CLI::CallForVersion&) {
        out.output = std::string("career-advisor ") + CAREER_ADVISOR_VERSION + "\n";
        return out;
    } catch (const CLI::ParseError& e) {
        const std::vector<std::string> given(args.begin() + (args.empty() ? 0 : 1), args.end());
        out.error = std::string("career-advisor: ") + e.what() + parse_hint(app, given, e.what());
        out.exit_code = 2;
        return out;
    }
    if (c.tls_cert.empty() != c.tls_key.empty()) {
        out.error =
            "career-advisor: --tls-cert and --tls-key go together (or CAREER_ADVISOR_TLS_CERT and _TLS_KEY)";
        out.exit_code = 2;
        return out;
    }
    if (ask->parsed()) {
        c.command = Command::ask;
        c.question_given = ask->get_option("question")->count() > 0;
    }
    if (check->parsed()) c.command = Command::check;
    if (eval->parsed()) c.command = Command::eval;
    if (report->parsed()) c.command = Command::report;
    out.run = true;
    return out;
}

}  // namespace server
