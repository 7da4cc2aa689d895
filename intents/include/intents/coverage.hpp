#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "intents/advisor.hpp"
#include "intents/answer.hpp"

namespace intents {

// The coverage rule (issue 23): nothing a question names is silently ignored. The words of a question an
// answer from the guides leaves unanswered: each word whose search term (TermRules: stemmed, synonyms
// folded, stop and question words left out) is in none of
//   - the answer's own text (what it used, or named as not covered),
//   - the examples of an intent that answered (the words those questions come in: "earn" for pay),
//   - the name or aliases of a thing the answer was read as being about.
// For `eval` and whoever tunes (`ask --explain`), not the answer path. Empty when no part answered from
// facts (small talk, the fallback). In the question's order, each word once.
// `named` are the things the question names, as written: a capitalised word not opening a sentence
// ("Columbus", "Claude") or one with a digit ("95k", "h1b"), that the answer leaves unanswered; the coverage
// rule is about these (an unanswered "exactly" or "lol" is no named thing); an answer that refuses an
// injection (intent `instructions`) leaves none.
struct Unanswered {
    std::vector<std::string> unknown;  // no passage has it: neither guide nor any question they answer
    std::vector<std::string> unused;   // a passage has it, but not this answer
    std::vector<std::string> named;    // named things left unanswered, as the question writes them
    bool empty() const { return unknown.empty() && unused.empty(); }
};
Unanswered unanswered_words(const Advisor& advisor, std::string_view question, const Answer& answer);

}  // namespace intents
