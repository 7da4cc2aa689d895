#include "intents/composer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <set>
#include <string_view>

#include "figure_notes.hpp"
#include "intents/normalizer.hpp"
#include "knowledge/figure_text.hpp"
#include "template_text.hpp"

namespace intents {

namespace {

// Calls `each` with the sentences of one line of prose, views into `line`: cut after ". ", "! " or
// "? " when a capital letter follows.
template <class Each>
void for_each_sentence(std::string_view line, Each each) {
    std::size_t start = 0;
    for (std::size_t i = 0; i + 2 < line.size(); ++i) {
        // The cheap test first: most bytes are letters (find_first_of would call memchr per byte).
        if (line[i + 1] != ' ') continue;
        if (ends_sentence(line, i) && std::isupper(static_cast<unsigned char>(line[i + 2]))) {
            each(line.substr(start, i + 1 - start));
            start = i + 2;
        }
    }
    each(line.substr(start));
}

std::vector<std::string_view> sentences_of(std::string_view line) {
    std::vector<std::string_view> out;
    for_each_sentence(line, [&out](std::string_view sentence) { out.push_back(sentence); });
    return out;
}

std::string_view shown_id(std::string_view entry) { return entry.substr(0, entry.find('@')); }

// Items of `fact` shown before, per `said` (all when shown in full, none when not shown).
std::size_t items_shown(const knowledge::Fact& fact, const Said& said) {
    std::size_t most = 0;
    for (const std::string& entry : said.shown) {
        if (shown_id(entry) != fact.id) continue;
        const std::size_t at = entry.find('@');
        std::size_t n = fact.items.size();
        if (at != std::string::npos) {
            try {
                n = std::min<std::size_t>(std::stoul(entry.substr(at + 1)), fact.items.size());
            } catch (const std::exception&) {
                n = fact.items.size();  // a malformed count (from a client) reads as all shown
            }
        }
        most = std::max(most, n);
    }
    return most;
}

bool was_shown(const knowledge::Fact& fact, const Said& said) {
    return std::any_of(said.shown.begin(), said.shown.end(),
                       [&](const std::string& entry) { return shown_id(entry) == fact.id; });
}

// Builds one part line by line, keeping count of whole facts and of what was said.
class PartBuilder {
  public:
    PartBuilder(const ComposeInputs& in, Said& said, ComposedPart& out) : in_(in), said_(said), out_(out) {}

    // One template line. `matches` stands for {matches} and {rows}, `entity_name` for {entity}.
    void line(std::string_view text, const std::vector<const knowledge::Fact*>& matches,
              const std::string& entity_name) {
        bool any_fact_placeholder = false;
        std::string rendered;
        std::size_t cursor = 0;
        for (std::size_t pos = text.find('{'); pos != std::string_view::npos; pos = text.find('{', cursor)) {
            const std::size_t end = text.find('}', pos);
            if (end == std::string_view::npos) break;
            const std::string_view token = text.substr(pos + 1, end - pos - 1);
            rendered += text.substr(cursor, pos - cursor);
            cursor = end + 1;
            if (token.starts_with("fact:") || token.starts_with("text:")) {
                any_fact_placeholder = true;
                const bool text_only = token.starts_with("text:");
                if (const knowledge::Fact* fact = in_.kb.find_fact(token.substr(5)))
                    rendered += whole_fact(*fact, text_only);
            } else if (token.starts_with("figure:")) {
                if (const knowledge::Fact* fact = in_.kb.find_fact(token.substr(7)))
                    rendered += figure_of(*fact);
            } else if (token == "matches") {
                any_fact_placeholder = true;
                bool first = true;
                for (const knowledge::Fact* fact : matches) {
                    const std::string one = whole_fact(*fact);
                    if (one.empty()) continue;
                    if (!first) rendered += '\n';
                    rendered += one;
                    first = false;
                }
            } else if (token == "rows") {
                any_fact_placeholder = true;
                rendered += rows(matches);
            } else if (token == "entity") {
                rendered += entity_name;  // after the scan, so a name can never expand as a placeholder
            } else {
                rendered += text.substr(pos, end + 1 - pos);  // not ours: left as written
            }
        }
        rendered += text.substr(cursor);
        if (any_fact_placeholder && rendered.find_first_not_of(" \n:") == std::string::npos) return;
        emit(rendered);
    }

