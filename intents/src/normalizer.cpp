#include "intents/normalizer.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "intents/message_bounds.hpp"

namespace intents {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// Step 1: map the few UTF-8 punctuation marks people type (or phones insert) to ASCII, and signs of
// currencies other than the dollar to their names.
std::string fold_unicode(std::string_view in) {
    struct Mapping {
        std::string_view utf8;
        std::string_view ascii;
    };
    static constexpr Mapping mappings[] = {
        {"\xE2\x80\x98", "'"},
        {"\xE2\x80\x99", "'"},
        {"\xE2\x80\x9C", "\""},
        {"\xE2\x80\x9D", "\""},
        {"\xE2\x80\x93", "-"},
        {"\xE2\x80\x94", "-"},
        {"\xE2\x80\x90", "-"},
        {"\xE2\x80\x91", "-"},
        {"\xE2\x80\xA6", "."},
        {"\xC2\xA0", " "},
        {"\xEF\xBC\x9F", "?"},
        // Currencies other than the dollar are words, so that "52k€" is not read as $52,000.
        {"\xE2\x82\xAC", " euros "},
        {"\xC2\xA3", " pounds "},
        {"\xE2\x82\xB9", " rupees "},
        {"\xC2\xA5", " yen "},
    };
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        const auto byte = static_cast<unsigned char>(in[i]);
        if (byte < 0x80) {
            out.push_back(in[i]);
            ++i;
            continue;
        }
        bool mapped = false;
        for (const Mapping& m : mappings) {
            if (in.substr(i).starts_with(m.utf8)) {
                out.append(m.ascii);
                i += m.utf8.size();
                mapped = true;
                break;
            }
        }
        if (mapped) continue;
        // Latin letters with accents lose them ("développeur", "cuánto", "résumé"), as people often type
        // them without: U+00C0 to U+00FF, two bytes starting 0xC3.
        if (byte == 0xC3 && i + 1 < in.size() && (static_cast<unsigned char>(in[i + 1]) & 0xC0) == 0x80) {
            static constexpr std::string_view latin1[64] = {
                "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
                "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "ss",
                "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
                "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "y"};
            out.append(latin1[static_cast<unsigned char>(in[i + 1]) - 0x80]);
            i += 2;
            continue;
        }
        // And those of Latin Extended-A, U+0100 to U+017F ("Cześć", "przyszłość", "Dobrý"): two bytes
        // starting 0xC4 or 0xC5.
        if ((byte == 0xC4 || byte == 0xC5) && i + 1 < in.size() &&
            (static_cast<unsigned char>(in[i + 1]) & 0xC0) == 0x80) {
            static constexpr std::string_view extended_a[128] = {
                "a", "a", "a",  "a",  "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
                "d", "d", "e",  "e",  "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
                "g", "g", "g",  "g",  "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
                "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
                "l", "l", "l",  "n",  "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
                "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
                "s", "s", "t",  "t",  "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
                "u", "u", "u",  "u",  "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s"};
            out.append(extended_a[((byte - 0xC4) << 6) | (static_cast<unsigned char>(in[i + 1]) & 0x3F)]);
            i += 2;
            continue;
        }
        // Cyrillic, U+0400 to U+045F, is written in Latin letters ("сколько" -> "skolko", "бэкенд" ->
        // "bekend"), so that the lexicon's translations can read a Russian or Ukrainian question: two bytes
        // starting 0xD0 or 0xD1.
        if ((byte == 0xD0 || byte == 0xD1) && i + 1 < in.size() &&
            (static_cast<unsigned char>(in[i + 1]) & 0xC0) == 0x80) {
            const unsigned code = ((byte & 0x1Fu) << 6) | (static_cast<unsigned char>(in[i + 1]) & 0x3Fu);
            if (code >= 0x400 && code < 0x460) {
                // а..я (and А..Я), then ѐ..џ (and Ѐ..Џ): the letters Russian and Ukrainian write.
                static constexpr std::string_view basic[32] = {
                    "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
                    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};
                static constexpr std::string_view extra[16] = {"e", "e",  "dj", "g", "ye", "dz", "i", "yi",
                                                               "j", "lj", "nj", "c", "k",  "i",  "u", "dz"};
                if (code >= 0x410 && code < 0x450)
                    out.append(basic[(code - 0x410) % 32]);
                else
                    out.append(extra[code % 16]);
                i += 2;
                continue;
            }
        }
        out.push_back(' ');
        ++i;
        while (i < in.size() && (static_cast<unsigned char>(in[i]) & 0xC0) == 0x80)
            ++i;  // continuation bytes
    }
    return out;
}

// Steps 2-4.
std::string clean_characters(const std::string& in) {
    std::string out;
    out.reserve(in.size() + 8);
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = static_cast<char>(std::tolower(static_cast<unsigned char>(in[i])));
        const bool between_digits = i > 0 && i + 1 < in.size() && is_digit(in[i - 1]) && is_digit(in[i + 1]);
        if (is_lower(c) || is_digit(c) || c == '$' || c == '%' || c == '+') {
            // Step 4: a third repeat of a letter is dropped.
            if (is_lower(c) && out.size() >= 2 && out[out.size() - 1] == c && out[out.size() - 2] == c)
                continue;
            out.push_back(c);
        } else if (c == '\'') {
            // "what's" -> "whats": apostrophes join rather than split words.
        } else if (c == '/' && i > 0 && (is_digit(in[i - 1]) || in[i - 1] == 'k' || in[i - 1] == 'K')) {
            // "$150/hr", "8k/mo": a sum per period, as "per hr" and "per mo" read.
            out += " per ";
        } else if ((c == '.' || c == ',') && between_digits) {
            if (c == '.') out.push_back('.');  // 7.5 stays; 125,000 becomes 125000
        } else if (c == '?') {
            out += " ? ";
        } else {
            out.push_back(' ');
        }
    }
    return out;
}

