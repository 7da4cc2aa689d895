#pragma once

#include <cstddef>

namespace intents {

// Bounds on the work one message may cost. respond() runs on the server's I/O thread, and any caller
// (`career-advisor ask`, tests, other programs) can pass text of any length, so every step whose cost
// grows faster than the text, or per item of it, is bounded here, in the library, not by the protocol's
// 1,000-character limit. With them no message costs more than about 1 ms (docs/performance.md,
// "Adversarial messages"). Normal questions stay well inside every bound: of the questions in
// tests/data, the intents' examples and chips, the largest reach 53 words, 6 clauses, 4 words
// checked for typos, 23 words of context and 4 values of one entity kind, so the bounds change no
// answer to them (docs/intents.md, "Bounds").

// Words of a message that are read (normalize(), normalize_clauses()); the rest of the message is
// ignored. 1,000 characters hold up to 500 one-letter words.
inline constexpr std::size_t max_message_words = 200;

// Clauses a message is cut into (normalize_clauses()); later clauses are ignored. Each clause is
// matched on its own, and as many as there are may each become a part of the answer.
inline constexpr std::size_t max_message_clauses = 16;

// Words of a message checked for typos (step 7 of normalize()): each check hashes every variant
// of the word with up to two letters deleted, about L^2 of them for L letters. Later unknown
// words are left as written.
inline constexpr std::size_t max_typo_checks = 8;

// Longest word checked for typos. The lexicon also stops at its longest word + 2 letters (no longer
// word is within two edits of any); this caps the variants of one word at 1 + 24 + 24 * 23 = 577
// whatever the vocabulary holds.
inline constexpr std::size_t max_typo_word_letters = 24;

// Words of context clauses ("I'm 34, I live in Austin, how do I start?") carried into the question
// after them: the latest ones. Each clause is matched with its context, so without this bound a
// message of many context clauses costs the square of its length.
inline constexpr std::size_t max_context_words = 50;

// Values of one entity kind a question names (EntityExtractor::extract(), and the context a client
// sends back): the first ones. Answers grow with them, a line per amount and figure, and each line
// is compared with those before it.
inline constexpr std::size_t max_values_per_kind = 6;

}  // namespace intents
