#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace intents {

// One pattern of an intent; a match adds `weight` to the intent's score.
struct Pattern {
    std::string regex;
    double weight = 1.0;
};

// When the question names values of an `entity` kind, the answer shows once, for all the values
// named, the facts whose id starts with `facts` and that are about one of them (`found` lines, with
// `{entity}` the values that have facts and `{matches}` those facts), then names once the values the
// sources have nothing for (`missing` lines, `{entity}` those values). With two or more values found,
// `compare` lines (if any) replace `found`, so a comparison is one intro and a compact list.
struct EntityRule {
    std::string entity;
    std::string facts;
    std::vector<std::string> found;
    std::vector<std::string> missing;
    std::vector<std::string> compare;
    // Said in place of a `missing` line that is exactly "{nearest}", for the values' `nearest` values
    // (entities.json) that have facts: {entity} their names, {matches} their facts. Dropped when none has.
    std::vector<std::string> nearest;
    std::size_t max_facts =
        0;  // whole facts shown for this rule; 0: the answer style's max_facts; 1: each value's most direct
            // fact only, never a lesser one in place of one said before
    // `compare` only when the question asks to choose (ComposeInputs::choosing): "microservices + docker,
    // worth getting good at?" names two technologies without asking which one.
    bool compare_needs_choice = false;
    // Said after `missing` only when nothing else in the answer brings facts (no closest value, no other rule
    // or aspect that found some), and once per answer: "no pay figures for Toronto; the closest is Austin"
    // needs no national averages after it.
    std::vector<std::string> missing_alone{};
};

// How an amount the user names ("is $130k good?") compares with each yearly pay figure used
// (only those of the level or place the question names, when it names one).
// One judgement line per amount: `sentence` ("{amount} is {verdicts}.") with each figure's verdict
// ("below {phrase}", "in line with {phrase}", …) joined into {verdicts}, the figures of one verdict named
// together ("below A and B"), exact matches first, then those it is in line with, below, above. The
// figures themselves follow in the answer: a verdict need not say them again.
struct AmountNote {
    std::string sentence;              // {amount}, {verdicts}
    std::string below, within, above;  // a verdict: {phrase} (the figures'), {label}, {figure}, {source}
    std::string equal;  // optional: the sum is the figure itself ("exactly {phrase}"); else `within`
    // Optional: one line instead when the sum is below (above) all of two or more figures, with the
    // lowest (highest) figure as {phrase}, {label} and {figure}.
    std::string below_all, above_all;
    // Optional: an aspect whose facts are searched when the sum is above every figure the answer used ("can
    // I make 250k?" beside the averages): the one whose figure reaches it is added, so the verdict is against
    // the guides' figure that does ("in line with … principal engineers"), not "more than every figure".
    std::string reach_aspect;
};

// Extra lines about the USD/year figures an answer used, driven by entities in the question.
struct FigureNotes {
    AmountNote amount;
    bool empty() const { return amount.below.empty(); }
};

// Lines that answer one aspect of a question ("median", "progression"). When `instead_of` names
// entity kinds or other aspects, the lines come first and answer those too ("progression from
// junior to principal" is not two level look-ups); otherwise they follow the entity rules.
struct AspectLines {
    std::string aspect;
    std::vector<std::string> lines;
    std::vector<std::string> instead_of;
    bool not_covered = false;  // the lines say the guides do not cover it ("they don't rank languages")
    bool lead = false;         // comes before the entity rules without standing in for them
    // Entity kinds whose rule, when it found facts, answers the aspect already: "the Austin range" is
    // Austin's range, not the national ranges after it.
    std::vector<std::string> unless{};
};

// Template lines: plain text in our words with placeholders `{fact:ID}` (the fact's text and items),
// `{text:ID}` (its text alone, the list held back for "tell me more"),
// `{figure:ID}` (the fact's first figure, "$115,000 a year"), `{matches}`, `{rows}` (the matched
// facts' figures as a compact list) and `{entity}` (display names). Sources are listed by the answer.
struct AnswerTemplate {
    std::vector<std::string> lines;
    // Lines said instead of `lines` when a short question leans on another last topic ("and pay wise?" after
    // the company stages is pay by company size), no rule or aspect applies, and it is no "tell me more":
    // last topic id -> lines.
    std::map<std::string, std::vector<std::string>> after;
    // Lines for aspects the question names, used instead of `lines`; see AspectLines.
    std::vector<AspectLines> by_aspect;
    std::vector<EntityRule> by_entity;
    FigureNotes figure_notes;
    std::vector<std::string> more;  // for "tell me more" / "why?": what to add beyond the first answer
    // Said first when rules of two or more entity kinds apply ("senior" and "Seattle"): the sources
    // give each on its own, not the combination. Placeholder {entities}: "senior and Seattle".
    std::string combination;
    // The entity kinds whose combination the sources never give (say "location", "level"); empty: all.
    std::vector<std::string> combination_kinds;
};

// What an intent is for, which decides how the responder, the topic list and the widget treat it.
//  topic:     a career question answered from facts; follow-ups refer back to it
//  gap:       a career question the sources do not cover; says so first, then the nearest facts
//  smalltalk: greeting, thanks, goodbye, who are you, help; never replaces the topic of follow-ups
//  system:    fallback, followup and clarify, used by the responder itself
enum class IntentKind { topic, gap, smalltalk, system };

const char* to_string(IntentKind kind);
std::optional<IntentKind> intent_kind_from_string(const std::string& text);

struct Intent {
    std::string id;
    std::string file;  // for error messages
    int priority = 0;  // breaks ties between equal scores; higher wins
    std::vector<Pattern> patterns;
    std::vector<std::string> examples;
    AnswerTemplate answer;
    std::vector<std::string> suggestions;
    IntentKind kind = IntentKind::topic;
    std::string continues;  // gap only: the topic follow-ups continue ("education.bootcamp")
    // Gap only: it is about the asker's circumstances (age), not what they ask; a question that also
    // asks a topic clearly gets the gap's first line, then that topic's answer ("I'm 25 and earn 60k:
    // is that low?").
    bool aside = false;
    // Smalltalk only: the answer declines what the message asks (instructions to change the advisor, figures
    // to use), so nothing the message names is left unanswered by it (coverage.hpp).
    bool refuses = false;
};

}  // namespace intents