    // Lines were pending an intro that nothing followed: drop it.
    void finish() { pending_intro_.clear(); }

    // One passage of the guides: an item under the sentence that introduces its list (the rest of the list
    // is held back for "tell me more"), or a whole fact (none when it is a list cut short before: see
    // continue_lists).
    void passage(const knowledge::Fact& fact, int item) {
        if (item < 0 || static_cast<std::size_t>(item) >= fact.items.size()) {
            emit(whole_fact(fact));
            return;
        }
        use(fact);
        out_.held_back = fact.items.size() > 1;
        emit(fact.text + "\n- " + fact.items[static_cast<std::size_t>(item)]);
    }

    // The yearly pay figures the part used.
    std::vector<YearlyFigure> yearly() const {
        std::vector<YearlyFigure> out;
        for (const knowledge::Fact* fact : out_.facts) {
            for (const knowledge::Figure& f : fact->figures) {
                if (f.unit == "USD/year") out.emplace_back(&f, fact);
            }
        }
        return out;
    }

    // Lines that answer the question more directly than the facts ("$95,000 is within …"): first.
    void prepend(const std::vector<std::string>& lines) {
        std::string head;
        for (const std::string& line : lines) head += (head.empty() ? "" : "\n") + line;
        if (head.empty()) return;
        out_.text = out_.text.empty() ? head : head + "\n" + out_.text;
    }

    // Each entity rule may show its own facts: "senior in Seattle" shows both. `limit` 0: the style's.
    void new_budget(std::size_t limit = 0) {
        whole_facts_ = 0;
        limit_ = limit;
    }

    // Asked for by name again ("which cloud providers exactly?"): facts shown before may be shown again.
    void allow_repeats(bool allow) { repeats_ = allow; }

    // "Tell me more": a list cut short before goes on where it stopped. Otherwise such a list counts as said,
    // so "is C# used for that?" is not followed by "The rest of that list:".
    void continue_lists(bool more) { continue_lists_ = more; }

    // While set, a list whose items are tagged (Fact::item_entities) shows only the items about one of these
    // values of `kind`, under its sentence: "do they set up backups?" is one duty, not the whole list.
    void only_items_about(const std::string& kind, const std::vector<std::string>* values) {
        item_kind_ = kind;
        item_values_ = values;
    }

  private:
    void use(const knowledge::Fact& fact) {
        if (std::find(out_.facts.begin(), out_.facts.end(), &fact) == out_.facts.end())
            out_.facts.push_back(&fact);
    }

    // The fact's text and items, or "" when it was said before or the part is full (then held back).
    // `text_only`: the sentence without its list, which is held back for "tell me more".
    std::string whole_fact(const knowledge::Fact& fact, bool text_only = false) {
        if (std::string some = items_about(fact); !some.empty()) return some;
        const std::size_t before = items_shown(fact, said_);
        const bool shown_whole = was_shown(fact, said_) && before >= fact.items.size();
        if (shown_whole && !repeats_) return "";
        if (was_shown(fact, said_) && !shown_whole && !continue_lists_ && !repeats_) {
            out_.held_back = true;  // "tell me more" goes on with it
            return "";
        }
        if (whole_facts_ >= (limit_ > 0 ? limit_ : in_.style.max_facts)) {
            out_.held_back = true;
            return "";
        }
        ++whole_facts_;
        use(fact);
        std::string text;
        std::size_t first_item = 0;
        if (was_shown(fact, said_) && !shown_whole) {  // the rest of a list cut short before
            text = in_.style.more_of_list;
            first_item = before;
            text_only = false;  // the list is what is asked for now
        } else {
            text = fact.text;
        }
        if (text_only && !text.empty() && text.back() == ':') {
            // Without its list, the sentence that introduces the list goes ("Its eight key takeaways:").
            const auto sentences = sentences_of(text);
            if (sentences.size() > 1) {
                std::string without_list;  // built apart: the sentences are views into `text`
                for (std::size_t s = 0; s + 1 < sentences.size(); ++s) {
                    if (s > 0) without_list += ' ';
                    without_list += sentences[s];
                }
                text = std::move(without_list);
            } else {
                text.back() = '.';
            }
        }
        const std::size_t limit =
            first_item + (text_only ? 0 : in_.style.max_items);  // "tell me more" gives the next few
        std::size_t i = first_item;
        for (; i < fact.items.size() && i < limit; ++i) text += "\n- " + fact.items[i];
        if (text_only && i < fact.items.size()) {
            out_.held_back = true;
        } else if (i < fact.items.size()) {
            // A list cut one item short would say "and 1 more" instead of the item: show it.
            if (i + 1 == fact.items.size()) {
                text += "\n- " + fact.items[i];
                ++i;
            } else {
                std::string note = in_.style.more_items;
                replace_all(note, "{count}", std::to_string(fact.items.size() - i));
                text += "\n" + note;
                out_.held_back = true;
            }
        }
        out_.shown.push_back(i < fact.items.size() ? fact.id + "@" + std::to_string(i) : fact.id);
        said_.shown.push_back(out_.shown.back());
        return text;
    }

