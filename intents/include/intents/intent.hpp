#pragma once

#include <string>
#include <vector>

namespace intents {

// One pattern of an intent; a match adds `weight` to the intent's score.
struct Pattern {
    std::string regex;
    double weight = 1.0;
};

// When the question names an entity of `entity` kind, the answer shows the facts whose id starts
// with `facts` and that are about that entity value (`found` lines), or says the sources have
// nothing for it (`missing` lines).
struct EntityRule {
    std::string entity;
    std::string facts;
    std::vector<std::string> found;
    std::vector<std::string> missing;
};

// A figure re-expressed per another period ("month": divisor 12), labelled as our arithmetic.
struct PeriodNote {
    std::string period;  // a value of the `pay_period` entity
    double divisor = 1.0;
    std::string line;    // placeholders {label}, {figure}, {derived}
};

// How an amount the user names ("is $130k good?") compares with each yearly pay figure used.
struct AmountNote {
    std::string below, within, above;  // placeholders {amount}, {label}, {figure}
};

// Extra lines about the USD/year figures an answer used, driven by entities in the question.
struct FigureNotes {
    std::vector<PeriodNote> periods;
    AmountNote amount;
    bool empty() const { return periods.empty() && amount.below.empty(); }
};

// Template lines: plain text in our words with placeholders `{fact:ID}`, `{matches}`, `{entity}`
// (the display name of the entity the rule is for) and `{sources}`-free: sources are listed by the
// answer itself.
struct AnswerTemplate {
    std::vector<std::string> lines;
    std::vector<EntityRule> by_entity;
    FigureNotes figure_notes;
    std::vector<std::string> more;  // for "tell me more" / "why?": what to add beyond the first answer
    // Said first when rules of two or more entity kinds apply ("senior" and "Seattle"): the sources
    // give each on its own, not the combination. Placeholder {entities}: "senior and Seattle".
    std::string combination;
};

struct Intent {
    std::string id;
    std::string file;  // for error messages
    int priority = 0;  // breaks ties between equal scores; higher wins
    std::vector<Pattern> patterns;
    std::vector<std::string> examples;
    AnswerTemplate answer;
    std::vector<std::string> suggestions;
};

}  // namespace intents
