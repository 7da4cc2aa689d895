// How long the pure answer path takes, per step, on the project's own data.
#include <benchmark/benchmark.h>

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "intents/normalizer.hpp"
#include "intents/responder.hpp"
#include "server/protocol.hpp"

namespace {

intents::AdvisorPtr load(std::size_t answer_cache_bytes) {
    const std::string root = CAREER_ADVISOR_SOURCE_DIR;
    auto r = intents::load_advisor(root + "/knowledge/data", root + "/intents/data", answer_cache_bytes);
    if (!r.ok()) throw std::runtime_error(r.errors.front());
    return *r.value;
}

// Without an answer cache: every answer is found (what the steps below measure).
const intents::Advisor& advisor() {
    static const intents::AdvisorPtr loaded = load(0);
    return *loaded;
}

// As the server loads it: answers are kept for the same words in the same context.
const intents::Advisor& cached_advisor() {
    static const intents::AdvisorPtr loaded = load(intents::AnswerCache::default_bytes);
    return *loaded;
}

const char* const questions[] = {
    "What does a back-end developer do?",           "how much do backend devs make in seattle??",
    "is $130k good for a mid-level dev in Austin?", "what skills do I need and what does it pay?",
    "salery for backened develper in seatle",       "what's the weather like tomorrow",
};

void normalize_question(benchmark::State& state) {
    const char* q = questions[state.range(0)];
    for (auto _ : state) benchmark::DoNotOptimize(intents::normalize(q, advisor().lexicon));
}

void match_question(benchmark::State& state) {
    const std::string normalized = intents::normalize(questions[state.range(0)], advisor().lexicon);
    for (auto _ : state) benchmark::DoNotOptimize(advisor().matcher.score(normalized));
}

void respond_to_question(benchmark::State& state) {
    const char* q = questions[state.range(0)];
    for (auto _ : state) benchmark::DoNotOptimize(intents::respond(advisor(), {}, q, 0));
}

// What the WebSocket session does per message: parse the frame, answer, serialise the reply.
void reply_to_a_frame(benchmark::State& state) {
    const std::string frame =
        nlohmann::json{{"type", "ask"}, {"id", 7}, {"text", questions[state.range(0)]}}.dump();
    std::size_t bytes = 0;
    for (auto _ : state) {
        intents::Context context;
        auto reply = server::reply_to_frame(advisor(), context, frame, 0, server::ProtocolLimits{});
        bytes = reply.body.size();
        benchmark::DoNotOptimize(reply);
    }
    state.counters["reply_bytes"] = static_cast<double>(bytes);
}

// The questions of bench/questions.txt (what scripts/bench asks), each as the session gets it.
const std::vector<std::string>& mix_frames() {
    static const std::vector<std::string> frames = [] {
        const std::string path = std::string(CAREER_ADVISOR_SOURCE_DIR) + "/bench/questions.txt";
        std::ifstream in(path);
        if (!in) throw std::runtime_error("cannot read " + path);
        std::vector<std::string> out;
        for (std::string line; std::getline(in, line);) {
            if (!line.empty() && line.back() == '\r') line.pop_back();  // as advisor-load reads it
            if (line.find_first_not_of(" \t") == std::string::npos) continue;
            out.push_back(nlohmann::json{{"type", "ask"}, {"id", 7}, {"text", line}}.dump());
        }
        if (out.empty()) throw std::runtime_error("bench/questions.txt has no questions");
        return out;
    }();
    return frames;
}

// The load generator's questions, one answer per iteration, each with an empty context (advisor-load
// keeps one conversation per connection, so some of its answers are follow-ups): the figure the
// issue's "100,000 answers a second on one core" is about.
// Without the answer cache (the path every new question takes), and with it (what the server does: after
// the first round every question of the mix was asked before).
void reply_to_the_mix(benchmark::State& state) {
    const intents::Advisor& answering = state.range(0) == 0 ? advisor() : cached_advisor();
    const auto& frames = mix_frames();
    std::size_t next = 0;
    for (auto _ : state) {
        intents::Context context;
        auto reply = server::reply_to_frame(answering, context, frames[next], 0, server::ProtocolLimits{});
        benchmark::DoNotOptimize(reply);
        next = next + 1 == frames.size() ? 0 : next + 1;
    }
    state.SetItemsProcessed(state.iterations());
}

void load_all_data(benchmark::State& state) {
    const std::string root = CAREER_ADVISOR_SOURCE_DIR;
    for (auto _ : state)
        benchmark::DoNotOptimize(intents::load_advisor(root + "/knowledge/data", root + "/intents/data"));
}

}  // namespace

BENCHMARK(normalize_question)->DenseRange(0, 5);
BENCHMARK(match_question)->DenseRange(0, 5);
BENCHMARK(respond_to_question)->DenseRange(0, 5);
BENCHMARK(reply_to_a_frame)->DenseRange(0, 5);
BENCHMARK(reply_to_the_mix)->Arg(0)->Arg(1);
BENCHMARK(load_all_data)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
