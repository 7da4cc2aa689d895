#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "intents/answer_cache.hpp"
#include "intents/composer.hpp"
#include "intents/entity_extractor.hpp"
#include "intents/intent.hpp"
#include "intents/lexicon.hpp"
#include "intents/matcher.hpp"
#include "intents/passage_index.hpp"
#include "knowledge/knowledge_base.hpp"
#include "knowledge/load_result.hpp"

namespace intents {

// One immutable snapshot of everything answering needs: knowledge, intents, compiled matcher,
// lexicon and entities. Sessions hold a shared_ptr to one; a reload builds a new one and swaps it in.
struct Advisor {
    knowledge::KnowledgeBase knowledge;
    std::vector<Intent> intents;
    Lexicon lexicon;
    // The lexicon with its `translations` as shorthand: how a question in another language is read again
    // (responder.cpp). Built by load_advisor.
    Lexicon translating;
    EntityExtractor entities;
    Matcher matcher;
    AnswerStyle style;
    // What each chip (every suggestion, every intent's first example) asks: its normal form and its
    // answer's first intent and entities with no context, so a chip that repeats the question or the
    // answer just given is not offered. Filled once by load_advisor.
    struct ChipTarget {
        std::string normalized;  // the chip's text as normalize() reads it
        std::string intent;
        Entities entities;
    };
    std::map<std::string, ChipTarget> chip_targets;
    // Answers kept for this snapshot (null: none are), by words and context. Not part of what the
    // snapshot is, and respond() never reads it: the chat and HTTP transports look answers up there
    // (answer_cache.hpp); the messaging channels answer with respond() directly.
    std::shared_ptr<AnswerCache> answers;
    // The facts' sentences and items and the intents' examples, searchable (passage_index.hpp). Built by
    // load_advisor from the members above.
    PassageIndex passages;

    const Intent* find_intent(std::string_view id) const;
};

using AdvisorPtr = std::shared_ptr<const Advisor>;

// Loads and cross-checks both data folders; every problem found comes back as an error line.
// `answer_cache_bytes`: the budget of the snapshot's AnswerCache (0: no cache).
knowledge::LoadResult<AdvisorPtr> load_advisor(const std::filesystem::path& knowledge_dir,
                                               const std::filesystem::path& intents_dir,
                                               std::size_t answer_cache_bytes = AnswerCache::default_bytes);

// "2 sources, 79 facts, 28 intents, 310 patterns, 45 entity values".
std::string summary(const Advisor& advisor);

}  // namespace intents
