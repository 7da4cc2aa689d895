#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "intents/advisor.hpp"

namespace intents {

// One labelled turn: the text, the intents expected in order (one, or several for a
// multi-question message) and the entities expected after resolving context.
// The label "uncovered" stands for any intent of kind `gap`.
struct LabelledTurn {
    std::string text;
    std::vector<std::string> intents;
    Entities entities;
    std::vector<std::string> first;     // must appear in the answer's first sentence
    std::vector<std::string> contains;  // must appear somewhere in the answer
    bool not_covered = false;           // the answer must say the sources do not cover it
};

// A case is one message, or a conversation whose turns share context.
struct EvalCase {
    std::vector<LabelledTurn> turns;
    std::size_t line = 0;  // in the source file, for reports
};

// Reads the JSON Lines format of tests/data/eval.jsonl (docs/intents.md). Errors name the line.
knowledge::LoadResult<std::vector<EvalCase>> read_eval_cases(const std::string& text,
                                                             const std::string& file_label);

struct IntentMetrics {
    std::size_t true_positives = 0;
    std::size_t false_positives = 0;
    std::size_t false_negatives = 0;
    double precision() const;
    double recall() const;
    double f1() const;
};

struct Miss {
    std::size_t line = 0;
    std::string text;
    std::string expected;
    std::string got;
};

// An answer whose shape is wrong, with why.
struct ShapeProblem {
    std::size_t line = 0;
    std::string text;
    std::string problem;
};

// How answers read: length, repetition, directness, honesty.
struct ShapeReport {
    std::vector<std::size_t> part_words;  // words of every answer part
    ShapeProblem longest;                 // the question whose answer part was longest (problem: its words)
    std::size_t repeated = 0;             // answers with a sentence said twice (or 80% the same)
    std::size_t internal_labels = 0;      // answers showing a placeholder or an internal id
    std::size_t bare_dollars = 0;         // answers with a pay figure missing its "$"
    std::size_t first_checked = 0, first_missing = 0;        // expected figure not in the first sentence
    std::size_t contains_checked = 0, contains_missing = 0;  // expected text not in the answer
    std::size_t not_covered = 0, not_covered_silent = 0;     // "not covered" answered without saying so
    // The coverage rule (coverage.hpp): answers from the guides, and those of them that leave a word of the
    // question no passage knows unanswered without saying anything is not covered.
    std::size_t coverage_checked = 0, coverage_violations = 0;
    std::vector<ShapeProblem> problems;

    std::size_t words_percentile(double p) const;  // 0 when there are no parts
};

struct EvalReport {
    std::size_t questions = 0;
    std::size_t correct = 0;
    std::size_t out_of_domain = 0;          // labelled fallback
    std::size_t out_of_domain_correct = 0;  // and answered by fallback
    std::size_t multi = 0;
    std::size_t multi_correct = 0;
    std::size_t entity_checks = 0;
    std::size_t entity_correct = 0;
    std::map<std::string, IntentMetrics> per_intent;
    std::map<std::pair<std::string, std::string>, std::size_t> confusions;  // (expected, got) -> count
    std::vector<Miss> misses;
    ShapeReport shape;

    double accuracy() const;
    double out_of_domain_accuracy() const;
    double entity_accuracy() const;
};

// The first sentence of an answer's text: up to the first line break or sentence end (ends_sentence).
std::string first_sentence(const std::string& text);

// Runs every case through respond(), conversations turn by turn with the context each answer returns.
EvalReport evaluate(const Advisor& advisor, const std::vector<EvalCase>& cases);

std::string to_text(const EvalReport& report);
nlohmann::json to_json(const EvalReport& report);

}  // namespace intents
