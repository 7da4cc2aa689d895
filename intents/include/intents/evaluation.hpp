#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "intents/advisor.hpp"

namespace intents {

// One labelled turn: the text, the intents expected in order (one, or several for a
// multi-question message) and the entities expected after resolving context.
struct LabelledTurn {
    std::string text;
    std::vector<std::string> intents;
    Entities entities;
};

// A case is one message, or a conversation whose turns share context.
struct EvalCase {
    std::vector<LabelledTurn> turns;
    std::size_t line = 0;  // in the source file, for reports
};

// Reads the JSON Lines format of tests/data/eval.jsonl (docs/intents.md). Errors name the line.
knowledge::LoadResult<std::vector<EvalCase>> read_eval_cases(const std::string& text, const std::string& file_label);

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

    double accuracy() const;
    double out_of_domain_accuracy() const;
    double entity_accuracy() const;
};

// Runs every case through respond(), conversations turn by turn with the context each answer returns.
EvalReport evaluate(const Advisor& advisor, const std::vector<EvalCase>& cases);

std::string to_text(const EvalReport& report);
nlohmann::json to_json(const EvalReport& report);

}  // namespace intents
