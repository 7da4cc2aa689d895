#include <algorithm>
#include <string>
#include <vector>

#include "channels/render.hpp"
#include "intents/composer.hpp"
#include "table.hpp"

namespace channels {

namespace {

// The GSM 03.38 default alphabet and its extension table (each extension character takes two septets).
constexpr std::u32string_view gsm_basic =
    U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    U"abcdefghijklmnopqrstuvwxyzäöñüà";
constexpr std::u32string_view gsm_extension = U"^{}\\[~]|€\f";

std::u32string decode_utf8(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
        char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k <= extra && i + static_cast<std::size_t>(k) < s.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        }
        out += cp;
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

}  // namespace

Segments sms_segments(std::string_view utf8) {
    const std::u32string text = decode_utf8(utf8);
    Segments s;
    for (char32_t c : text) {
        if (gsm_basic.find(c) != std::u32string_view::npos) {
            s.units += 1;
        } else if (gsm_extension.find(c) != std::u32string_view::npos) {
            s.units += 2;
        } else {
            s.gsm7 = false;
            break;
        }
    }
    if (!s.gsm7) {
        s.units = 0;
        for (char32_t c : text) s.units += c > 0xFFFF ? 2 : 1;
    }
    const std::size_t single = s.gsm7 ? 160 : 70;
    const std::size_t part = s.gsm7 ? 153 : 67;
    s.count = s.units == 0 ? 0 : s.units <= single ? 1 : (s.units + part - 1) / part;
    return s;
}

std::string gsm_punctuation(std::string_view utf8) {
    static const std::pair<std::string_view, std::string_view> swaps[] = {
        {"\u2013", "-"}, {"\u2014", "-"}, {"\u2212", "-"},  {"\u2026", "..."},
        {"\u2018", "'"}, {"\u2019", "'"}, {"\u201C", "\""}, {"\u201D", "\""},
        {"\u00A0", " "}, {"\u2009", " "}, {"\u202F", " "},  {"\u2022", "-"},
    };
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        bool swapped = false;
        for (const auto& [from, to] : swaps) {
            if (utf8.substr(i, from.size()) == from) {
                out += to;
                i += from.size();
                swapped = true;
                break;
            }
        }
        if (!swapped) out += utf8[i++];
    }
    return out;
}

namespace {

// One piece the brief rendering may take whole: a sentence, a list item or a salary row, and what goes
// before it when it follows another piece.
struct Piece {
    std::string text;
    std::string before;  // " " within a paragraph, "\n" for a new line
};

void add_sentences(std::vector<Piece>& pieces, const std::string& text) {
    std::size_t line_start = 0;
    while (line_start <= text.size()) {
        std::size_t line_end = text.find('\n', line_start);
        if (line_end == std::string::npos) line_end = text.size();
        const std::string line = text.substr(line_start, line_end - line_start);
        if (line.starts_with("- ")) {
            pieces.push_back({line, "\n"});
        } else if (!line.empty()) {
            std::size_t start = 0;
            bool first = true;
            for (std::size_t i = 0; i < line.size(); ++i) {
                if (!intents::ends_sentence(line, i) && i + 1 != line.size()) continue;
                std::string sentence = line.substr(start, i + 1 - start);
                sentence.erase(0, sentence.find_first_not_of(' '));
                if (!sentence.empty()) pieces.push_back({sentence, first ? "\n" : " "});
                first = false;
                start = i + 1;
            }
        }
        line_start = line_end + 1;
    }
}

std::vector<Piece> pieces_of(const intents::Answer& answer) {
    std::vector<Piece> pieces;
    bool rows_given = false;
    for (const intents::AnswerPart& part : answer.parts) {
        if (!answer.salary_rows.empty() && part.states_pay) {
            if (rows_given) continue;
            rows_given = true;
            // "The guides give no pay figures for Chicago." must come before the national figures that follow
            // it.
            if (part.not_covered) {
                std::vector<Piece> sentences;
                add_sentences(sentences, part.text);
                if (!sentences.empty()) pieces.push_back(sentences.front());
            }
            // The population's own figures first; the all-workers baseline only if room is left.
            for (bool comparison : {false, true}) {
                for (const intents::DataRow& row : answer.salary_rows) {
                    if (row.comparison == comparison)
                        pieces.push_back({row.label + ": " + figure_text(row, true), "\n"});
                }
            }
            continue;
        }
        add_sentences(pieces, part.text);
    }
    if (pieces.empty()) add_sentences(pieces, answer.text);
    for (Piece& piece : pieces) piece.text = gsm_punctuation(piece.text);
    return pieces;
}

// Shorter than this, a piece cut to fit says too little to be worth its room.
constexpr std::size_t min_cut_chars = 40;

// `text` cut at a word so that `fits(cut + "...")`, with the "..."; "" when not even one word fits.
template <class Fits>
std::string cut_at_word(const std::string& text, const Fits& fits) {
    std::size_t end = text.size();
    while (end > 0) {
        end = text.rfind(' ', end - 1);
        if (end == std::string::npos) break;
        std::string candidate = text.substr(0, end);
        while (!candidate.empty() &&
               (candidate.back() == ',' || candidate.back() == ';' || candidate.back() == ':')) {
            candidate.pop_back();
        }
        if (fits(candidate + "...")) return candidate + "...";
        if (end == 0) break;
    }
    return {};
}

}  // namespace

std::string brief_text(const intents::Answer& answer, const Wording& wording,
                       const intents::AnswerStyle& style, std::size_t max_segments, bool with_links) {
    std::string tail;
    if (const std::string names = publishers(answer, with_links); !names.empty()) {
        tail += "\n" + gsm_punctuation(fill(wording.sms_sources, "sources", names));
    }
    const bool held_back = std::find(answer.suggestions.begin(), answer.suggestions.end(),
                                     style.tell_me_more) != answer.suggestions.end();
    if (held_back) tail += "\n" + gsm_punctuation(wording.sms_more);
    auto fits = [&](const std::string& body) { return sms_segments(body + tail).count <= max_segments; };

    std::string body;
    std::size_t taken = 0;
    const std::vector<Piece> pieces = pieces_of(answer);
    for (const Piece& piece : pieces) {
        const std::string candidate = body.empty() ? piece.text : body + piece.before + piece.text;
        if (!fits(candidate)) break;
        body = candidate;
        ++taken;
    }
    // The piece that did not fit whole is given in part, cut at a word, when that leaves something worth
    // reading (a first sentence too long alone must be; a list's first item after its intro should be).
    if (taken < pieces.size()) {
        const std::string prefix = body.empty() ? std::string() : body + pieces[taken].before;
        const std::string cut =
            cut_at_word(pieces[taken].text, [&](const std::string& part) { return fits(prefix + part); });
        if (taken == 0 || cut.size() >= min_cut_chars) {
            body = prefix + cut;
            ++taken;
        }
    }
    // An intro that announces a list ("...lists these skills:") says nothing without its items.
    if (taken > 1 && taken <= pieces.size() && body.ends_with(":")) {
        body.resize(body.size() - pieces[taken - 1].text.size() - pieces[taken - 1].before.size());
    }
    if (!fits(body)) return body;  // no room for the tail: the answer comes first
    return body.empty() ? tail.substr(1) : body + tail;
}

std::string twiml_message(std::string_view text) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>";
    if (!text.empty()) out += "<Message>" + escape_markup(text, true) + "</Message>";
    return out + "</Response>";
}

}  // namespace channels
