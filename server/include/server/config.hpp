#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "intents/answer_cache.hpp"
#include "server/limits.hpp"
#include "server/static_cache.hpp"

namespace server {

enum class Command { serve, ask, check, eval, report };

// Everything the program can be told, in one place. Filled by parse_command_line from
// defaults < environment (CAREER_ADVISOR_*) < flags; docs/operations.md lists every option.
struct Config {
    Command command = Command::serve;
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;                 // 0 picks a free port
    std::string web_dir;                       // default: web/ beside the data
    std::string knowledge_dir;                 // default: knowledge/data
    std::string intents_dir;                   // default: intents/data
    unsigned threads = 2;                      // io_context threads
    std::string admin_token;                   // empty: /admin/* only from loopback; set: always required
    std::vector<std::string> allowed_origins;  // pages of other sites that may open /ws (the widget)
    std::string tls_cert;                      // PEM certificate chain; with tls_key: https and wss only
    std::string tls_key;                       // PEM private key
    std::string log_level = "info";
    std::string log_format = "text";  // text or json (one object per line)
    bool log_questions = false;  // question text in logs and the store (off: only unanswered ones stored)

    // What visitors ask and their feedback (docs/operations.md#what-visitors-ask).
    std::string data_dir;             // default: default_data_dir()
    std::string database = "sqlite";  // "sqlite" (analytics.sqlite3 in data_dir) or a postgresql:// URL
    unsigned retention_days = 90;     // rows older are deleted; 0 keeps everything
    unsigned store_max_mb = 1024;     // MiB the answers and votes may take (StoreUsage); 0: no budget

    // Messaging platforms' webhooks (docs/channels.md). An empty secret turns that channel off (404).
    std::string slack_signing_secret;  // POST /channels/slack/command
    std::string telegram_secret;       // POST /channels/telegram/webhook: the setWebhook secret_token
    std::string twilio_auth_token;     // POST /channels/twilio: SMS and WhatsApp
    std::string public_url;            // what the platforms call us by (Twilio signs it); default: the Host
    std::string channels_dir;          // default: channels/data beside the other data

    // Limits that protect the server from its clients.
    std::size_t max_message_bytes = 4096;   // WebSocket messages and HTTP bodies
    std::size_t max_question_chars = 1000;  // longer questions are refused
    std::size_t max_connections = 10000;    // open WebSockets; over it the upgrade gets 503
    std::size_t max_connections_per_ip = 64;
    unsigned ipv6_prefix_bits =
        default_ipv6_prefix_bits;  // per-address limits count an IPv6 client's network
    double message_rate = 5;       // messages per second per connection, sustained
    double message_burst = 20;     // and in a burst
    double address_message_rate =
        50;  // messages per second from one address, WebSocket and HTTP asks together
    double address_message_burst = 200;  // and in a burst
    double address_static_rate = 50;     // requests for web/ files per second from one address, sustained
    double address_static_burst = 400;   // and in a burst (a page and its assets take about ten)
    std::size_t static_cache_bytes = StaticCache::default_max_bytes;  // web/ files kept in memory
    double stored_questions_per_address =
        500;                            // question texts kept a day from one address (a fifth at once)
    unsigned handshake_timeout_s = 10;  // an HTTP request or WebSocket handshake must arrive within this
    unsigned idle_timeout_s = 60;       // a silent WebSocket is pinged, then closed after this
    unsigned drain_seconds = 10;        // SIGTERM: how long questions in flight may take to finish
    std::size_t answer_cache_bytes = intents::AnswerCache::default_bytes;  // per data snapshot; 0: none

    std::string question;         // for `ask`
    bool question_given = false;  // `ask` named a question (else it reads them from standard input)
    std::vector<std::string>
        follow_ups;               // for `ask`: asked after it, each with the context of the last answer
    bool json_output = false;     // for `ask` and `eval`
    std::string eval_file;        // for `eval`
    bool explain = false;         // for `ask`: show normalisation, clauses, scores, entities
    std::string since = "7d";     // for `report`: 7d, 24h, 90m or a date, 2026-11-01 (analytics::parse_since)
    std::string export_examples;  // for `report`: write the top unanswered questions here as JSON Lines
};

// The outcome of reading the command line: either a Config to run with, or text to print and an exit code
// (help and version exit 0, a bad flag or environment variable exits 2 with a one-line error naming it).
struct ParseOutcome {
    bool run = false;
    Config config;
    int exit_code = 0;
    std::string output;  // for stdout (help, version)
    std::string error;   // for stderr
};

// Reads nothing but `args`, `env` and whether the files --tls-cert and --tls-key name exist: the same
// arguments, environment and files give the same outcome. args[0] is the program name.
// Environment variables go through the same validators as the flags they stand for.
ParseOutcome parse_command_line(const std::vector<std::string>& args,
                                const std::map<std::string, std::string>& env);

// The directory the data folders default to: the source tree when built from it, else the install prefix.
std::string default_data_root();

// Where the SQLite store lives by default: var/ in the source tree when built from it, else
// /var/lib/career-advisor.
std::string default_data_dir();

}  // namespace server
