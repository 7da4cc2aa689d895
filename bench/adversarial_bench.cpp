// What the worst messages cost: respond() on adversarial inputs (long words, many tokens, many
// clauses, ...) of up to 4 KiB, each timed against a normal short question in the same run,
// alternating normal and adversarial batches so that both see the same machine load.
//
//   adversarial_bench [--rounds N]
//
// Prints a Markdown table: per input, its size, the median µs per respond() of the normal question
// and of the input, and their ratio. Speed is measured here, never asserted in tests (the bounds
// themselves are: tests/unit/message_bounds_test.cpp).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "intents/advisor.hpp"
#include "intents/responder.hpp"

namespace {

constexpr const char* normal_question = "how much do backend devs make in seattle??";

struct Input {
    std::string name;
    std::string text;
};

// `unit` repeated until `bytes` long (the last repeat cut).
std::string repeat(std::string_view unit, std::size_t bytes) {
    std::string out;
    while (out.size() < bytes) out += unit;
    out.resize(bytes);
    return out;
}

// Letters from a fixed linear congruential sequence: one long word no vocabulary word resembles.
std::string letters(std::size_t count, std::uint32_t seed) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        seed = seed * 1664525u + 1013904223u;
        out.push_back(static_cast<char>('a' + (seed >> 24) % 26));
    }
    return out;
}

// Words of `length` letters, space-separated, up to `bytes`: each one a typo check at full cost.
std::string random_words(std::size_t length, std::size_t bytes) {
    std::string out;
    for (std::uint32_t seed = 1; out.size() + length + 1 <= bytes; ++seed) out += letters(length, seed) + " ";
    return out;
}

std::vector<Input> inputs() {
    return {
        {"1,000-letter word", letters(1000, 7)},
        {"4,096-letter word", letters(4096, 7)},
        {"\"a, a, a\" 1,000 chars", repeat("a, ", 1000)},
        {"\"a, a, a\" 4 KiB", repeat("a, ", 4096)},
        {"500 one-letter tokens", repeat("a ", 1000)},
        {"2,048 one-letter tokens (4 KiB)", repeat("a ", 4096)},
        {"200 clauses \"pay? skills?\" (1,000 chars)", repeat("pay? skills? ", 1000)},
        {"clauses \"pay? skills?\" 4 KiB", repeat("pay? skills? ", 4096)},
        {"\"what is the pay and what skills\" 4 KiB", repeat("what is the pay and what skills and ", 4096)},
        {"known typos \"salery develper seatle backened\" 4 KiB",
         repeat("salery develper seatle backened ", 4096)},
        {"random 18-letter words 4 KiB", random_words(18, 4096)},
        {"random 8-letter words 4 KiB", random_words(8, 4096)},
        {"mixed unicode 4 KiB", repeat("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80 "
                                       "\xE2\x80\x9Cpay\xE2\x80\x9D \xE2\x80\x94 ",
                                       4096)},
        {"\"5 years \" 4 KiB", repeat("5 years ", 4096)},
        {"amounts \"$100001 $100002 ...\" 4 KiB",
         [] {
             std::string out;
             for (int i = 100001; out.size() + 8 <= 4096; ++i) out += "$" + std::to_string(i) + " ";
             return out;
         }()},
        {"cities \"seattle austin denver ...\" 4 KiB",
         repeat("pay in seattle austin denver chicago boston new york ", 4096)},
        {"normal question 4 KiB (repeated)", repeat("how much do backend devs make in seattle? ", 4096)},
        {"context clauses \"i am a senior dev in seattle with 5 years of python,\" 4 KiB",
         repeat("i am a senior dev in seattle with 5 years of python, ", 4096)},
        {"different questions, one per clause, 4 KiB",
         repeat(
             "what does a backend dev do? what skills do i need? how much do they make in austin? is the job "
             "market growing? can i work remotely? do i need a degree? is a bootcamp worth it? what is a "
             "typical day like? are they on call? which languages should i learn? ",
             4096)},
        {"amounts with levels and cities 4 KiB",
         repeat("is $130k or $95k or $210k good for a junior or senior dev in seattle or austin or denver? ",
                4096)},
    };
}

// Median µs per call of each, over `rounds` pairs of batches (normal, then adversarial), each batch
// about `batch_us` long.
struct Pair {
    double normal_us;
    double adversarial_us;
};

Pair alternate(const std::function<void()>& normal, const std::function<void()>& adversarial, int rounds,
               double batch_us) {
    using clock = std::chrono::steady_clock;
    auto batch = [](const std::function<void()>& f, int calls) {
        const auto start = clock::now();
        for (int i = 0; i < calls; ++i) f();
        return std::chrono::duration<double, std::micro>(clock::now() - start).count() / calls;
    };
    auto calls_for = [batch_us, &batch](const std::function<void()>& f) {
        return std::max(1, static_cast<int>(batch_us / std::max(batch(f, 1), 0.1)));
    };
    const int normal_calls = calls_for(normal);
    const int adversarial_calls = calls_for(adversarial);
    std::vector<double> a, b;
    for (int r = 0; r < rounds; ++r) {
        a.push_back(batch(normal, normal_calls));
        b.push_back(batch(adversarial, adversarial_calls));
    }
    auto median = [](std::vector<double>& v) {
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    return {median(a), median(b)};
}

}  // namespace

int main(int argc, char** argv) {
    int rounds = 9;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::max(1, std::atoi(argv[i + 1]));
    }
    const std::string root = CAREER_ADVISOR_SOURCE_DIR;
    auto loaded = intents::load_advisor(root + "/knowledge/data", root + "/intents/data");
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", loaded.errors.front().c_str());
        return 1;
    }
    const intents::Advisor& advisor = **loaded.value;
    auto ask = [&advisor](const std::string& text) {
        return [&advisor, &text] {
            const intents::Answer answer = intents::respond(advisor, {}, text, 0);
            if (answer.intent.empty()) std::abort();  // keeps the call from being optimised away
        };
    };
    const std::string normal = normal_question;
    std::printf("| input | bytes | normal µs | adversarial µs | ratio |\n| --- | --- | --- | --- | --- |\n");
    for (const Input& input : inputs()) {
        const Pair p = alternate(ask(normal), ask(input.text), rounds, 20000.0);
        std::printf("| %s | %zu | %.1f | %.1f | %.1f× |\n", input.name.c_str(), input.text.size(),
                    p.normal_us, p.adversarial_us, p.adversarial_us / p.normal_us);
        std::fflush(stdout);
    }
    return 0;
}