// Step 5: "120k" -> "120000" ("250k+" -> "250000+"), "$1.5k" stays as written digits times 1000 when whole.
std::string expand_thousands(std::string_view word) {
    if (word.size() >= 3 && word.back() == '+')
        return expand_thousands(word.substr(0, word.size() - 1)) + '+';
    if (word.size() < 2 || word.back() != 'k') return std::string(word);
    const std::size_t start = word.front() == '$' ? 1 : 0;
    const std::string_view digits = word.substr(start, word.size() - start - 1);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_digit)) return std::string(word);
    std::string out(word.substr(0, word.size() - 1));
    out += "000";
    return out;
}

bool is_word(const std::string& w) { return std::all_of(w.begin(), w.end(), is_lower); }

// What a word finally stands for: its shorthand expansion, or itself.
const std::string& meaning(const std::string& word, const Lexicon& lexicon) {
    auto it = lexicon.shorthand.find(word);
    return it == lexicon.shorthand.end() ? word : it->second;
}

// `word` with every choice of up to `depth` letters deleted (the word itself included), as hashes
// (std::hash of a string_view equals that of a string with the same text).
void deletion_hashes(std::string_view word, std::size_t depth, std::vector<std::size_t>& out) {
    out.push_back(std::hash<std::string_view>{}(word));
    if (depth == 0 || word.empty()) return;
    std::string shorter;  // one buffer for every deletion at this depth
    shorter.reserve(word.size());
    for (std::size_t i = 0; i < word.size(); ++i) {
        // Deleting either of two equal neighbours gives the same word: skip the repeat.
        if (i > 0 && word[i] == word[i - 1]) continue;
        shorter.assign(word.substr(0, i)).append(word.substr(i + 1));
        deletion_hashes(shorter, depth - 1, out);
    }
}

}  // namespace