    // The fact's sentence and the items about the values of only_items_about, or "" when there is no such
    // filter, no item is about them, or all are (then the whole fact is said as usual). The list stays unsaid
    // for "tell me more".
    std::string items_about(const knowledge::Fact& fact) {
        if (item_values_ == nullptr || fact.item_entities.empty()) return "";
        if (was_shown(fact, said_) && !repeats_) return "";  // said before: whole_fact decides
        std::vector<std::size_t> about;
        for (std::size_t i = 0; i < fact.items.size(); ++i) {
            if (std::any_of(item_values_->begin(), item_values_->end(),
                            [&](const std::string& v) { return fact.item_is_about(i, item_kind_, v); }))
                about.push_back(i);
        }
        if (about.empty() || about.size() == fact.items.size()) return "";
        if (whole_facts_ >= (limit_ > 0 ? limit_ : in_.style.max_facts)) {
            out_.held_back = true;
            return "";
        }
        ++whole_facts_;
        use(fact);
        out_.held_back = true;
        out_.direct = out_.direct || out_.text.empty();
        std::string text = fact.text;
        for (std::size_t i : about) text += "\n- " + fact.items[i];
        return text;
    }

    std::string figure_of(const knowledge::Fact& fact) {
        if (fact.figures.empty()) return "";
        use(fact);
        if (!was_shown(fact, said_))
            said_.shown.push_back(fact.id);  // its figure is said: no need to repeat it
        out_.shown.push_back(fact.id);
        return knowledge::describe(fact.figures.front(), fact.text, in_.style.figure_words);
    }

    std::string rows(const std::vector<const knowledge::Fact*>& facts) {
        std::string out;
        // One row per figure of a place or level: the same $115,000 in three places of one guide is one row.
        std::set<std::vector<std::string>> listed;
        for (const knowledge::Fact* fact : facts) {
            for (const knowledge::Figure& f : fact->figures) {
                const std::string figure = knowledge::describe(f, fact->text, in_.style.figure_words);
                if (!listed.insert({figure, fact->source, f.location, f.level}).second) continue;
                std::string row = in_.style.row;
                const knowledge::Source* source = in_.kb.find_source(fact->source);
                replace_all(row, "{label}", f.label);
                replace_all(row, "{figure}", figure);
                replace_all(row, "{source}", source ? source->publisher : fact->source);
                if (!out.empty()) out += "\n";
                out += row;
            }
            use(*fact);
            out_.shown.push_back(fact->id);
            said_.shown.push_back(fact->id);
        }
        return out;
    }

    // Adds rendered text, without sentences or bullets said before; an intro ending in ":" waits
    // for what it introduces.
    void emit(const std::string& rendered) {
        std::string kept;
        std::size_t start = 0;
        while (start <= rendered.size()) {
            std::size_t end = rendered.find('\n', start);
            if (end == std::string::npos) end = rendered.size();
            const std::string_view line = std::string_view(rendered).substr(start, end - start);
            start = end + 1;
            const bool bullet = line.starts_with("- ");
            std::string kept_line;
            const auto keep_unless_said = [&](std::string_view sentence) {
                SentenceWords key = sentence_words(sentence);
                if (key.words.empty()) return;
                // Bullets and rows differ in a word or two ("- Seattle: …", "- Austin: …"): only the same
                // bullet counts as said; prose sentences may be 80% the same.
                const bool said_before =
                    std::any_of(said_.sentences.begin(), said_.sentences.end(), [&](const SentenceWords& s) {
                        return bullet ? s.key == key.key : same_sentence(s, key);
                    });
                if (said_before) return;
                said_.sentences.push_back(std::move(key));
                if (!kept_line.empty()) kept_line += ' ';
                kept_line += sentence;
            };
            if (bullet)
                keep_unless_said(line);
            else
                for_each_sentence(line, keep_unless_said);
            if (kept_line.empty()) continue;
            kept += (kept.empty() ? "" : "\n") + kept_line;
        }
        if (kept.empty()) return;
        if (kept.back() == ':' && kept.find('\n') == std::string::npos) {
            pending_intro_ += (pending_intro_.empty() ? "" : "\n") + kept;
            return;
        }
        if (!pending_intro_.empty()) {
            out_.text += (out_.text.empty() ? "" : "\n") + pending_intro_;
            pending_intro_.clear();
        }
        out_.text += (out_.text.empty() ? "" : "\n") + kept;
    }

