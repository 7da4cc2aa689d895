#pragma once

#include <string>
#include <vector>

#include "intents/lexicon.hpp"
#include "knowledge/knowledge_base.hpp"

namespace intents {

// The entity catalogue (intents/data/entities.json) is the one list of entity kinds and values.
// Checks every value named elsewhere against it: each fact's `entities` (kind and values), each
// figure's `location` and `level`, and the levels of `years_to_level`. One error per value, naming
// the file, the JSON pointer and the values known:
// "knowledge/data/facts/salary.json: /facts/12/entities/location/0: 'seatle' is not a location in
//  intents/data/entities.json (known: us, san-francisco, …)".
std::vector<std::string> check_entity_values(const knowledge::KnowledgeBase& knowledge,
                                             const std::vector<EntityKind>& catalogue,
                                             const std::vector<YearsBand>& years_bands,
                                             const std::string& entities_file);

}  // namespace intents