// Step 7. Candidates come from the symmetric-delete index: any word within OSA distance d of the input
// shares a variant with it after at most d deletions on each side. They are then checked in vocabulary
// order, as a full scan would. Candidates that mean the same ("salary" and the listed misspelling
// "salery") do not tie. The variants grow with the cube of the word's length (L^2 variants of L
// letters each), hence the length limit.
TypoCorrection correct_typo(const std::string& word, const Lexicon& lexicon) {
    TypoCorrection out{word};
    if (word.size() < 5 || word.size() > lexicon.typo_word_limit() || !is_word(word)) return out;
    if (std::binary_search(lexicon.vocabulary.begin(), lexicon.vocabulary.end(), word)) return out;
    const bool english = std::binary_search(lexicon.english.begin(), lexicon.english.end(), word);
    const std::size_t limit = word.size() >= 8 ? 2 : 1;
    std::vector<std::size_t> variants;
    deletion_hashes(word, limit, variants);
    out.variants = variants.size();
    std::vector<std::uint32_t> candidates;
    for (std::size_t h : variants) {
        for (const Lexicon::TypoEntry& entry : lexicon.typo_entries(h)) candidates.push_back(entry.second);
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    out.candidates = candidates.size();

    const std::string* best = nullptr;
    std::size_t best_distance = limit + 1;
    bool tie = false;
    for (std::uint32_t id : candidates) {
        const std::string& candidate = lexicon.vocabulary[id];
        if (english && !candidate.starts_with(word) && !word.starts_with(candidate)) continue;
        const std::size_t d = edit_distance(word, candidate, limit);
        if (d < best_distance) {
            best = &candidate;
            best_distance = d;
            tie = false;
        } else if (d == best_distance && best != nullptr &&
                   meaning(candidate, lexicon) != meaning(*best, lexicon)) {
            tie = true;
        }
    }
    if (best != nullptr && !tie) out.word = *best;
    return out;
}

Lexicon::Lexicon(LexiconWords words) : LexiconWords(std::move(words)) {
    std::sort(vocabulary.begin(), vocabulary.end());
    vocabulary.erase(std::unique(vocabulary.begin(), vocabulary.end()), vocabulary.end());
    if (!std::is_sorted(english.begin(), english.end()))  // the loader's list comes sorted
        std::sort(english.begin(), english.end());
    english.erase(std::unique(english.begin(), english.end()), english.end());
    std::vector<std::size_t> hashes;
    std::vector<TypoEntry> entries;
    std::size_t longest = 0;
    for (std::size_t id = 0; id < vocabulary.size(); ++id) {
        const std::string& word = vocabulary[id];
        if (word.size() < 3 || !is_word(word)) continue;  // inputs of 5+ letters are at most 2 edits away
        longest = std::max(longest, word.size());
        hashes.clear();
        deletion_hashes(word, 2, hashes);
        std::sort(hashes.begin(), hashes.end());  // "letter" less either t is one variant, indexed once
        hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
        for (std::size_t h : hashes) entries.emplace_back(h, static_cast<std::uint32_t>(id));
    }
    // A bucket sort on the hashes' top bits, which the directory needs anyway, then each small bucket
    // sorted: one sort of the whole index was most of a reload's time.
    typo_directory_.assign((std::size_t{1} << typo_directory_bits) + 1, 0);
    for (const TypoEntry& entry : entries) ++typo_directory_[(entry.first >> directory_shift) + 1];
    for (std::size_t i = 1; i < typo_directory_.size(); ++i) typo_directory_[i] += typo_directory_[i - 1];
    typo_index_.resize(entries.size());
    std::vector<std::uint32_t> next(typo_directory_.begin(), typo_directory_.end() - 1);
    for (const TypoEntry& entry : entries) typo_index_[next[entry.first >> directory_shift]++] = entry;
    for (std::size_t b = 0; b + 1 < typo_directory_.size(); ++b) {
        if (typo_directory_[b + 1] - typo_directory_[b] > 1)
            std::sort(typo_index_.begin() + typo_directory_[b], typo_index_.begin() + typo_directory_[b + 1]);
    }
    typo_word_limit_ = std::min(longest + 2, max_typo_word_letters);
}

std::span<const Lexicon::TypoEntry> Lexicon::typo_entries(std::size_t variant_hash) const {
    if (typo_directory_.empty()) return {};
    const std::size_t prefix = variant_hash >> directory_shift;
    const auto first = typo_index_.begin() + typo_directory_[prefix];
    const auto last = typo_index_.begin() + typo_directory_[prefix + 1];
    auto from = std::lower_bound(first, last, TypoEntry{variant_hash, 0});
    auto to = from;
    while (to != last && to->first == variant_hash) ++to;
    return {from, to};
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    // Optimal string alignment: insert, delete, substitute, or swap two adjacent letters ("slaary").
    // Three rows of one buffer, rotated: no allocation per row.
    const std::size_t width = b.size() + 1;
    std::vector<std::size_t> rows(3 * width);
    std::size_t* two_back = rows.data();
    std::size_t* previous = two_back + width;
    std::size_t* current = previous + width;
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t row_min = current[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                current[j] = std::min(current[j], two_back[j - 2] + 1);
            }
            row_min = std::min(row_min, current[j]);
        }
        if (row_min > limit) return limit + 1;
        std::swap(two_back, previous);  // the old two-back row is overwritten next
        std::swap(previous, current);
    }
    return std::min(previous[b.size()], limit + 1);
}