    const ComposeInputs& in_;
    Said& said_;
    ComposedPart& out_;
    std::size_t whole_facts_ = 0;
    std::size_t limit_ = 0;
    bool repeats_ = false;
    bool continue_lists_ = false;
    std::string item_kind_;
    const std::vector<std::string>* item_values_ = nullptr;  // see only_items_about
    std::string pending_intro_;
};

// The aspects the question names that the intent has lines for, in the question's order, except that one
// standing in for another the question names comes before it ("good for introverts?": how much the job is
// with people answers whether it is good, not after it).
std::vector<const AspectLines*> aspect_lines(const Intent& intent, const Entities& entities) {
    std::vector<const AspectLines*> out;
    auto it = entities.find("aspect");
    if (it == entities.end()) return out;
    for (const std::string& aspect : it->second) {
        for (const AspectLines& entry : intent.answer.by_aspect) {
            if (entry.aspect == aspect && std::find(out.begin(), out.end(), &entry) == out.end())
                out.push_back(&entry);
        }
    }
    const auto stands_in = [&](const AspectLines* entry) {
        return std::any_of(out.begin(), out.end(), [&](const AspectLines* other) {
            return std::find(entry->instead_of.begin(), entry->instead_of.end(), other->aspect) !=
                   entry->instead_of.end();
        });
    };
    std::stable_partition(out.begin(), out.end(), stands_in);
    return out;
}

}  // namespace

std::string join_names(const std::vector<std::string>& names, const AnswerStyle& style, bool alternatives) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += i + 1 == names.size() ? (alternatives ? style.or_word : style.and_word) : style.list_comma;
        out += names[i];
    }
    return out;
}

std::string with_entities(std::string line, const std::vector<std::string>& names, const AnswerStyle& style,
                          bool alternatives) {
    replace_all(line, "{entities}", join_names(names, style, alternatives));
    return line;
}

bool ends_sentence(std::string_view text, std::size_t i) {
    if (i >= text.size() || i + 1 >= text.size() || text[i + 1] != ' ') return false;
    const char c = text[i];
    if (c == '!' || c == '?') return true;
    if (c != '.') return false;
    const bool initial = i >= 1 && std::isupper(static_cast<unsigned char>(text[i - 1])) &&
                         (i == 1 || text[i - 2] == '.' || text[i - 2] == ' ');
    return !initial;
}

namespace {

// Per byte, for sentence_words: the lower-case letter, digit, '$' or '%' it adds to a word; `joins` for
// ',' and '\'' (which neither add nor end one: "125,000", "what's"); 0 for everything that ends a word.
// ASCII only, as the C locale's isalnum/tolower would be, without their per-call cost.
constexpr unsigned char joins = 1;
constexpr std::array<unsigned char, 256> word_bytes = [] {
    std::array<unsigned char, 256> table{};
    for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = static_cast<unsigned char>(c);
    for (int c = 'A'; c <= 'Z'; ++c)
        table[static_cast<std::size_t>(c)] = static_cast<unsigned char>(c - 'A' + 'a');
    for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = static_cast<unsigned char>(c);
    table['$'] = '$';
    table['%'] = '%';
    table[','] = joins;
    table['\''] = joins;
    return table;
}();

}  // namespace

