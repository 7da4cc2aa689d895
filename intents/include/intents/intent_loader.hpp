#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "intents/composer.hpp"
#include "intents/intent.hpp"
#include "intents/lexicon.hpp"
#include "knowledge/knowledge_base.hpp"
#include "knowledge/load_result.hpp"

namespace intents {

// Everything under intents/data/: the intents (intents/*.json), the lexicon, the entity catalogue and
// the answer style (answering.json).
struct IntentData {
    std::vector<Intent> intents;
    Lexicon lexicon;
    std::vector<EntityKind> entity_kinds;
    std::vector<YearsBand> years_bands;
    std::vector<std::string> other_years;  // entities.json: phrases after which years are another job's
    AnswerStyle style;
};

// Reads and checks the files' shape (types, required fields, duplicate ids, a `fallback` intent).
knowledge::LoadResult<IntentData> load_intent_data(const std::filesystem::path& dir);

// Cross-checks intents against the knowledge base: every `{fact:ID}` exists, every entity rule names a
// known entity kind and a fact prefix that exists, every fact is reachable from some intent, and a value
// said to be in none of the guides (`not_in_guides`) is in no fact.
// (The entity values facts name are check_entity_values()'s, catalogue_check.hpp.)
std::vector<std::string> check_references(const IntentData& data, const knowledge::KnowledgeBase& kb);

// The fact ids a template line names with `{fact:ID}`, then `{text:ID}`, then `{figure:ID}`.
std::vector<std::string> fact_references(const std::string& line);

}  // namespace intents
