#include "intents/entity_extractor.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "intents/message_bounds.hpp"

namespace intents {

EntityExtractor::EntityExtractor(std::vector<EntityKind> kinds, std::vector<YearsBand> years_bands,
                                 std::vector<std::string> excluding, std::vector<std::string> other_years)
    : kinds_(std::move(kinds)),
      years_bands_(std::move(years_bands)),
      excluding_(std::move(excluding)),
      other_years_(std::move(other_years)) {
    for (std::string& phrase : other_years_) phrase = " " + phrase + " ";  // as found in the padded text
    for (const EntityKind& k : kinds_) {
        for (const EntityValue& v : k.values) {
            // Routing-only kinds form one group, so "qa engineer" (an occupation) hides "engineer" (a
            // domain word); kinds that name the same `claims` form one ("mid sized" hides "mid"); every other
            // kind is a group of its own.
            const std::string group = k.routing_only      ? std::string("#routing")
                                      : !k.claims.empty() ? "#" + k.claims
                                                          : k.kind;
            for (const std::string& alias : v.aliases) {
                if (alias.empty()) continue;
                phrases_[alias].push_back(aliases_.size());
                const auto words = 1 + static_cast<std::size_t>(std::count(alias.begin(), alias.end(), ' '));
                std::size_t& longest = first_words_[alias.substr(0, alias.find(' '))];
                longest = std::max(longest, words);
                aliases_.push_back(Alias{k.kind, v.id, group, v.cancels});
                max_words_ = std::max(max_words_, words);
            }
        }
    }
    std::sort(years_bands_.begin(), years_bands_.end(),
              [](const YearsBand& a, const YearsBand& b) { return a.max_years < b.max_years; });
}

namespace {

// Views into the aliases, the bands or the padded text, which outlive it.
struct Found {
    std::size_t position;
    std::string_view kind;
    std::string_view id;
};

// The number a word before " year" spells ("five years in"), or 0.
int number_word(std::string_view before) {
    static constexpr std::string_view words[] = {"one",     "two",       "three",    "four",     "five",
                                                 "six",     "seven",     "eight",    "nine",     "ten",
                                                 "eleven",  "twelve",    "thirteen", "fourteen", "fifteen",
                                                 "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
    for (std::size_t i = 0; i < std::size(words); ++i) {
        const std::string_view w = words[i];
        if (before.ends_with(w) && before.size() > w.size() && before[before.size() - w.size() - 1] == ' ')
            return static_cast<int>(i) + 1;
    }
    return 0;
}

// "5 years", "10+ years", "3 year", "five years": the number before a years word.
void find_years(const std::string& padded, const std::vector<YearsBand>& bands, std::vector<Found>& found) {
    for (std::size_t pos = padded.find(" year"); pos != std::string::npos;
         pos = padded.find(" year", pos + 1)) {
        std::size_t end = pos;
        if (end > 0 && padded[end - 1] == '+') --end;
        std::size_t start = end;
        while (start > 0 && std::isdigit(static_cast<unsigned char>(padded[start - 1]))) --start;
        const int spelled = start == end ? number_word(std::string_view(padded.data(), end)) : 0;
        if (spelled > 0) {
            start = padded.rfind(' ', end - 1) + 1;
        } else if (start == end || end - start > 2) {
            continue;
        }
        // "in 10 years", "within 5 years" speak of the future, not of experience.
        const std::string_view before(padded.data(), start);  // a view: a copy per "year" is quadratic
        if (before.ends_with(" in ") || before.ends_with(" within ") || before.ends_with(" next ")) continue;
        // "a 12 year old codebase", "5 years from now": an age or a time ahead, not experience.
        const std::size_t word_end = padded.find(' ', pos + 1);
        const std::string_view after =
            word_end == std::string::npos ? std::string_view{} : std::string_view(padded).substr(word_end);
        if (after.starts_with(" old ") || after.starts_with(" from now ")) continue;
        const int years = spelled > 0 ? spelled : std::stoi(padded.substr(start, end - start));
        for (const YearsBand& band : bands) {
            if (years <= band.max_years) {
                found.push_back(Found{start, "level", band.level});
                break;
            }
        }
    }
}

// Words after a number that make it a count, not a sum: "78k people", "17,900 jobs".
bool counts_things(std::string_view next) {
    static constexpr std::string_view counted[] = {"people",  "jobs", "openings",   "positions",
                                                   "workers", "devs", "developers", "employees",
                                                   "users",   "roles"};
    return std::find(std::begin(counted), std::end(counted), next) != std::end(counted);
}

// "$130000", or a bare number of five or more digits ("130000"), is an amount of money; a
// four-digit number is more often a year ("2030"), so it needs the dollar sign. A number of things counted
// ("78k people") is none.
void find_amounts(const std::string& padded, std::vector<Found>& found) {
    std::size_t start = 0;
    while (start < padded.size()) {
        const std::size_t end = padded.find(' ', start);
        const std::string_view word = std::string_view(padded).substr(
            start, end == std::string::npos ? std::string::npos : end - start);
        const bool dollar = !word.empty() && word.front() == '$';
        std::string_view digits = dollar ? word.substr(1) : word;
        if (digits.size() > 1 && digits.back() == '+')
            digits.remove_suffix(1);  // "250000+": that much or more
        const bool all_digits =
            !digits.empty() && digits.size() <= 9 &&
            std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
        std::string_view next;
        if (end != std::string::npos) {
            const std::size_t after = padded.find(' ', end + 1);
            next = std::string_view(padded).substr(
                end + 1, after == std::string::npos ? std::string::npos : after - end - 1);
        }
        if (all_digits && (dollar || digits.size() >= 5) && !counts_things(next))
            found.push_back(Found{start, "amount", digits});
        if (end == std::string::npos) break;
        start = end + 1;
    }
}

}  // namespace

Entities EntityExtractor::extract(std::string_view normalized_text) const {
    // The words one space apart, with a space either side, so that a phrase of words i..i+n-1 is the
    // span from the start of the first to the end of the last, as the aliases are written.
    std::string padded = " ";
    padded.reserve(normalized_text.size() + 2);
    for (char c : normalized_text) {
        if (c != ' ' || padded.back() != ' ') padded.push_back(c);
    }
    if (padded.back() != ' ') padded.push_back(' ');
    struct Word {
        std::size_t start, end;         // in `padded`
        std::size_t longest_alias = 0;  // in words, of the aliases this word may start
    };
    std::vector<Word> words;
    words.reserve(padded.size() / 2);
    const std::string_view text(padded);
    for (std::size_t start = 1; start < padded.size();) {
        const std::size_t end = padded.find(' ', start);  // there is one: padded ends in a space
        Word word{start, end};
        if (auto first = first_words_.find(text.substr(start, end - start)); first != first_words_.end())
            word.longest_alias = first->second;
        words.push_back(word);
        start = end + 1;
    }
    const std::size_t word_count = words.size();
    // Longest phrases first. Within a group a matched phrase claims its words, so a shorter alias inside
    // it ("francisco") does not match again, while other kinds may still use those words ("big tech
    // companies" is a company size and an industry). Groups are few: a list, not a map.
    std::vector<std::pair<std::string_view, std::vector<bool>>> claimed;  // group -> per word
    const auto claimed_by = [&](std::string_view group) -> std::vector<bool>& {
        for (auto& [name, used] : claimed) {
            if (name == group) return used;
        }
        return claimed.emplace_back(group, std::vector<bool>(word_count, false)).second;
    };
    // True when the one or two words before word i are an `excluding` phrase ("besides", "other than").
    const auto excluded = [&](std::size_t i) {
        for (std::size_t back = 1; back <= 2 && back <= i; ++back) {
            const std::string_view before =
                text.substr(words[i - back].start, words[i - 1].end - words[i - back].start);
            if (std::find(excluding_.begin(), excluding_.end(), before) != excluding_.end()) return true;
        }
        return false;
    };
    std::vector<Found> found;
    std::vector<std::string_view> cancelled;  // kinds a found value cancels
    for (std::size_t n = std::min(max_words_, word_count); n >= 1; --n) {
        for (std::size_t i = 0; i + n <= word_count; ++i) {
            if (words[i].longest_alias < n) continue;
            const std::string_view phrase =
                text.substr(words[i].start, words[i + n - 1].end - words[i].start);
            auto it = phrases_.find(phrase);
            if (it == phrases_.end()) continue;
            for (std::size_t index : it->second) {
                const Alias& alias = aliases_[index];
                std::vector<bool>& used = claimed_by(alias.group);
                if (std::any_of(used.begin() + static_cast<std::ptrdiff_t>(i),
                                used.begin() + static_cast<std::ptrdiff_t>(i + n),
                                [](bool b) { return b; })) {
                    continue;
                }
                std::fill(used.begin() + static_cast<std::ptrdiff_t>(i),
                          used.begin() + static_cast<std::ptrdiff_t>(i + n), true);
                if (excluded(i)) continue;
                found.push_back(Found{words[i].start - 1, alias.kind, alias.id});
                cancelled.insert(cancelled.end(), alias.cancels.begin(), alias.cancels.end());
            }
        }
    }
    const bool other_job =
        std::any_of(found.begin(), found.end(), [](const Found& f) { return f.kind == "occupation"; }) ||
        std::any_of(other_years_.begin(), other_years_.end(), [&padded](const std::string& phrase) {
            return padded.find(phrase) != std::string::npos;
        });
    if (!other_job) find_years(padded, years_bands_, found);
    find_amounts(padded, found);
    std::stable_sort(found.begin(), found.end(),
                     [](const Found& a, const Found& b) { return a.position < b.position; });
    Entities entities;
    for (const Found& f : found) {
        auto& values = entities[std::string(f.kind)];
        if (values.size() < max_values_per_kind &&
            std::find(values.begin(), values.end(), f.id) == values.end()) {
            values.emplace_back(f.id);
        }
    }
    for (std::string_view kind : cancelled) entities.erase(std::string(kind));
    return entities;
}

namespace {

const EntityValue* find_value(const std::vector<EntityKind>& kinds, const std::string& kind,
                              const std::string& id) {
    for (const EntityKind& k : kinds) {
        if (k.kind != kind) continue;
        for (const EntityValue& v : k.values) {
            if (v.id == id) return &v;
        }
    }
    return nullptr;
}

}  // namespace

bool EntityExtractor::not_in_guides(const std::string& kind, const std::string& id) const {
    const EntityValue* v = find_value(kinds_, kind, id);
    return v != nullptr && v->not_in_guides;
}

bool EntityExtractor::implied(const std::string& kind, const std::string& id) const {
    const EntityValue* v = find_value(kinds_, kind, id);
    return v != nullptr && v->implied;
}

bool EntityExtractor::specific(const std::string& kind, const std::string& id) const {
    const EntityValue* v = find_value(kinds_, kind, id);
    return v != nullptr && v->specific;
}

Entities EntityExtractor::mentioned(const Entities& entities) const {
    Entities out;
    for (const auto& [kind, values] : entities) {
        std::vector<std::string> kept;
        for (const std::string& v : values) {
            const EntityValue* value = find_value(kinds_, kind, v);
            if (value == nullptr || (!value->not_in_guides && !value->question_only)) kept.push_back(v);
        }
        if (!kept.empty()) out.emplace(kind, std::move(kept));
    }
    return out;
}

Entities EntityExtractor::visible(const Entities& entities) const {
    Entities out = entities;
    for (const EntityKind& k : kinds_) {
        if (k.routing_only) out.erase(k.kind);
    }
    return out;
}

const std::string& EntityExtractor::home_intent(const std::string& kind, const std::string& id,
                                                const Entities& context) const {
    if (const EntityValue* v = find_value(kinds_, kind, id)) {
        for (const auto& [named, home] : v->home_with) {
            if (context.contains(named)) return home;
        }
    }
    return home_intent(kind, id);
}

const std::string& EntityExtractor::home_intent(const std::string& kind, const std::string& id) const {
    static const std::string none;
    for (const EntityKind& k : kinds_) {
        if (k.kind != kind) continue;
        for (const EntityValue& v : k.values) {
            if (v.id == id) return v.intent.empty() ? k.intent : v.intent;
        }
    }
    return none;
}

const std::string& EntityExtractor::nearest(const std::string& kind, const std::string& id) const {
    static const std::string none;
    for (const EntityKind& k : kinds_) {
        if (k.kind != kind) continue;
        for (const EntityValue& v : k.values) {
            if (v.id == id) return v.nearest;
        }
    }
    return none;
}

bool EntityExtractor::nearest_within(const std::string& kind, const std::string& id) const {
    for (const EntityKind& k : kinds_) {
        if (k.kind != kind) continue;
        for (const EntityValue& v : k.values) {
            if (v.id == id) return v.nearest_within;
        }
    }
    return false;
}

std::string EntityExtractor::display_name(const std::string& kind, const std::string& id) const {
    for (const EntityKind& k : kinds_) {
        if (k.kind != kind) continue;
        for (const EntityValue& v : k.values) {
            if (v.id == id) return v.name;
        }
    }
    return id;
}

}  // namespace intents
