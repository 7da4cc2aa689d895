#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace intents {

// Word-level data for normalisation (intents/data/lexicon.json): shorthand to expand and the domain
// vocabulary that small typos are corrected towards.
struct LexiconWords {
    std::unordered_map<std::string, std::string> shorthand;  // "devs" -> "developers"
    std::vector<std::string> vocabulary;                     // "salary", "developer", ...
    std::vector<std::string> fillers;  // words that carry no meaning: "actually", "basically"
    std::vector<std::string>
        joiners;  // leading words that make a new question look like a follow-up: "and", "so"
    std::vector<std::string> clause_joiners;  // words that join two questions: "what ... and how ..."
    std::vector<std::string> question_words;  // words that start a question: "what", "how", "is"
    // Words that say nothing about what a question is about ("the", "developer" in a developer advisor):
    // left out when the report groups questions by their content words.
    std::vector<std::string> stop_words;
    // Groups of words that mean the same when the guides' passages are searched ("cv", "resume"); the first
    // names the group (passage_index.hpp).
    std::vector<std::vector<std::string>> synonyms;
    // Words and phrases by which a question points back at what was just said ("which one", "it", "those"):
    // such a question takes the things the last answer was about (responder.cpp, entity gaps).
    std::vector<std::string> referring_words;
    // Words and phrases before a named thing that leave it out of the question ("besides tech", "other than
    // Python"): the thing is not taken as what the question is about (entity_extractor.hpp).
    std::vector<std::string> excluding;
    // Common words of the other languages people ask in ("cuanto" -> "how much", "gehalt" -> "salary"),
    // written as normalize() leaves them (accents folded): a question the `other_language` intent caught
    // is read again with these as shorthand, and answered in English when that reading asks a topic.
    std::unordered_map<std::string, std::string> translations;
    // The words of a general English dictionary (lexicon.json "dictionary", Debian's wamerican): a word
    // found there is spelt as meant, so typo correction reads it only as another form of itself ("nigerian"
    // as "nigeria", never "override" as "overtime" or "undefined" as "defined"). Sorted by the constructor.
    std::vector<std::string> english;
};

// The words, with the vocabulary sorted and indexed for typo correction in the constructor, so no
// caller can forget the index. Build it once, then share it const.
class Lexicon : public LexiconWords {
  public:
    Lexicon() = default;
    explicit Lexicon(LexiconWords words);  // defined in normalizer.cpp, beside the lookup it serves

    // Symmetric-delete index of the vocabulary: (hash of a word with up to two letters deleted, index
    // into `vocabulary`). Step 7 of normalize() looks candidates up here: the entries whose hash is
    // `variant_hash`, found through a directory of the hashes' top bits (one or two cache lines, not a
    // binary search over the whole index).
    using TypoEntry = std::pair<std::size_t, std::uint32_t>;
    std::span<const TypoEntry> typo_entries(std::size_t variant_hash) const;

    // The longest word step 7 checks: the longest indexed vocabulary word + 2 (no longer word is
    // within two edits of it), at most max_typo_word_letters (message_bounds.hpp).
    std::size_t typo_word_limit() const { return typo_word_limit_; }

  private:
    static constexpr int typo_directory_bits = 16;
    static constexpr int directory_shift = std::numeric_limits<std::size_t>::digits - typo_directory_bits;
    std::vector<TypoEntry> typo_index_;          // sorted
    std::vector<std::uint32_t> typo_directory_;  // per top-bits prefix, its first entry; then the end
    std::size_t typo_word_limit_ = 0;
};

// One kind of entity and its values (intents/data/entities.json).
struct EntityValue {
    EntityValue(std::string id_, std::string name_, std::vector<std::string> aliases_,
                std::string intent_ = "")
        : id(std::move(id_)),
          name(std::move(name_)),
          aliases(std::move(aliases_)),
          intent(std::move(intent_)) {}

    std::string id;                    // "san-francisco"
    std::string name;                  // "San Francisco"
    std::vector<std::string> aliases;  // normalised phrases: "san francisco", "bay area"
    std::string intent;                // the topic that answers it when nothing else matched (optional)
    // Another value of the kind that the guides do give facts for, said when they have none for this one
    // ("Dayton" -> "cincinnati": the closest place with pay figures) (optional).
    std::string nearest;
    // `nearest` lies within this value (Ohio's Cincinnati): what the guides lack is a figure for it as a
    // whole.
    bool nearest_within = false;
    // A gap intent said instead of the topic it continues when a question on that topic names this value
    // ("pay" with "Go": the guides give no pay by language); the kind's when empty (optional).
    std::string gap;
    // The guides never mention it (internships, Copilot): a question naming it is told so before the answer.
    // `check` refuses the claim when a fact names the value or holds one of its aliases.
    bool not_in_guides = false;
    // The guides' figures are for it unless they say otherwise (the US): named beside a value of another kind
    // ("entry level in the US") it is no second criterion the guides would have to give together.
    bool implied = false;
    // The form of one question, not a subject ("why do the figures differ", "is that good"): the context does
    // not carry it to the next question, which has a form of its own ("and a senior one?").
    bool question_only = false;
    // An aspect whose words name their subject on their own ("legacy code", "on call"), unlike "how long" or
    // "online": over one plain cue of a topic with nothing on it, the aspect's home topic answers.
    bool specific = false;
    // The topic that is home to the value instead of `intent` when the conversation names a thing of the kind
    // (`home_with`: {"level": "role.progression"}: "how many years to get there?" after senior pay is the
    // years between levels, not the bootcamp's weeks).
    std::map<std::string, std::string> home_with;
    // Kinds a question naming this value does not have: "52k euros" is no dollar amount to set against the
    // guides' figures (`cancels: ["amount"]`).
    std::vector<std::string> cancels;
};

struct EntityKind {
    EntityKind(std::string kind_, std::vector<EntityValue> values_, bool routing_only_ = false,
               std::string intent_ = "")
        : kind(std::move(kind_)),
          values(std::move(values_)),
          routing_only(routing_only_),
          intent(std::move(intent_)) {}

    std::string kind;  // "location"
    std::vector<EntityValue> values;
    bool routing_only = false;  // steers matching (e.g. "occupation") but is not shown or remembered
    std::string intent;  // the topic that answers a value of this kind named on its own (a value's own wins)
    std::string gap;     // as EntityValue::gap, for every value of the kind without one of its own
    bool not_in_guides = false;  // as EntityValue::not_in_guides, for every value of the kind
    // Kinds that share a `claims` name take words from each other: "mid sized" (a company size) leaves no
    // "mid" (a level) behind. Empty: the kind claims words for itself alone.
    std::string claims;
};

// "N years" of experience up to `max_years` maps to `level`.
struct YearsBand {
    int max_years = 0;
    std::string level;
};

// The entities found in a question: kind -> value ids, in the order the question names them
// (a comparison names two).
using Entities = std::map<std::string, std::vector<std::string>>;

}  // namespace intents
