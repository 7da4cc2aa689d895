#include "intents/passage_index.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

#include "intents/intent_loader.hpp"
#include "intents/normalizer.hpp"

namespace intents {

namespace {

// A Snowball stemmer is not safe to share between threads: one per thread, made on first use.
struct Stemmer {
    sb_stemmer* stemmer = sb_stemmer_new("english", "UTF_8");
    ~Stemmer() { sb_stemmer_delete(stemmer); }
};

// Words made only of letters get stemmed; numbers and mixed tokens ("401k", "$120,000") stay as they are.
bool stemmable(std::string_view word) {
    return !word.empty() &&
           std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The topic intent each fact belongs to: the first topic whose answer names it in its lines, its "more" or an
// entity rule; only then one whose lines for an aspect borrow it ("is it worth it?" cites pay and growth
// figures from their own topics, which stay theirs).
std::unordered_map<std::string, std::string> topic_of_facts(const knowledge::KnowledgeBase& knowledge,
                                                            const std::vector<Intent>& intents) {
    std::unordered_map<std::string, std::string> topic;
    auto claim = [&](const std::string& fact, const std::string& intent) { topic.try_emplace(fact, intent); };
    for (const Intent& intent : intents) {
        if (intent.kind != IntentKind::topic) continue;
        for (const auto* lines : {&intent.answer.lines, &intent.answer.more}) {
            for (const std::string& line : *lines) {
                for (const std::string& id : fact_references(line)) claim(id, intent.id);
            }
        }
        for (const EntityRule& rule : intent.answer.by_entity) {
            if (rule.facts.empty()) continue;
            for (const knowledge::Fact& fact : knowledge.facts()) {
                if (fact.id.starts_with(rule.facts)) claim(fact.id, intent.id);
            }
        }
    }
    for (const Intent& intent : intents) {
        if (intent.kind != IntentKind::topic) continue;
        for (const AspectLines& a : intent.answer.by_aspect) {
            for (const std::string& line : a.lines) {
                for (const std::string& id : fact_references(line)) claim(id, intent.id);
            }
        }
    }
    return topic;
}

}  // namespace

std::string stem(std::string_view word) {
    if (!stemmable(word)) return std::string(word);
    thread_local Stemmer s;
    if (s.stemmer == nullptr) return std::string(word);
    const sb_symbol* out = sb_stemmer_stem(s.stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                                           static_cast<int>(word.size()));
    if (out == nullptr) return std::string(word);
    return std::string(reinterpret_cast<const char*>(out),
                       static_cast<std::size_t>(sb_stemmer_length(s.stemmer)));
}

TermRules::TermRules(const Lexicon& lexicon, const std::vector<std::vector<std::string>>& synonyms) {
    for (const auto* list :
         {&lexicon.stop_words, &lexicon.question_words, &lexicon.joiners, &lexicon.fillers}) {
        ignored_.insert(list->begin(), list->end());
    }
    for (const auto& group : synonyms) {
        if (group.empty()) continue;
        const std::string head = stem(group.front());
        for (const std::string& word : group) synonym_of_.try_emplace(stem(word), head);
    }
}

std::vector<std::string> TermRules::terms(std::string_view normalized) const {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < normalized.size()) {
        const std::size_t end = std::min(normalized.find(' ', start), normalized.size());
        std::string_view word = normalized.substr(start, end - start);
        start = end + 1;
        // "7.5%" and "7.5" are one term: people drop the sign ("the other site said 7.5").
        while (!word.empty() &&
               (word.back() == '?' || word.back() == '.' || word.back() == ',' || word.back() == '%'))
            word.remove_suffix(1);
        // A lone digit ("9-5", "2 kids") says nothing a passage could answer by.
        const bool digit = word.size() == 1 && std::isdigit(static_cast<unsigned char>(word.front())) != 0;
        if (word.empty() || digit || ignored_.contains(std::string(word))) continue;
        std::string term = stem(word);
        if (auto it = synonym_of_.find(term); it != synonym_of_.end()) term = it->second;
        out.push_back(std::move(term));
    }
    return out;
}

PassageIndex::PassageIndex(const knowledge::KnowledgeBase& knowledge, const std::vector<Intent>& intents,
                           const Lexicon& lexicon, TermRules rules)
    : rules_(std::move(rules)) {
    const auto topic = topic_of_facts(knowledge, intents);
    for (const knowledge::Fact& fact : knowledge.facts()) {
        auto owner = topic.find(fact.id);
        if (owner == topic.end()) continue;
        add(Passage{owner->second, &fact, -1}, fact.text, lexicon);
        for (std::size_t i = 0; i < fact.items.size(); ++i) {
            add(Passage{owner->second, &fact, static_cast<int>(i)}, fact.items[i], lexicon);
        }
    }
    for (const Intent& intent : intents) {
        if (intent.kind == IntentKind::system) continue;
        for (const std::string& example : intent.examples)
            add(Passage{intent.id, nullptr, -1}, example, lexicon);
    }
    double total = 0;
    for (std::uint32_t length : lengths_) total += length;
    average_length_ = lengths_.empty() ? 1 : std::max(1.0, total / static_cast<double>(lengths_.size()));
}

void PassageIndex::add(Passage passage, std::string_view text, const Lexicon& lexicon) {
    const auto index = static_cast<std::uint32_t>(passages_.size());
    const std::vector<std::string> terms = rules_.terms(normalize(text, lexicon));
    passages_.push_back(std::move(passage));
    lengths_.push_back(static_cast<std::uint32_t>(terms.size()));
    std::unordered_set<std::string> pairs;
    for (std::size_t i = 0; i < terms.size(); ++i) {
        auto& list = postings_[terms[i]];
        if (!list.empty() && list.back().passage == index) {
            ++list.back().count;
        } else {
            list.push_back({index, 1});
        }
        if (i + 1 < terms.size()) pairs.insert(terms[i] + " " + terms[i + 1]);
    }
    pairs_.push_back(std::move(pairs));
}

bool PassageIndex::example_holds(std::string_view intent, const std::string& term) const {
    auto it = postings_.find(term);
    if (it == postings_.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](const Posting& p) {
        return passages_[p.passage].fact == nullptr && passages_[p.passage].intent == intent;
    });
}

