#include "intents/language.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "intents/utf8.hpp"

namespace intents {

namespace {

bool lowercase_word(const std::string& w) {
    return w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

// A translated word that is English too ("france", "was", "diploma") is English.
bool is_english_word(const Lexicon& lexicon, const std::string& w) {
    return std::binary_search(lexicon.english.begin(), lexicon.english.end(), w) ||
           std::binary_search(lexicon.vocabulary.begin(), lexicon.vocabulary.end(), w) ||
           lexicon.shorthand.contains(w);
}

bool reads_as_other_language(const Lexicon& lexicon, const std::vector<std::string>& words,
                             std::string_view text) {
    std::size_t counted = 0, foreign = 0, translated = 0;
    for (const std::string& w : words) {
        if (!lowercase_word(w)) continue;
        ++counted;
        if (!is_english_word(lexicon, w)) ++foreign;
        if (lexicon.translations.contains(w)) ++translated;
    }
    // Short words of other languages are often English too ("un", "la", "pena"): two in five words the
    // translations know, beside three no English, read as another language as well.
    return (foreign >= 3 && (2 * foreign >= counted || 5 * translated >= 2 * counted)) ||
           mostly_other_script(text);
}

bool mostly_other_script(std::string_view text) {
    std::size_t latin = 0, other = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            if (std::isalpha(byte)) ++latin;
            ++i;
            continue;
        }
        const std::size_t length = utf8_sequence(text, i);
        if (length == 0) {  // no valid sequence: a byte of nothing
            ++i;
            continue;
        }
        std::uint32_t code = static_cast<std::uint32_t>(byte & (0x7Fu >> length));
        for (std::size_t k = 1; k < length; ++k)
            code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
        if ((code >= 0x0370 && code < 0x1400) || (code >= 0x3040 && code < 0xD7B0))
            ++other;
        else if (code >= 0x00C0 && code < 0x0250)
            ++latin;
        i += length;
    }
    return other >= 4 && other > latin;
}

}  // namespace intents