SentenceWords sentence_words(std::string_view sentence) {
    // A word's bytes are packed eight to a 64-bit block and each block mixed in (one multiply per eight
    // bytes, not per byte); the key mixes the words' hashes in order. Equal only for equal word lists,
    // but for 64-bit collisions.
    constexpr std::uint64_t prime = 0x9E3779B97F4A7C15ull;
    const auto mix = [](std::uint64_t h, std::uint64_t block) {
        h = (h ^ block) * prime;
        return h ^ (h >> 29);
    };
    SentenceWords out;
    out.words.reserve(sentence.size() / 4 + 1);
    std::uint64_t key = 0, word = 0, block = 0;
    std::size_t length = 0;  // of the word so far
    const auto end_word = [&] {
        word = mix(mix(word, block), length);
        out.words.push_back(word);
        key = mix(key, word);
        word = block = 0;
        length = 0;
    };
    for (const char c : sentence) {
        const unsigned char lower = word_bytes[static_cast<unsigned char>(c)];
        if (lower > joins) {
            block = (block << 8) | lower;
            if (++length % 8 == 0) {
                word = mix(word, block);
                block = 0;
            }
        } else if (lower == 0 && length > 0) {
            end_word();
        }
    }
    if (length > 0) end_word();
    out.key = key;
    std::sort(out.words.begin(), out.words.end());
    return out;
}

bool same_sentence(const SentenceWords& a, const SentenceWords& b) {
    if (a.key == b.key) return true;
    const std::size_t na = a.words.size(), nb = b.words.size();
    if (na < 4 || nb < 4) return false;  // short phrases ("- Python") may well repeat
    const std::size_t longer = std::max(na, nb);
    if (std::min(na, nb) * 5 < longer * 4) return false;  // too different in length to share 80%
    // Words both share, counting repeats: a merge of the two sorted lists.
    std::size_t shared = 0;
    for (std::size_t i = 0, j = 0; i < na && j < nb;) {
        if (a.words[i] == b.words[j]) {
            ++shared;
            ++i;
            ++j;
        } else if (a.words[i] < b.words[j]) {
            ++i;
        } else {
            ++j;
        }
    }
    return shared * 5 >= longer * 4;
}

std::string render_fact(const knowledge::Fact& fact) {
    std::string text = fact.text;
    for (const std::string& item : fact.items) text += "\n- " + item;
    return text;
}

ComposedPart compose_passage(const Passage& passage, const ComposeInputs& in, Said& said, bool again) {
    ComposedPart out;
    PartBuilder builder(in, said, out);
    builder.allow_repeats(again);
    if (passage.fact != nullptr) builder.passage(*passage.fact, passage.item);
    builder.finish();
    out.direct = !out.text.empty();
    return out;
}

ComposedPart compose_facts(const std::vector<const knowledge::Fact*>& facts, const std::string& intro,
                           const ComposeInputs& in, Said& said) {
    ComposedPart out;
    PartBuilder builder(in, said, out);
    builder.allow_repeats(true);
    for (const knowledge::Fact* fact : facts) builder.passage(*fact, -1);
    builder.finish();
    out.direct = !out.text.empty();
    if (!out.text.empty() && !intro.empty()) out.text = intro + "\n" + out.text;
    return out;
}

