#include "figure_notes.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "knowledge/figure_text.hpp"
#include "template_text.hpp"

namespace intents {

namespace {

// Dollars the user names (their amount): unit "USD", no period.
constexpr const char* plain_dollars = "USD";

std::string money(double v, const knowledge::FigureWords& words) {
    knowledge::Figure f;
    f.value = std::round(v);
    f.unit = plain_dollars;
    return knowledge::describe(f, "", words);
}

// True when the question names `value` of `kind`.
bool names_value(const Entities& entities, const std::string& kind, const std::string& value) {
    auto it = entities.find(kind);
    return !value.empty() && it != entities.end() &&
           std::find(it->second.begin(), it->second.end(), value) != it->second.end();
}

std::string fill(std::string line, const knowledge::Figure& f, const knowledge::Fact& fact,
                 const std::string& source, const std::string& key, const std::string& value,
                 const knowledge::FigureWords& words) {
    replace_all(line, "{label}", f.label);
    replace_all(line, "{phrase}", f.phrase.empty() ? f.label : f.phrase);
    replace_all(line, "{figure}", knowledge::describe(f, fact.text, words));
    replace_all(line, "{source}", source);
    replace_all(line, key, value);
    return line;
}

// "a", "a and b", "a, b and c", in the style's words.
std::string joined(const std::vector<std::string>& items, const AnswerStyle& style) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? style.and_word : style.list_comma;
        out += items[i];
    }
    return out;
}

}  // namespace

std::vector<std::string> written_sums(const Entities& entities, const AnswerStyle& style) {
    std::vector<std::string> out;
    if (auto amounts = entities.find("amount"); amounts != entities.end()) {
        for (const std::string& amount : amounts->second)
            out.push_back(money(std::atof(amount.c_str()), style.figure_words));
    }
    return out;
}

const knowledge::Fact* reaching_fact(const FigureNotes& notes, const Entities& entities,
                                     const std::vector<YearlyFigure>& yearly,
                                     const knowledge::KnowledgeBase& kb) {
    if (notes.amount.reach_aspect.empty() || yearly.empty() || entities.contains("level") ||
        entities.contains("location") || entities.contains("pay_period"))
        return nullptr;
    auto amounts = entities.find("amount");
    if (amounts == entities.end() || amounts->second.size() != 1) return nullptr;
    // A sum said of another aspect ("the average is $300k") is weighed against that aspect's figures alone.
    if (auto aspects = entities.find("aspect");
        aspects != entities.end() &&
        std::any_of(aspects->second.begin(), aspects->second.end(),
                    [&](const std::string& a) { return a != notes.amount.reach_aspect; }))
        return nullptr;
    const double amount = std::atof(amounts->second.front().c_str());  // digits only (the extractor)
    const auto low_of = [](const knowledge::Figure& f) { return f.low ? *f.low : f.value.value_or(0); };
    const auto high_of = [](const knowledge::Figure& f) { return f.high ? *f.high : f.value.value_or(0); };
    const auto unbounded = [](const knowledge::Figure& f) {
        return f.open_ended || f.scope == knowledge::Scope::minimum;
    };
    for (const auto& [f, fact] : yearly) {
        if (fact->entities.contains("comparison_group")) continue;
        if (unbounded(*f) || amount <= high_of(*f)) return nullptr;  // a figure used reaches it already
    }
    const knowledge::Fact* best = nullptr;
    double best_low = -1;
    for (const knowledge::Fact* fact : kb.select("", "aspect", notes.amount.reach_aspect)) {
        for (const knowledge::Figure& f : fact->figures) {
            if (f.unit != "USD/year" || low_of(f) > amount) continue;
            if (!unbounded(f) && amount > high_of(f)) continue;
            if (!unbounded(f)) return fact;  // a closed range that holds it
            if (low_of(f) > best_low) {
                best = fact;
                best_low = low_of(f);
            }
        }
    }
    return best;
}

