#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "intents/lexicon.hpp"

namespace intents {

// Finds entity values (cities, levels, technologies, ...) in normalised text by whole-phrase alias
// match, longest alias first, and maps "N years" to an experience level. A value right after one of the
// `excluding` phrases ("besides tech", "other than Python") is left out. Years are no experience level when
// the text names another occupation or one of the `other_years` phrases ("retrain", "switching careers"): a
// teacher's 11 years make no senior developer. Immutable after construction.
// At most max_values_per_kind values of one kind (message_bounds.hpp), the first ones the text
// names; later ones are ignored.
class EntityExtractor {
  public:
    EntityExtractor(std::vector<EntityKind> kinds, std::vector<YearsBand> years_bands,
                    std::vector<std::string> excluding = {}, std::vector<std::string> other_years = {});

    Entities extract(std::string_view normalized_text) const;

    // The display name of a value ("seattle" -> "Seattle"); the id itself when unknown.
    std::string display_name(const std::string& kind, const std::string& id) const;
    const std::vector<EntityKind>& kinds() const { return kinds_; }

    // The value the data names as `nearest` to this one (entities.json), or "".
    const std::string& nearest(const std::string& kind, const std::string& id) const;
    // True when that `nearest` lies within the value (entities.json `nearest_within`).
    bool nearest_within(const std::string& kind, const std::string& id) const;

    // The topic that answers a value named on its own (the value's `intent`, else its kind's), or "".
    const std::string& home_intent(const std::string& kind, const std::string& id) const;
    // The value's home when `context` names a thing of a kind its `home_with` lists, else home_intent.
    const std::string& home_intent(const std::string& kind, const std::string& id,
                                   const Entities& context) const;

    // The entities without the routing-only kinds: what answers show and contexts remember.
    Entities visible(const Entities& entities) const;

    // True when the data says no guide mentions the value (entities.json `not_in_guides`).
    bool not_in_guides(const std::string& kind, const std::string& id) const;
    // True when the guides' figures are for the value unless they say otherwise (entities.json `implied`).
    bool implied(const std::string& kind, const std::string& id) const;
    // True when the value's words name its subject on their own (entities.json `specific`).
    bool specific(const std::string& kind, const std::string& id) const;

    // The entities without the values no guide mentions and those that are one question's form
    // (`question_only`): what a context carries to the next question.
    Entities mentioned(const Entities& entities) const;

  private:
    struct Alias {
        std::string kind;
        std::string id;
        std::string group;                 // aliases of one group claim words from each other (see extract)
        std::vector<std::string> cancels;  // the value's (EntityValue::cancels)
    };
    std::vector<EntityKind> kinds_;
    std::vector<YearsBand> years_bands_;
    std::vector<std::string> excluding_;    // one or two words each
    std::vector<std::string> other_years_;  // normalised phrases, padded with a space each side
    std::vector<Alias> aliases_;
    // Looked up by string_view (transparent hash), so the text's phrases are never copied to be looked up.
    struct PhraseHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::vector<std::size_t>, PhraseHash, std::equal_to<>>
        phrases_;  // alias phrase -> aliases_ indices
    // The first word of every alias, with the longest alias it starts (in words): a phrase is looked up
    // only where one of these starts it, and only as long as that.
    std::unordered_map<std::string, std::size_t, PhraseHash, std::equal_to<>> first_words_;
    std::size_t max_words_ = 0;  // longest alias, in words
};

}  // namespace intents
