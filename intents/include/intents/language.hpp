#pragma once
// Whether a message is written in a language other than English, from its words and its script. Pure: no
// I/O, no state; the lexicon holds the English dictionary and the domain's vocabulary it is judged against.

#include <string>
#include <string_view>
#include <vector>

#include "intents/lexicon.hpp"

namespace intents {

// True when a message reads as another language: half of its counted words, three at least, are neither in
// the dictionary (lexicon.json "dictionary"), the domain's vocabulary nor its shorthand ("zarabia",
// "vorrei", "kitni"); or three such words and two in five of its words in the lexicon's translations
// ("un", "la" are English words too); or most of its letters, four at least, are of a script other than
// Latin. A word counts when it has two letters or more and only a-z (digits and one-letter words count for
// neither side). `words` are the message's words as written (normalizer.hpp written_words: no typo
// correction, which would read "mejor" as "major"); `text` is the message as sent.
bool reads_as_other_language(const Lexicon& lexicon, const std::vector<std::string>& words,
                             std::string_view text);

// True when a word is in the English dictionary, the domain's vocabulary or its shorthand ("france", "was",
// "diploma" are English however translated).
bool is_english_word(const Lexicon& lexicon, const std::string& word);

// True when most letters of the text are of a script other than Latin (Greek to Ethiopic and Georgian,
// Devanagari among them; kana, CJK and Hangul), four at least. Accented Latin letters are Latin; punctuation,
// symbols, emoji and invalid UTF-8 count for neither side.
bool mostly_other_script(std::string_view text);

}  // namespace intents