ComposedPart compose(const Intent& intent, const Entities& entities, const ComposeInputs& in, Said& said,
                     bool more) {
    ComposedPart out;
    PartBuilder builder(in, said, out);
    builder.continue_lists(more);
    // On "tell me more" only lines that bring facts are rendered again; our own sentences were said.
    auto render = [&](const std::string& line, const std::vector<const knowledge::Fact*>& matches = {},
                      const std::string& name = "") {
        const bool brings_facts = line.find("{fact:") != std::string::npos ||
                                  line.find("{text:") != std::string::npos ||
                                  line.find("{matches}") != std::string::npos;
        if (!more || brings_facts) builder.line(line, matches, name);
    };
    // Aspects that answer entity kinds themselves come first and stand in for those kinds' rules;
    // the others follow the rules, so "average pay in SF" starts with SF.
    const auto aspects = aspect_lines(intent, entities);
    std::vector<std::string> answered_kinds;
    auto answered = [&](const std::string& kind) {
        return std::find(answered_kinds.begin(), answered_kinds.end(), kind) != answered_kinds.end();
    };
    // An aspect's lines answer what was asked ("how many people work in it?"): when everything they hold was
    // said in an earlier turn, they are said again rather than left for the intent's general answer.
    auto render_aspect = [&](const AspectLines& entry) {
        const std::size_t before = out.text.size();
        for (const std::string& line : entry.lines) render(line);
        if (more || out.text.size() != before) return;
        if (in.carried != nullptr) {
            const auto carried = in.carried->find("aspect");
            if (carried != in.carried->end() && std::find(carried->second.begin(), carried->second.end(),
                                                          entry.aspect) != carried->second.end())
                return;
        }
        builder.allow_repeats(true);
        for (const std::string& line : entry.lines) render(line);
        builder.allow_repeats(false);
    };
    for (const AspectLines* entry : aspects) {
        if ((entry->instead_of.empty() && !entry->lead) || answered(entry->aspect)) continue;
        render_aspect(*entry);
        out.not_covered = out.not_covered || entry->not_covered;
        answered_kinds.insert(answered_kinds.end(), entry->instead_of.begin(), entry->instead_of.end());
    }

    // A rule applies when the question names values of its kind that an aspect did not answer already.
    auto asked = [&](const EntityRule& rule) {
        auto it = entities.find(rule.entity);
        return it != entities.end() && !it->second.empty() && !answered(rule.entity);
    };
    // "Entry level in the US": the guides' figures are the US's unless they say otherwise, so a rule whose
    // values are all implied gives way to another rule that applies.
    auto all_implied = [&](const EntityRule& rule) {
        const auto& values = entities.at(rule.entity);
        return std::all_of(values.begin(), values.end(),
                           [&](const std::string& v) { return in.names.implied(rule.entity, v); });
    };
    const bool other_rule = std::any_of(
        intent.answer.by_entity.begin(), intent.answer.by_entity.end(),
        [&](const EntityRule& rule) { return rule.entity != "aspect" && asked(rule) && !all_implied(rule); });
    auto applies = [&](const EntityRule& rule) { return asked(rule) && !(other_rule && all_implied(rule)); };

    // Entity rules: one `found` (or `compare`) and one `missing` rendering per rule, for all values.
    std::vector<std::string> combined;  // display names, one per kind a rule applies to
    for (const EntityRule& rule : intent.answer.by_entity) {
        if (!applies(rule)) continue;
        auto it = entities.find(rule.entity);
        const auto& kinds = intent.answer.combination_kinds;
        if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), rule.entity) == kinds.end()) continue;
        // The guides' figures are the US's anyway: "the US and mid-level" are no two criteria ("the US, like
        // Seattle?" names Seattle for this rule).
        const auto value = std::find_if(it->second.begin(), it->second.end(), [&](const std::string& v) {
            return !in.names.implied(rule.entity, v);
        });
        if (value == it->second.end()) continue;
        // A value with no facts at all (Germany) is said to be missing by its rule; "not together" would add
        // nothing but words.
        if (in.kb.select(rule.facts, rule.entity, *value).empty()) continue;
        const std::string name = in.names.display_name(rule.entity, *value);
        if (std::find(combined.begin(), combined.end(), name) == combined.end()) combined.push_back(name);
    }
    if (combined.size() >= 2 && !intent.answer.combination.empty() && !more) {
        builder.line(with_entities(intent.answer.combination, combined, in.style), {}, "");
    }
    bool any_rule = false;
    // What each rule found, to say again when nothing else is left to say (below).
    struct Found {
        const EntityRule* rule;
        std::vector<const knowledge::Fact*> matches;
        std::string names;
    };
    std::vector<Found> found_before;
    std::vector<std::string> found_kinds;  // kinds whose rule found facts (AspectLines::unless)
    const EntityRule* alone = nullptr;     // the first rule with `missing_alone` lines to say, if any
    bool found_shown_only = false;
    for (const EntityRule& rule : intent.answer.by_entity) {
        if (!applies(rule)) continue;
        auto it = entities.find(rule.entity);
        builder.new_budget(rule.max_facts);
        // The most direct first: facts with figures, then those with the shortest list.
        const auto facts_of = [&](const std::string& value) {
            auto facts = in.kb.select(rule.facts, rule.entity, value);
            std::stable_sort(facts.begin(), facts.end(),
                             [](const knowledge::Fact* a, const knowledge::Fact* b) {
                                 return std::make_pair(a->figures.empty(), a->items.size()) <
                                        std::make_pair(b->figures.empty(), b->items.size());
                             });
            return facts;
        };
        std::vector<std::vector<const knowledge::Fact*>> per_value;
        std::vector<std::string> found_names, missing_names, nearest_values;
        for (const std::string& value : it->second) {
            auto facts = facts_of(value);
            const std::string& nearest = in.names.nearest(rule.entity, value);
            std::string name = in.names.display_name(rule.entity, value);
            if (facts.empty() && in.names.nearest_within(rule.entity, value) && !facts_of(nearest).empty()) {
                std::string whole = in.style.as_a_whole;
                replace_all(whole, "{name}", name);
                name = std::move(whole);
            }
            (facts.empty() ? missing_names : found_names).push_back(std::move(name));
            const auto named = [&](const std::string& v) {
                return std::find(it->second.begin(), it->second.end(), v) != it->second.end() ||
                       std::find(nearest_values.begin(), nearest_values.end(), v) != nearest_values.end();
            };
            if (facts.empty() && !nearest.empty() && !named(nearest)) nearest_values.push_back(nearest);
            // A rule of one fact says each value's most direct one, or nothing new: not a longer list in its
            // place when that one was said ("what about PHP?" after the languages).
            if (rule.max_facts == 1 && facts.size() > 1) facts.resize(1);
            per_value.push_back(std::move(facts));
        }
        // Each value's best fact first, then each value's second, so two values both get answered.
        std::vector<const knowledge::Fact*> matches;
        for (std::size_t rank = 0, added = 1; added > 0; ++rank) {
            added = 0;
            for (const auto& facts : per_value) {
                if (rank >= facts.size()) continue;
                ++added;
                if (std::find(matches.begin(), matches.end(), facts[rank]) == matches.end())
                    matches.push_back(facts[rank]);
            }
        }
        if (!found_names.empty()) {
            // "The low end in the US" is the national range: the guides' figures are the US's anyway. Only a
            // value that found facts counts ("the range in the US and Toronto" still gets the national
            // range).
            for (std::size_t i = 0; i < per_value.size() && i < it->second.size(); ++i) {
                if (!per_value[i].empty() && !in.names.implied(rule.entity, it->second[i])) {
                    found_kinds.push_back(rule.entity);
                    break;
                }
            }
            const bool comparing = found_names.size() >= 2 && !rule.compare.empty() &&
                                   (!rule.compare_needs_choice || in.choosing);
            const std::string verdict = comparing ? compare_two(per_value, found_names, in.style) : "";
            // An aspect asked about again ("which cloud providers exactly?") whose facts were all shown
            // before: show them again. Places and levels carried over from the conversation are not
            // asked again, so they are not repeated.
            const bool all_shown = std::all_of(matches.begin(), matches.end(), [&](const knowledge::Fact* f) {
                return was_shown(*f, said) && items_shown(*f, said) >= f->items.size();
            });
            // A comparison asked for ("and against all jobs?") is said even when its fact lent a figure
            // before. Not when the question also asks something no fact answers ("how often are you on
            // call?" after on-call): the same sentence again would pass for its answer. A place or level
            // the conversation had not named, shown in passing ("the closest place is Austin"), is asked
            // for now ("ok what's the Austin range then?"): said again too.
            const bool named_anew =
                in.carried != nullptr &&
                (rule.entity == "location" || rule.entity == "level" || rule.entity == "company_size" ||
                 rule.entity == "industry") &&
                [&] {
                    const auto before = in.carried->find(rule.entity);
                    return before == in.carried->end() ||
                           std::none_of(it->second.begin(), it->second.end(), [&](const std::string& v) {
                               return std::find(before->second.begin(), before->second.end(), v) !=
                                      before->second.end();
                           });
                }();
            builder.allow_repeats(
                all_shown && !more && missing_names.empty() &&
                (rule.entity == "aspect" || rule.entity == "comparison_group" || named_anew));
            if (rule.entity == "aspect" && !more) builder.only_items_about(rule.entity, &it->second);
            for (std::string line : comparing ? rule.compare : rule.found) {
                if (line == "{verdict}" && verdict.empty()) continue;
                replace_all(line, "{verdict}",
                            verdict);  // our words, known names and figures: no placeholders
                render(line, matches, join_names(found_names, in.style));
            }
            builder.allow_repeats(false);
            builder.only_items_about("", nullptr);
            // Said again below only when nothing else the question names went unanswered; else nothing
            // is said for it (the caller says the guides go no further).
            if (!comparing && missing_names.empty())
                found_before.push_back({&rule, matches, join_names(found_names, in.style)});
            else if (!comparing && all_shown)
                found_shown_only = true;
        }
        // A rule answers when it found facts or has words for what it did not find; a rule with
        // neither (an aspect this topic has no facts on) leaves the answer to the other lines.
        any_rule = any_rule || !found_names.empty() || !rule.missing.empty();
        if (!missing_names.empty() && !rule.missing.empty()) {
            out.not_covered = true;
            if (alone == nullptr && !rule.missing_alone.empty()) alone = &rule;
            for (const std::string& line : rule.missing) {
                if (line != "{nearest}") {
                    render(line, {}, join_names(missing_names, in.style, true));
                    continue;
                }
                // The closest values the guides do cover, each with its facts.
                std::vector<const knowledge::Fact*> near_matches;
                std::vector<std::string> near_names;
                for (const std::string& value : nearest_values) {
                    auto facts = facts_of(value);
                    if (facts.empty()) continue;
                    if (rule.max_facts == 1) facts.resize(1);  // as for the values found, above
                    near_names.push_back(in.names.display_name(rule.entity, value));
                    near_matches.insert(near_matches.end(), facts.begin(), facts.end());
                }
                if (near_names.empty()) continue;
                // Said again if shown before: it is what stands in for the place asked about now; with a
                // budget of its own, whatever the values found took.
                builder.allow_repeats(true);
                builder.new_budget(rule.max_facts);
                out.repeats_on_purpose = true;
                for (const std::string& near_line : rule.nearest)
                    render(near_line, near_matches, join_names(near_names, in.style));
                builder.allow_repeats(false);
            }
        }
    }
    for (const AspectLines* entry : aspects) {
        if (!entry->instead_of.empty() || entry->lead || answered(entry->aspect)) continue;
        if (std::any_of(entry->unless.begin(), entry->unless.end(), [&](const std::string& kind) {
                return std::find(found_kinds.begin(), found_kinds.end(), kind) != found_kinds.end();
            }))
            continue;
        render_aspect(*entry);
        out.not_covered = out.not_covered || entry->not_covered;
    }
    if (alone != nullptr && out.facts.empty()) {
        builder.new_budget(alone->max_facts);
        for (const std::string& line : alone->missing_alone) render(line);
    }
    if ((!any_rule && aspects.empty()) || more) {
        // Right after another topic, the lines that bridge from it, if the intent has them.
        const auto after =
            more ? intent.answer.after.end() : intent.answer.after.find(std::string(in.last_topic));
        for (const std::string& line :
             after != intent.answer.after.end() ? after->second : intent.answer.lines)
            render(line);
    } else if (out.text.empty() && !found_before.empty()) {
        // What the question names was all said before ("the US figure for freshers" after the entry-level pay
        // elsewhere): said again, rather than the intent's general answer to another question.
        builder.allow_repeats(true);
        for (const Found& f : found_before) {
            builder.new_budget(f.rule->max_facts);
            for (const std::string& line : f.rule->found) render(line, f.matches, f.names);
        }
        builder.allow_repeats(false);
    } else if (out.text.empty() && !found_shown_only) {
        // The rules and aspects that applied had nothing to show: the intent's own answer, not silence.
        for (const std::string& line : intent.answer.lines) render(line);
    }
    if (more) {
        // What the first answer held back comes first (the lines above skip what was shown), then
        // the intent's `more` lines.
        builder.new_budget();
        for (const std::string& line : intent.answer.more) builder.line(line, {}, "");
    }
    // A sum above every figure used, weighed against the guides' figure that reaches it alone.
    const knowledge::Fact* reach =
        more ? nullptr : reaching_fact(intent.answer.figure_notes, entities, builder.yearly(), in.kb);
    if (reach != nullptr) {
        builder.new_budget(1);  // whatever the lines before took: it is what the verdict is weighed against
        render("{fact:" + reach->id + "}");
    }
    builder.finish();
    if (intent.kind == IntentKind::gap) out.not_covered = true;
    std::vector<YearlyFigure> weighed = builder.yearly();
    if (reach != nullptr) std::erase_if(weighed, [&](const YearlyFigure& f) { return f.second != reach; });
    const FigureNoteLines notes =
        figure_notes(intent.answer.figure_notes, entities, weighed, in.kb, in.style);
    builder.prepend(notes.lines);
    return out;
}

}  // namespace intents
