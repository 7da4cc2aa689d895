#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "intents/intent.hpp"
#include "intents/lexicon.hpp"
#include "knowledge/knowledge_base.hpp"

namespace intents {

// How a text becomes search terms: its words less those that say nothing about what is asked (the
// lexicon's stop words, question words, joiners and fillers), each stemmed with Snowball's English stemmer
// (libstemmer), and a stem with a synonym in the data mapped onto its group's first word's stem
// ("cv" and "resume" are one term). A share is its number ("7.5%" and "7.5" are one term); a lone digit is
// no term. Built once per data snapshot.
class TermRules {
  public:
    TermRules() = default;
    // `synonyms`: groups of words that mean the same here (lexicon.json `synonyms`), the first naming the
    // group.
    TermRules(const Lexicon& lexicon, const std::vector<std::vector<std::string>>& synonyms);

    // The terms of a normalised text, in order (a word may give no term). Thread-safe.
    std::vector<std::string> terms(std::string_view normalized) const;

  private:
    std::unordered_set<std::string> ignored_;
    std::unordered_map<std::string, std::string> synonym_of_;  // stem -> the group's stem
};

// The stem of one lower-case word (Snowball English). Thread-safe.
std::string stem(std::string_view word);

// One retrievable piece of the knowledge: a fact's text, one of its list items, or an intent's example.
struct Passage {
    std::string intent;                     // the topic that answers with it (an example's own intent)
    const knowledge::Fact* fact = nullptr;  // null for an example
    int item = -1;                          // the fact's item; -1 for its text (or an example)
};

struct PassageHit {
    std::uint32_t passage = 0;
    double score = 0;
    std::uint32_t matched = 0;  // distinct question terms the passage holds
};

// The knowledge base's facts and items, and the intents' examples, ranked against a question with
// BM25 (k1 1.2, b 0.75) over TermRules terms, plus a bonus for each pair of adjacent question terms the
// passage also has side by side. A fact belongs to the first topic intent whose answer names it
// (`{fact:ID}`, `{text:ID}`, `{figure:ID}` or an entity rule's fact prefix); facts of no topic are not
// indexed. Immutable once built; search() is thread-safe and does work bounded by the question's first
// max_query_terms terms and the passages that hold them.
class PassageIndex {
  public:
    static constexpr std::size_t max_query_terms = 32;

    PassageIndex() = default;
    // Passages are normalised with `lexicon` as questions are, so both read "db" and "database" alike.
    PassageIndex(const knowledge::KnowledgeBase& knowledge, const std::vector<Intent>& intents,
                 const Lexicon& lexicon, TermRules rules);

    // The best `max_hits` passages that share a term with the question, best first.
    std::vector<PassageHit> search(std::string_view normalized, std::size_t max_hits) const;

    // True when any passage holds `term`: a word the guides or the questions they answer use.
    bool holds(const std::string& term) const { return postings_.contains(term); }
    // True when an example of `intent` holds `term` (a TermRules term).
    bool example_holds(std::string_view intent, const std::string& term) const;

    const Passage& passage(std::uint32_t i) const { return passages_[i]; }
    std::size_t size() const { return passages_.size(); }
    const TermRules& rules() const { return rules_; }

  private:
    void add(Passage passage, std::string_view text, const Lexicon& lexicon);

    TermRules rules_;
    std::vector<Passage> passages_;
    std::vector<std::uint32_t> lengths_;  // terms per passage
    double average_length_ = 0;
    struct Posting {
        std::uint32_t passage;
        std::uint32_t count;
    };
    std::unordered_map<std::string, std::vector<Posting>> postings_;
    std::vector<std::unordered_set<std::string>> pairs_;  // per passage: "term term" of adjacent terms
};

}  // namespace intents
