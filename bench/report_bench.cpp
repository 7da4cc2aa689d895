// What grouping unanswered questions costs for the report (analytics/question_groups.hpp), on rows a
// hostile client can store: questions that share common words ("salary", "remote") and differ in the rest,
// the shape that made the grouping quadratic (5 minutes of CPU for 18,250 rows). Sizes: the report's window
// (max_report_rows, 20,000) and ten times it.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "analytics/question_groups.hpp"
#include "analytics/report.hpp"
#include "analytics/store.hpp"
#include "intents/advisor.hpp"

namespace {

const intents::Advisor& advisor() {
    static const intents::AdvisorPtr loaded = [] {
        const std::string root = CAREER_ADVISOR_SOURCE_DIR;
        auto r = intents::load_advisor(root + "/knowledge/data", root + "/intents/data", 0);
        if (!r.ok()) throw std::runtime_error(r.errors.front());
        return *r.value;
    }();
    return *loaded;
}

// `n` questions of 4-9 words: two of a few common words, the rest from 5,000 made-up ones. The same rows on
// every run (xorshift from a fixed seed).
std::vector<analytics::QuestionRow> hostile_rows(std::size_t n) {
    const std::vector<std::string> common = {"salary", "remote", "python", "senior", "startup", "bootcamp"};
    std::uint64_t state = 88172645463325252ULL;
    auto next = [&state] {
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        return state;
    };
    auto made_up = [&next] {
        std::string word;
        for (int i = 0; i < 6; ++i) word += static_cast<char>('a' + next() % 26);
        return word;
    };
    std::vector<std::string> rare;
    for (int i = 0; i < 5000; ++i) rare.push_back(made_up());
    std::vector<analytics::QuestionRow> rows;
    for (std::size_t i = 0; i < n; ++i) {
        std::string text = common[next() % common.size()] + " " + common[next() % common.size()];
        const std::size_t words = 2 + next() % 6;
        for (std::size_t w = 0; w < words; ++w) text += " " + rare[next() % rare.size()];
        rows.push_back({text, static_cast<std::int64_t>(i), true, false, "fallback"});
    }
    return rows;
}

void group_hostile_questions(benchmark::State& state) {
    const auto rows = hostile_rows(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(analytics::group_questions(rows, advisor().lexicon));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(group_hostile_questions)->Arg(2000)->Arg(20000)->Arg(200000)->Unit(benchmark::kMillisecond);

// The whole report, as GET /admin/report makes it, from a SQLite store holding `n` such questions: the store
// gives the newest max_report_rows, so the report's time stays bounded however many a client stored.
void report_from_a_full_store(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("report-bench-" + std::to_string(n));
    std::filesystem::remove_all(dir);
    auto store = analytics::open_store({"sqlite", dir, true});
    store->migrate();
    const auto rows = hostile_rows(n);
    std::vector<analytics::AnswerEvent> events;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        events.push_back({"bench-" + std::to_string(i),
                          1'000'000 + rows[i].at_ms,
                          {"fallback"},
                          true,
                          false,
                          100,
                          analytics::Channel::websocket,
                          rows[i].text});
        if (events.size() == 10000 || i + 1 == rows.size()) {
            store->write(events, {});
            events.clear();
        }
    }
    for (auto _ : state) {
        benchmark::DoNotOptimize(analytics::make_report(*store, 0, 1'000'000'000, advisor().lexicon));
    }
    store.reset();
    std::filesystem::remove_all(dir);
}
BENCHMARK(report_from_a_full_store)->Arg(20000)->Arg(200000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
