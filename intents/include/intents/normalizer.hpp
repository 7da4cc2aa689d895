#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "intents/lexicon.hpp"

namespace intents {

// Turns raw user text into the canonical form that patterns and entity aliases are written for.
// Deterministic and pure; the steps, in order:
//  1. UTF-8 curly quotes and dashes become ASCII, Latin letters with accents (U+00C0-U+00FF) their plain
//     letters ("é" -> "e", "ß" -> "ss"), the signs €, £, ₹ and ¥ their names ("euros"…); other non-ASCII
//     characters become spaces;
//  2. lower case;
//  3. punctuation becomes a space, except `$`, `%`, `?`, `+` and a dot or comma inside a number;
//  4. runs of three or more of the same letter shrink to two ("sooo" -> "soo");
//  5. "120k" / "$120k" becomes "120000" / "$120000"; commas inside numbers are dropped;
//  6. shorthand words are expanded from the lexicon ("devs" -> "developers", "sf" -> "san francisco");
//  7. a word of five or more letters not in the vocabulary is replaced by the one vocabulary word
//     within edit distance 1 (2 for words of eight or more letters), if exactly one is that close
//     (a corrected word that is shorthand is then expanded: "backened" -> "backend" -> "back end");
//  8. filler words ("actually", "basically") are dropped;
//  9. spaces are collapsed and trimmed.
// Bounded (message_bounds.hpp): only the first max_message_words words are read, the rest of the
// text is ignored; only the first max_typo_checks unknown words are checked for typos, and none
// longer than lexicon.typo_word_limit(); later and longer ones are left as written.
std::string normalize(std::string_view text, const Lexicon& lexicon);

// Step 7 on one word, with what it cost: the word itself, or the vocabulary word it corrects to.
// Words too short, too long (over lexicon.typo_word_limit()), not all letters or in the vocabulary
// cost nothing; any other costs at most 1 + L + L(L - 1) variants for L letters. A word of the English
// dictionary (lexicon.english) corrects only to a vocabulary word that starts with it or that it starts with.
struct TypoCorrection {
    std::string word;
    std::size_t variants = 0;    // the word with up to two letters deleted, hashed and looked up
    std::size_t candidates = 0;  // vocabulary words found that way and compared by edit distance
};
TypoCorrection correct_typo(const std::string& word, const Lexicon& lexicon);

// A piece of a message, normalised. `question` when it reads as a question of its own: it starts
// with a question word or ended in "?" or "!"; other clauses ("I panic under pressure, ...") are
// usually context for the clause after them.
struct Clause {
    std::string text;
    bool question = false;
};

// The clauses of a message: the raw text is cut at ? ! ; :, at a "+" between spaces, and at a comma
// or full stop followed by a space, then at "and"/"also"/"plus"/"then" when a question word follows ("what
// skills do i need and what does it pay"). Empty clauses are dropped. Bounded as normalize() is, over the
// whole message, and to the first max_message_clauses clauses: the rest of the message is ignored.
std::vector<Clause> normalize_clauses(std::string_view text, const Lexicon& lexicon);

// The words of a message as written: steps 1-4 only (accents folded, lower case, punctuation a space), no
// shorthand, typo correction or fillers, so a word of another language is not read as the English word it
// is one letter from ("mejor" stays "mejor", not "major"). Bounded as normalize() is.
std::vector<std::string> written_words(std::string_view text);

// The words of a text split at spaces, empty ones dropped.
std::vector<std::string> split_words(const std::string& text);

// Levenshtein distance, stopping early once it exceeds `limit` (then returns limit + 1).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

}  // namespace intents
