#include "server/commands.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "analytics/report.hpp"
#include "channels/wording.hpp"
#include "intents/advisor.hpp"
#include "intents/answer_json.hpp"
#include "intents/coverage.hpp"
#include "intents/evaluation.hpp"
#include "intents/example_check.hpp"
#include "intents/normalizer.hpp"
#include "intents/responder.hpp"
#include "knowledge/json_reader.hpp"
#include "knowledge/json_text.hpp"
#include "server/clock.hpp"
#include "server/config.hpp"
#include "server/server.hpp"

namespace server {

namespace {

// The log message as a JSON string (quoted, escaped; invalid UTF-8 replaced), for --log-format json.
class JsonMessage : public spdlog::custom_flag_formatter {
  public:
    void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
        const std::string text =
            knowledge::json_text(nlohmann::json(std::string(msg.payload.data(), msg.payload.size())));
        dest.append(text.data(), text.data() + text.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<JsonMessage>(); }
};

// Logs go to stderr: stdout carries only what tools read (the listening line, answers).
void set_up_logging(const Config& config) {
    auto logger = spdlog::stderr_color_mt("career-advisor");
    if (config.log_format == "json") {
        auto formatter = std::make_unique<spdlog::pattern_formatter>();
        formatter->add_flag<JsonMessage>('*').set_pattern(
            R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","message":%*})");
        logger->set_formatter(std::move(formatter));
    }
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::from_str(config.log_level));
}

int print_errors(const std::vector<std::string>& errors) {
    for (const std::string& e : errors) std::cerr << e << "\n";
    return 1;
}

// For whoever tunes patterns: what the engine saw, on stderr so --json output stays clean.
void explain(const intents::Advisor& advisor, const std::string& question) {
    const std::string normalized = intents::normalize(question, advisor.lexicon);
    std::cerr << "normalised: " << normalized << "\n";
    for (const auto& clause : intents::normalize_clauses(question, advisor.lexicon)) {
        std::cerr << "clause" << (clause.question ? " (question)" : "") << ": " << clause.text << "\n";
    }
    for (const auto& score : advisor.matcher.score(normalized)) {
        const auto& intent = advisor.intents[score.intent];
        std::cerr << "score: " << intent.id << " " << score.score << " (priority " << intent.priority
                  << ")\n";
    }
    for (const auto& [kind, values] : advisor.entities.extract(normalized)) {
        for (const auto& v : values) std::cerr << "entity: " << kind << " = " << v << "\n";
    }
    std::cerr << "terms:";
    for (const std::string& term : advisor.passages.rules().terms(normalized)) std::cerr << " " << term;
    std::cerr << "\n";
    for (const auto& hit : advisor.passages.search(normalized, 5)) {
        const intents::Passage& p = advisor.passages.passage(hit.passage);
        const std::string text = p.fact == nullptr ? "example"
                                 : p.item < 0      ? p.fact->id
                                                   : p.fact->id + "@" + std::to_string(p.item);
        std::cerr << "passage: " << p.intent << " " << hit.score << " (" << text << ")\n";
    }
}

// An answer as `ask` prints it: its text and sources (publisher, title, page), or the protocol's JSON.
void print_answer(const intents::Answer& answer, bool json_output) {
    if (json_output) {
        nlohmann::json out = intents::to_json(answer);  // as the protocol sends it (docs/protocol.md)
        out["type"] = "answer";
        out["id"] = nullptr;
        std::cout << knowledge::json_text(out, 2) << "\n";
        return;
    }
    std::cout << answer.text << "\n";
    if (answer.sources.empty()) return;
    std::cout << "\nSources:";
    for (const auto& s : answer.sources) {
        std::cout << "\n- " << (s.publisher.empty() ? "" : s.publisher + ", ") << "\"" << s.title << "\""
                  << (s.url.empty() ? "" : ": " + s.url);
    }
    std::cout << "\n";
}

// True when `text` has nothing but spaces: such a question is refused, as HTTP's 400 does.
bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

// `ask` without a question: reads them from standard input, a line each, as one conversation; with a
// prompt on a terminal. Blank lines are skipped; "/quit" or the end of input ends.
int run_ask_from_input(const intents::Advisor& advisor, const Config& config) {
    const bool terminal = ::isatty(STDIN_FILENO) == 1;
    if (terminal) std::cerr << "Ask about the back-end web developer career; /quit ends.\n";
    intents::Context context;
    std::string line;
    for (bool first = true;; first = false) {
        if (terminal) std::cerr << (first ? "" : "\n") << "> " << std::flush;
        if (!std::getline(std::cin, line) || line == "/quit") break;
        if (blank(line)) continue;
        if (config.explain) explain(advisor, line);
        const intents::Answer answer = intents::respond(advisor, context, line, wall_clock_ms());
        context = answer.context;
        print_answer(answer, config.json_output);
    }
    return 0;
}

int run_ask(const Config& config) {
    std::vector<std::string> turns;
    if (config.question_given) turns.push_back(config.question);
    turns.insert(turns.end(), config.follow_ups.begin(), config.follow_ups.end());
    if (std::any_of(turns.begin(), turns.end(), blank)) {
        std::cerr
            << "ask: a question must not be empty (give the question in quotes, or none to type them)\n";
        return 2;
    }
    auto loaded = intents::load_advisor(config.knowledge_dir, config.intents_dir);
    if (!loaded.ok()) return print_errors(loaded.errors);
    if (turns.empty()) return run_ask_from_input(**loaded.value, config);
    intents::Context context;
    for (std::size_t i = 0; i < turns.size(); ++i) {
        if (config.explain) explain(**loaded.value, turns[i]);
        const intents::Answer answer = intents::respond(**loaded.value, context, turns[i], wall_clock_ms());
        if (config.explain) {
            const intents::Unanswered left = intents::unanswered_words(**loaded.value, turns[i], answer);
            std::cerr << "unanswered, unknown to the guides:";
            for (const std::string& word : left.unknown) std::cerr << " " << word;
            std::cerr << "\nunanswered, in other passages:";
            for (const std::string& word : left.unused) std::cerr << " " << word;
            std::cerr << "\nunanswered, named:";
            for (const std::string& word : left.named) std::cerr << " " << word;
            std::cerr << "\n";
        }
        context = answer.context;
        if (turns.size() > 1 && !config.json_output)
            std::cout << (i == 0 ? "" : "\n") << "> " << turns[i] << "\n";
        print_answer(answer, config.json_output);
    }
    return 0;
}

int run_check(const Config& config) {
    auto loaded = intents::load_advisor(config.knowledge_dir, config.intents_dir);
    if (!loaded.ok()) {
        print_errors(loaded.errors);
        std::cerr << loaded.errors.size() << " problem(s) found\n";
        return 1;
    }
    auto problems = intents::check_examples(**loaded.value);
    const auto wording = channels::load_wording(std::filesystem::path(config.channels_dir) / "wording.json");
    problems.insert(problems.end(), wording.errors.begin(), wording.errors.end());
    if (!problems.empty()) {
        print_errors(problems);
        std::cerr << problems.size() << " problem(s) found\n";
        return 1;
    }
    std::cout << "ok: " << intents::summary(**loaded.value) << "\n";
    return 0;
}

int run_eval(const Config& config) {
    auto loaded = intents::load_advisor(config.knowledge_dir, config.intents_dir);
    if (!loaded.ok()) return print_errors(loaded.errors);
    auto file_text = knowledge::read_text_file(config.eval_file);
    if (!file_text.text) return print_errors({config.eval_file + ": the file " + file_text.problem});
    auto cases = intents::read_eval_cases(*file_text.text, config.eval_file);
    if (!cases.ok()) return print_errors(cases.errors);
    const intents::EvalReport report = intents::evaluate(**loaded.value, *cases.value);
    if (config.json_output) {
        std::cout << knowledge::json_text(intents::to_json(report), 2) << "\n";
    } else {
        std::cout << intents::to_text(report);
    }
    return 0;
}

int run_report(const Config& config) {
    auto loaded =
        intents::load_advisor(config.knowledge_dir, config.intents_dir);  // its lexicon groups questions
    if (!loaded.ok()) return print_errors(loaded.errors);
    const std::int64_t now = wall_clock_ms();
    const std::int64_t since =
        analytics::parse_since(config.since, now).value_or(now);  // checked when parsed
    analytics::Report report;
    try {
        auto store = analytics::open_store({config.database, config.data_dir, false});
        report = analytics::make_report(*store, since, now, (*loaded.value)->lexicon);
    } catch (const analytics::StoreError& e) {
        return print_errors({std::string("career-advisor report: ") + e.what()});
    }
    if (!config.export_examples.empty()) {
        std::ofstream file(config.export_examples, std::ios::binary | std::ios::trunc);
        file << analytics::examples_jsonl(report);
        if (!file.flush()) return print_errors({config.export_examples + ": cannot write the file"});
        std::cerr << "wrote " << report.unanswered.size() << " question(s) to " << config.export_examples
                  << "\n";
    }
    if (config.json_output) {
        std::cout << knowledge::json_text(analytics::to_json(report), 2) << "\n";
    } else {
        std::cout << analytics::to_text(report);
    }
    return 0;
}

}  // namespace

int run_program(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
    ParseOutcome parsed = parse_command_line(args, env);
    if (!parsed.run) {
        if (!parsed.output.empty()) std::cout << parsed.output;
        if (!parsed.error.empty()) std::cerr << parsed.error << "\n";
        return parsed.exit_code;
    }
    set_up_logging(parsed.config);

    switch (parsed.config.command) {
        case Command::ask:
            return run_ask(parsed.config);
        case Command::check:
            return run_check(parsed.config);
        case Command::eval:
            return run_eval(parsed.config);
        case Command::report:
            return run_report(parsed.config);
        case Command::serve:
            return run_server(parsed.config);
    }
    return 2;
}

}  // namespace server