FigureNoteLines figure_notes(const FigureNotes& notes, const Entities& entities,
                             const std::vector<YearlyFigure>& yearly, const knowledge::KnowledgeBase& kb,
                             const AnswerStyle& style) {
    FigureNoteLines out;
    if (yearly.empty()) return out;
    std::vector<std::string>& lines = out.lines;
    auto source_of = [&kb](const knowledge::Fact* fact) {
        const knowledge::Source* s = kb.find_source(fact->source);
        return s ? s->publisher : fact->source;
    };

    auto amounts = entities.find("amount");
    // A sum per hour, week or month ("$50/hr") is not set against yearly figures: the pay-period gap says so.
    if (amounts == entities.end() || notes.amount.below.empty() || entities.contains("pay_period"))
        return out;
    // Compare with the figures of the level or place the question names; with none named, with
    // every back-end figure used (not the all-workers comparison).
    // Every place named: "every figure below" must hold of each one listed.
    const bool none_named = !entities.contains("level") && !entities.contains("location");
    std::vector<std::pair<const knowledge::Figure*, const knowledge::Fact*>> relevant;
    for (const auto& entry : yearly) {
        const knowledge::Figure& f = *entry.first;
        if (entry.second->entities.contains("comparison_group")) continue;
        const bool named =
            names_value(entities, "level", f.level) || names_value(entities, "location", f.location);
        if (named || none_named) relevant.push_back(entry);
    }
    if (relevant.empty()) {
        for (const auto& entry : yearly) {
            if (!entry.second->entities.contains("comparison_group")) relevant.push_back(entry);
        }
    }
    // "Why does one part say 125k and the other 115k?" quotes the guides' figures: two or more amounts,
    // each one of the figures used, are not offers to place.
    auto is_figure = [&yearly](const std::string& text) {
        const double v = std::atof(text.c_str());  // digits only: known_entities and the extractor see to it
        return std::any_of(yearly.begin(), yearly.end(), [v](const auto& entry) {
            const knowledge::Figure& f = *entry.first;
            return f.value == v || f.low == v || f.high == v;
        });
    };
    const bool quotes =
        amounts->second.size() >= 2 && std::all_of(amounts->second.begin(), amounts->second.end(), is_figure);
    const std::size_t first_line = lines.size();
    std::vector<std::string> placed;  // the sums placed, as written in their lines, in order
    for (const std::string& amount_text : quotes ? std::vector<std::string>{} : amounts->second) {
        double amount = 0;
        try {
            amount = std::stod(amount_text);
        } catch (const std::exception&) {
            continue;
        }
        // Where the sum stands against each figure: -1 below, 0 within, +1 above.
        std::vector<int> places;
        for (const auto& [f, fact] : relevant) {
            const double low = f->low ? *f->low : f->value.value_or(0);
            const bool unbounded = f->open_ended || f->scope == knowledge::Scope::minimum;
            const double high = f->high ? *f->high : f->value.value_or(0);
            places.push_back(amount < low ? -1 : (amount > high && !unbounded) ? 1 : 0);
        }
        const bool all_below = std::all_of(places.begin(), places.end(), [](int p) { return p < 0; });
        const bool all_above = std::all_of(places.begin(), places.end(), [](int p) { return p > 0; });
        if (relevant.size() >= 2 && ((all_below && !notes.amount.below_all.empty()) ||
                                     (all_above && !notes.amount.above_all.empty()))) {
            // One line: against the nearest figure, the lowest (or highest) of them.
            auto bound = [](const knowledge::Figure* f, bool low) {
                return low ? (f->low ? *f->low : f->value.value_or(0))
                           : (f->high ? *f->high : f->value.value_or(0));
            };
            auto nearest =
                std::min_element(relevant.begin(), relevant.end(), [&](const auto& a, const auto& b) {
                    return all_below ? bound(a.first, true) < bound(b.first, true)
                                     : bound(a.first, false) > bound(b.first, false);
                });
            const std::string& line = all_below ? notes.amount.below_all : notes.amount.above_all;
            lines.push_back(fill(line, *nearest->first, *nearest->second, source_of(nearest->second),
                                 "{amount}", money(amount, style.figure_words), style.figure_words));
            placed.push_back(money(amount, style.figure_words));
            continue;
        }
        // One sentence: the figures it equals, is in line with, is below, is above, each group named once.
        // Not a minimum: "$250,000" is within "more than $250,000", not exactly it.
        const auto equals = [amount](const knowledge::Figure* f) {
            return f->value && !f->low && !f->high && !f->open_ended &&
                   f->scope != knowledge::Scope::minimum && *f->value == amount;
        };
        std::vector<std::string> verdicts;
        for (int group = 0; group < 4; ++group) {  // equal, within, below, above
            std::vector<std::string> phrases;
            std::size_t first = relevant.size();
            for (std::size_t i = 0; i < relevant.size(); ++i) {
                const knowledge::Figure* f = relevant[i].first;
                const bool exact = !notes.amount.equal.empty() && equals(f);
                const int in = places[i] < 0 ? 2 : places[i] > 0 ? 3 : exact ? 0 : 1;
                if (in != group) continue;
                const std::string phrase = f->phrase.empty() ? f->label : f->phrase;
                if (std::find(phrases.begin(), phrases.end(), phrase) != phrases.end()) continue;
                phrases.push_back(phrase);
                if (first == relevant.size()) first = i;
            }
            if (phrases.empty()) continue;
            const std::string& part = group == 0   ? notes.amount.equal
                                      : group == 1 ? notes.amount.within
                                      : group == 2 ? notes.amount.below
                                                   : notes.amount.above;
            std::string verdict = part;
            replace_all(verdict, "{phrase}", joined(phrases, style));
            const auto& [f, fact] = relevant[first];
            verdicts.push_back(fill(verdict, *f, *fact, source_of(fact), "{amount}",
                                    money(amount, style.figure_words), style.figure_words));
        }
        std::string line = notes.amount.sentence;
        replace_all(line, "{amount}", money(amount, style.figure_words));
        replace_all(line, "{verdicts}", joined(verdicts, style));
        lines.push_back(line);
        placed.push_back(money(amount, style.figure_words));
    }
    // Two yearly sums that stand alike ("81k-98k, is that right?") are one range in one line, not two lines
    // that differ only in the sum ("$150/hr and $20" are no range of salaries).
    const auto yearly_sum = [](const std::string& text) { return std::atof(text.c_str()) >= 1000; };
    if (placed.size() == 2 && lines.size() == first_line + 2 &&
        std::all_of(amounts->second.begin(), amounts->second.end(), yearly_sum)) {
        std::string a = lines[first_line], b = lines[first_line + 1];
        replace_all(a, placed[0], "\x01");
        replace_all(b, placed[1], "\x01");
        if (a == b && a.find('\x01') != std::string::npos) {
            const bool ascending =
                std::atof(amounts->second[0].c_str()) <= std::atof(amounts->second[1].c_str());
            replace_all(a, "\x01",
                        ascending ? placed[0] + "\u2013" + placed[1] : placed[1] + "\u2013" + placed[0]);
            lines.resize(first_line);
            lines.push_back(a);
        }
    }
    return out;
}

