#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "intents/intent.hpp"
#include "knowledge/load_result.hpp"

namespace re2 {
class RE2;
}

namespace intents {

struct IntentScore {
    std::size_t intent = 0;  // index into the intent list the matcher was built from
    double score = 0.0;      // sum of the weights of the intent's matching patterns
};

// Every pattern of every intent compiled into one RE2::Set, matched in a single pass.
// Build once; the built matcher is immutable and safe to share between threads.
class Matcher {
  public:
    // Compiles all patterns; a pattern RE2 refuses is reported with its file, intent and RE2's error.
    static knowledge::LoadResult<Matcher> build(const std::vector<Intent>& intents);

    // Intents whose matching patterns' weights add up to more than zero, best first (score, then
    // priority, then list order). Negative weights mark phrasings that are not about the intent.
    std::vector<IntentScore> score(std::string_view normalized_text) const;

    std::size_t pattern_count() const { return owners_.size(); }

    Matcher(Matcher&&) noexcept;
    Matcher& operator=(Matcher&&) noexcept;
    ~Matcher();

  private:
    struct Owner {
        std::size_t intent;
        double weight;
    };
    Matcher();
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::vector<Owner> owners_;
    std::vector<int> priorities_;
};

}  // namespace intents
