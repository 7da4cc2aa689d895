// The report's grouping of unanswered questions (analytics/question_groups.hpp), on questions a client
// chooses: each line of the input is one stored question (any bytes). Besides the sanitizers' findings (and
// -timeout, which bounds the work per input) it checks what the header promises: every question lands in
// one group, and with the comparison cap lifted no two groups' main forms are alike, i.e. the rarest-words
// index found every group a form could join.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/question_groups.hpp"
#include "fuzz_support.hpp"

namespace {

bool alike_words(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> shared;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
    if (a.size() == 1 && b.size() == 1) return shared.size() == 1;
    return shared.size() >= 2 && 3 * shared.size() >= a.size() + b.size();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)fuzz::project_advisor();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::vector<analytics::QuestionRow> rows;
    std::size_t start = 0;
    while (start < input.size()) {
        const std::size_t end = std::min(input.find('\n', start), input.size());
        const bool fallback = rows.size() % 3 != 0;
        rows.push_back({std::string(input.substr(start, end - start)), static_cast<std::int64_t>(rows.size()),
                        fallback, !fallback, fallback ? "fallback" : "uncovered.visa"});
        start = end + 1;
    }
    const auto groups = analytics::group_questions(rows, fuzz::project_advisor()->lexicon, rows.size() + 1);
    std::uint64_t total = 0;
    for (const auto& g : groups) total += g.count;
    fuzz::require(total == rows.size(), "every question is in exactly one group");
    for (std::size_t i = 0; i < groups.size(); ++i) {
        for (std::size_t j = i + 1; j < groups.size(); ++j) {
            fuzz::require(!alike_words(groups[i].words, groups[j].words),
                          "no two groups' main forms are alike");
        }
    }
    return 0;
}
