#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analytics/store.hpp"
#include "intents/lexicon.hpp"

namespace analytics {

// Unanswered questions that ask the same thing, worded alike.
struct QuestionGroup {
    std::string text;  // the most frequent wording of the group's most frequent form (ties: the latest)
    std::vector<std::string> examples;  // other wordings, up to max_examples, most frequent first
    std::vector<std::string> words;     // the content words of its main form
    std::string intent;                 // what its questions were answered with, most often (first part)
    std::uint64_t count = 0, fallback = 0, not_covered = 0;
    std::int64_t first_seen_ms = 0, last_seen_ms = 0;
};

constexpr std::size_t max_examples = 3;
// The most groups one form is compared with (the biggest, oldest first); past them it starts a group of
// its own. Real questions never come near it; it bounds a hostile store's worst case at O(n) per form.
constexpr std::size_t max_compared_groups = 64;

// The content words of a question: its normal form (normalize()) without the lexicon's stop words,
// question words, joiners and fillers, sorted and unique.
std::vector<std::string> content_words(const std::string& question, const intents::Lexicon& lexicon);

// Groups questions in two steps: the same normal form without question marks (so case, punctuation,
// typos and shorthand do not split a group), then forms whose content words overlap: they share at least two
// and at least half of the words of the two together (Jaccard >= 0.5), or have the same single content word.
// A form joins the biggest group it overlaps with (of the first max_compared_groups it could overlap with).
// Groups come biggest first, then most recent first. Pure; O(n log n) for n questions of real wording.
// `max_compared`: the most groups one form is compared with (tests lift it to check the index alone).
std::vector<QuestionGroup> group_questions(const std::vector<QuestionRow>& questions,
                                           const intents::Lexicon& lexicon,
                                           std::size_t max_compared = max_compared_groups);

}  // namespace analytics