std::vector<PassageHit> PassageIndex::search(std::string_view normalized, std::size_t max_hits) const {
    std::vector<std::string> terms = rules_.terms(normalized);
    if (terms.size() > max_query_terms) terms.resize(max_query_terms);
    constexpr double k1 = 1.2, b = 0.75, pair_bonus = 1.0;
    const double n = static_cast<double>(passages_.size());
    struct Tally {
        double score = 0;
        std::uint32_t matched = 0;
    };
    std::unordered_map<std::uint32_t, Tally> scores;
    std::vector<std::string> seen;
    for (const std::string& term : terms) {
        if (std::find(seen.begin(), seen.end(), term) != seen.end()) continue;
        seen.push_back(term);
        auto it = postings_.find(term);
        if (it == postings_.end()) continue;
        const double df = static_cast<double>(it->second.size());
        const double idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
        for (const Posting& p : it->second) {
            const double tf = p.count;
            const double norm = k1 * (1 - b + b * lengths_[p.passage] / average_length_);
            Tally& t = scores[p.passage];
            t.score += idf * tf * (k1 + 1) / (tf + norm);
            ++t.matched;
        }
    }
    std::vector<PassageHit> hits;
    hits.reserve(scores.size());
    for (auto [passage, tally] : scores) {
        for (std::size_t i = 0; i + 1 < terms.size(); ++i) {
            if (pairs_[passage].contains(terms[i] + " " + terms[i + 1])) tally.score += pair_bonus;
        }
        hits.push_back({passage, tally.score, tally.matched});
    }
    const std::size_t keep = std::min(max_hits, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(keep), hits.end(),
                      [](const PassageHit& x, const PassageHit& y) {
                          return x.score != y.score ? x.score > y.score : x.passage < y.passage;
                      });
    hits.resize(keep);
    return hits;
}

}  // namespace intents