std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> words;
    std::string current;
    for (char c : text) {
        if (c == ' ') {
            if (!current.empty()) words.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    if (!current.empty()) words.push_back(std::move(current));
    return words;
}

namespace {

// What is left of one message's bounds (message_bounds.hpp) while it is read.
struct Budget {
    std::size_t words = max_message_words;
    std::size_t typo_checks = max_typo_checks;
};

// Appends the normalised words of `text` to `words`: a shorthand that expands to several words
// ("sf" -> "san francisco") adds each.
void normalize_within(std::string_view text, const Lexicon& lexicon, Budget& budget,
                      std::vector<std::string>& words) {
    const std::string cleaned = clean_characters(fold_unicode(text));
    const std::string_view rest(cleaned);
    for (std::size_t start = rest.find_first_not_of(' ');
         start != std::string_view::npos && budget.words > 0;) {
        const std::size_t end = std::min(rest.find(' ', start), rest.size());
        std::string word = expand_thousands(rest.substr(start, end - start));
        start = rest.find_first_not_of(' ', end);
        --budget.words;
        auto expanded = lexicon.shorthand.find(word);
        if (expanded == lexicon.shorthand.end() && budget.typo_checks > 0) {
            TypoCorrection corrected = correct_typo(word, lexicon);
            if (corrected.variants > 0) --budget.typo_checks;
            if (corrected.word != word) {
                word = std::move(corrected.word);
                expanded = lexicon.shorthand.find(word);
            }
        }
        const std::string& meant = expanded == lexicon.shorthand.end() ? word : expanded->second;
        if (std::find(lexicon.fillers.begin(), lexicon.fillers.end(), meant) != lexicon.fillers.end())
            continue;
        if (meant.find(' ') == std::string::npos) {
            if (!meant.empty()) words.push_back(meant);
            continue;
        }
        for (std::string& piece : split_words(meant)) words.push_back(std::move(piece));
    }
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) {
        if (!out.empty()) out.push_back(' ');
        out += w;
    }
    return out;
}

}  // namespace

std::vector<std::string> written_words(std::string_view text) {
    std::vector<std::string> words = split_words(clean_characters(fold_unicode(text)));
    if (words.size() > max_message_words) words.resize(max_message_words);
    return words;
}

std::string normalize(std::string_view text, const Lexicon& lexicon) {
    Budget budget;
    std::vector<std::string> words;
    normalize_within(text, lexicon, budget, words);
    return joined(words);
}

