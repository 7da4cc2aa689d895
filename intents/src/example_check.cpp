#include "intents/example_check.hpp"

#include "intents/normalizer.hpp"
#include "intents/responder.hpp"

namespace intents {

std::vector<std::string> check_examples(const Advisor& advisor) {
    std::vector<std::string> problems;
    for (std::size_t i = 0; i < advisor.intents.size(); ++i) {
        const Intent& intent = advisor.intents[i];
        // A follow-up only means something after another answer; clarify is never matched directly.
        if (intent.id == "followup" || intent.id == "clarify") continue;
        for (const std::string& example : intent.examples) {
            const Answer answer = respond(advisor, {}, example, 0);
            if (answer.intent == intent.id) continue;
            const auto scores = advisor.matcher.score(normalize(example, advisor.lexicon));
            bool own_pattern_matches = false;
            for (const IntentScore& s : scores) own_pattern_matches = own_pattern_matches || s.intent == i;
            problems.push_back(intent.file + ": intent '" + intent.id + "' example \"" + example + "\" " +
                               (own_pattern_matches ? "is answered by '" + answer.intent + "' first"
                                                    : "matches none of the intent's patterns (answered by '" +
                                                          answer.intent + "')"));
        }
    }
    return problems;
}

}  // namespace intents
