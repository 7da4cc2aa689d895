#pragma once

#include <string>
#include <vector>

#include "intents/answer.hpp"
#include "intents/entity_extractor.hpp"
#include "intents/intent.hpp"
#include "knowledge/knowledge_base.hpp"

namespace intents {

// The rendered answer of one intent: text plus the facts it drew on.
struct ComposedPart {
    std::string text;
    std::vector<const knowledge::Fact*> facts;
};

// Fills an intent's answer template from the knowledge base. Pure.
// With no entity that a `by_entity` rule covers, renders `lines`. Otherwise renders, for each rule
// whose entity kind the question names and for each value named, the rule's `found` lines (with
// `{matches}` as the facts about that value) or, when there are none, its `missing` lines.
ComposedPart compose(const Intent& intent, const Entities& entities, const knowledge::KnowledgeBase& kb,
                     const EntityExtractor& names);

// The answer to "tell me more" about an intent: its `more` lines (empty text when it has none).
ComposedPart compose_more(const Intent& intent, const knowledge::KnowledgeBase& kb);

// A fact as text: its sentence, then its items as "- " bullets, one per line.
std::string render_fact(const knowledge::Fact& fact);

}  // namespace intents