namespace {

bool among(const std::vector<std::string>& words, const std::string& word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

struct Piece {
    std::string text;
    bool asked = false;  // ended in ? or !, or is an item of a numbered list
};

// The length of a list number at `i` ("2)", "(2)", "2.", "a)", "(c)" once `lettered`), or 0. Only at a word's
// start: "7.5" and "C++" are no list numbers.
std::size_t list_number(std::string_view text, std::size_t i, bool lettered) {
    if (i > 0 && text[i - 1] != ' ' && text[i - 1] != '\n') return 0;
    std::size_t j = i;
    if (j < text.size() && text[j] == '(') ++j;
    // A letter item, "(a)" or "b)": one letter of a to h, closed by a parenthesis; "b)" to "h)" only after an
    // "a)" item, so that "plan b) is a bootcamp" stays one clause.
    const char letter =
        static_cast<char>(std::tolower(static_cast<unsigned char>(j < text.size() ? text[j] : ' ')));
    const bool item_letter = letter == 'a' || (lettered && letter >= 'b' && letter <= 'h');
    if (j + 1 < text.size() && item_letter && text[j + 1] == ')') return j + 2 - i;
    const std::size_t digits_from = j;
    while (j < text.size() && j - digits_from < 2 && std::isdigit(static_cast<unsigned char>(text[j])) != 0)
        ++j;
    if (j == digits_from) return 0;
    if (j < text.size() && text[j] == ')') return j + 1 - i;
    const bool dot = j < text.size() && text[j] == '.' && text[i] != '(';
    return dot && (j + 1 >= text.size() || text[j + 1] == ' ') ? j + 1 - i : 0;
}

// Cuts raw text at clause punctuation, line breaks and list numbers ("1) what languages 2) sql or nosql");
// a comma or full stop counts only before a space (so 125,000 and 7.5 stay whole).
std::vector<Piece> cut_at_punctuation(std::string_view text) {
    std::vector<Piece> pieces;
    Piece current;
    bool lettered = false;  // an "a)" item was seen: "b)", "c)" … are items too
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (const std::size_t number = list_number(text, i, lettered); number > 0) {
            lettered = lettered || std::isalpha(static_cast<unsigned char>(text[i + number - 2])) != 0;
            pieces.push_back(std::move(current));
            current = Piece{};
            current.asked = true;  // each item of the list is a question of its own
            i += number - 1;
            continue;
        }
        const char c = text[i];
        if (c == '\n') {
            pieces.push_back(std::move(current));
            current = Piece{};
            continue;
        }
        const bool before_space = i + 1 >= text.size() || text[i + 1] == ' ';
        const bool after_space = i > 0 && text[i - 1] == ' ';
        // A "+" between spaces joins two questions ("what to learn + is the market good"); "C++" stays.
        const bool plus = c == '+' && before_space && after_space;
        if (c == '?' || c == '!' || c == ';' || c == ':' || plus ||
            ((c == ',' || c == '.') && before_space)) {
            current.asked = current.asked || c == '?' || c == '!';
            pieces.push_back(std::move(current));
            current = Piece{};
        } else {
            current.text.push_back(c);
        }
    }
    pieces.push_back(std::move(current));
    return pieces;
}

}  // namespace

std::vector<Clause> normalize_clauses(std::string_view text, const Lexicon& lexicon) {
    std::vector<Clause> clauses;
    auto flush = [&clauses, &lexicon](std::vector<std::string>& words, bool asked) {
        if (!words.empty() && clauses.size() < max_message_clauses) {
            std::size_t first = 0;
            while (first + 1 < words.size() && among(lexicon.joiners, words[first])) ++first;
            clauses.push_back(Clause{joined(words), asked || among(lexicon.question_words, words[first])});
        }
        words.clear();
    };
    Budget budget;  // one for the whole message
    std::vector<std::string> words, current;
    for (const Piece& piece : cut_at_punctuation(text)) {
        if (budget.words == 0 || clauses.size() >= max_message_clauses) break;
        words.clear();
        normalize_within(piece.text, lexicon, budget, words);
        for (std::size_t i = 0; i < words.size(); ++i) {
            std::string& w = words[i];
            const bool joiner = among(lexicon.clause_joiners, w);
            if (joiner && !current.empty() && i + 1 < words.size() &&
                among(lexicon.question_words, words[i + 1])) {
                flush(current, false);
                continue;
            }
            if (w != "?") current.push_back(std::move(w));
        }
        flush(current, piece.asked);
    }
    return clauses;
}

}  // namespace intents