namespace {

// The first yearly pay figure of a value's facts, with its fact.
YearlyFigure first_yearly(const std::vector<const knowledge::Fact*>& facts) {
    for (const knowledge::Fact* fact : facts) {
        for (const knowledge::Figure& f : fact->figures) {
            if (f.unit == "USD/year" && !fact->entities.contains("comparison_group")) return {&f, fact};
        }
    }
    return {nullptr, nullptr};
}

// "Seattle ($140,000–$170,000 a year) is above every figure for the United States": where the
// first value's main figure stands against all the second value's figures (style.verdict_*).
}  // namespace

std::string compare_two(const std::vector<std::vector<const knowledge::Fact*>>& per_value,
                        const std::vector<std::string>& names, const AnswerStyle& style) {
    if (per_value.size() != 2 || names.size() != 2 || style.verdict_above.empty()) return "";
    const auto [a, a_fact] = first_yearly(per_value[0]);
    if (a == nullptr) return "";
    const double a_low = a->low ? *a->low : a->value.value_or(0);
    const double a_high = a->high ? *a->high : a->value.value_or(0);
    // Against the second value's single figures (averages, medians) when it has any: a wide range
    // overlaps almost anything.
    std::size_t point_count = 0;
    for (const knowledge::Fact* fact : per_value[1]) {
        for (const knowledge::Figure& f : fact->figures) {
            if (f.unit == "USD/year" && f.value && !fact->entities.contains("comparison_group"))
                ++point_count;
        }
    }
    const bool points = point_count > 0;
    double b_min = 0, b_max = 0;
    bool any = false, same = true;
    for (const knowledge::Fact* fact : per_value[1]) {
        if (fact->entities.contains("comparison_group")) continue;
        for (const knowledge::Figure& f : fact->figures) {
            if (f.unit != "USD/year" || (points && !f.value)) continue;
            const double low = f.low ? *f.low : f.value.value_or(0);
            const double high = f.high ? *f.high : f.value.value_or(0);
            b_min = any ? std::min(b_min, low) : low;
            b_max = any ? std::max(b_max, high) : high;
            same = same && low == a_low && high == a_high;
            any = true;
        }
    }
    if (!any) return "";
    const std::string& pattern = same             ? style.verdict_same
                                 : a_low > b_max  ? style.verdict_above
                                 : a_high < b_min ? style.verdict_below
                                                  : style.verdict_overlap;
    std::string line = pattern;
    // "every average and median" only when there are several; one figure is "every figure".
    replace_all(line, "{what}", point_count >= 2 ? style.verdict_points : style.verdict_ranges);
    replace_all(line, "{a}", names[0]);
    replace_all(line, "{b}", names[1]);
    replace_all(line, "{figure}", knowledge::describe(*a, a_fact->text, style.figure_words));
    if (!line.empty()) line[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(line[0])));
    return line;
}

}  // namespace intents
