#include "intents/composer.hpp"

#include <algorithm>
#include <cmath>

#include "knowledge/figure_text.hpp"

namespace intents {

namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
    }
}

void add_fact(std::vector<const knowledge::Fact*>& used, const knowledge::Fact* fact) {
    if (std::find(used.begin(), used.end(), fact) == used.end()) used.push_back(fact);
}

class Renderer {
public:
    Renderer(const knowledge::KnowledgeBase& kb, ComposedPart& out) : kb_(kb), out_(out) {}

    // One template line; `matches` stands for {matches}, `entity_name` for {entity}.
    void line(std::string text, const std::vector<const knowledge::Fact*>& matches, const std::string& entity_name) {
        replace_all(text, "{entity}", entity_name);
        std::string rendered;
        const std::string open = "{fact:";
        std::size_t cursor = 0;
        for (std::size_t pos = text.find(open); pos != std::string::npos; pos = text.find(open, cursor)) {
            const std::size_t end = text.find('}', pos);
            if (end == std::string::npos) break;
            rendered += text.substr(cursor, pos - cursor);
            const std::string id = text.substr(pos + open.size(), end - pos - open.size());
            if (const knowledge::Fact* fact = kb_.find_fact(id)) {
                rendered += render_fact(*fact);
                add_fact(out_.facts, fact);
            }
            cursor = end + 1;
        }
        rendered += text.substr(cursor);
        if (const std::size_t pos = rendered.find("{matches}"); pos != std::string::npos) {
            std::string joined;
            for (const knowledge::Fact* fact : matches) {
                if (!joined.empty()) joined += "\n";
                joined += render_fact(*fact);
                add_fact(out_.facts, fact);
            }
            rendered.replace(pos, 9, joined);
        }
        if (rendered.empty()) return;
        if (!out_.text.empty()) out_.text += "\n";
        out_.text += rendered;
    }

private:
    const knowledge::KnowledgeBase& kb_;
    ComposedPart& out_;
};

std::string money(double v) { return "$" + knowledge::format_number(std::round(v)); }

// The first value of an entity kind, or "".
std::string first(const Entities& entities, const std::string& kind) {
    auto it = entities.find(kind);
    return it == entities.end() || it->second.empty() ? std::string() : it->second.front();
}

std::string fill(std::string line, const knowledge::Figure& f, const std::string& extra_key, const std::string& extra) {
    replace_all(line, "{label}", f.label);
    replace_all(line, "{figure}", knowledge::describe(f));
    replace_all(line, extra_key, extra);
    return line;
}

// "Per month/hour" and "is $X good?" notes on the yearly figures the answer used.
void add_figure_notes(const FigureNotes& notes, const Entities& entities, ComposedPart& out) {
    std::vector<const knowledge::Figure*> yearly;
    for (const knowledge::Fact* fact : out.facts) {
        for (const knowledge::Figure& f : fact->figures) {
            if (f.unit == "USD/year") yearly.push_back(&f);
        }
    }
    if (yearly.empty()) return;
    auto append = [&out](const std::string& line) { out.text += "\n" + line; };

    const std::string period = first(entities, "pay_period");
    for (const PeriodNote& note : notes.periods) {
        if (note.period != period) continue;
        for (const knowledge::Figure* f : yearly) {
            std::string derived;
            if (f->value) derived = money(*f->value / note.divisor);
            if (f->low && f->high) derived = money(*f->low / note.divisor) + "–" + money(*f->high / note.divisor);
            if (f->scope == knowledge::Scope::minimum) derived = "over " + derived;
            else if (f->open_ended) derived += "+";
            append(fill(note.line, *f, "{derived}", derived));
        }
    }

    const std::string amount_text = first(entities, "amount");
    if (amount_text.empty() || notes.amount.below.empty()) return;
    const double amount = std::stod(amount_text);
    for (const knowledge::Figure* f : yearly) {
        const double low = f->low ? *f->low : *f->value;
        const bool unbounded = f->open_ended || f->scope == knowledge::Scope::minimum;
        const double high = f->high ? *f->high : *f->value;
        const std::string& line = amount < low                  ? notes.amount.below
                                  : (amount > high && !unbounded) ? notes.amount.above
                                                                  : notes.amount.within;
        append(fill(line, *f, "{amount}", money(amount)));
    }
}

}  // namespace

std::string render_fact(const knowledge::Fact& fact) {
    std::string text = fact.text;
    for (const std::string& item : fact.items) text += "\n- " + item;
    return text;
}

ComposedPart compose(const Intent& intent, const Entities& entities, const knowledge::KnowledgeBase& kb,
                     const EntityExtractor& names) {
    ComposedPart out;
    Renderer renderer(kb, out);
    std::vector<std::string> combined;  // display names, one per entity kind a rule applies to
    for (const EntityRule& rule : intent.answer.by_entity) {
        auto it = entities.find(rule.entity);
        if (it == entities.end() || it->second.empty()) continue;
        const std::string name = names.display_name(rule.entity, it->second.front());
        if (std::find(combined.begin(), combined.end(), name) == combined.end()) combined.push_back(name);
    }
    if (combined.size() >= 2 && !intent.answer.combination.empty()) {
        std::string joined;
        for (std::size_t i = 0; i < combined.size(); ++i) {
            joined += (i == 0 ? "" : (i + 1 == combined.size() ? " and " : ", ")) + combined[i];
        }
        std::string line = intent.answer.combination;
        replace_all(line, "{entities}", joined);
        renderer.line(line, {}, "");
    }
    bool any_rule = false;
    for (const EntityRule& rule : intent.answer.by_entity) {
        auto it = entities.find(rule.entity);
        if (it == entities.end()) continue;
        for (const std::string& value : it->second) {
            any_rule = true;
            const auto matches = kb.select(rule.facts, rule.entity, value);
            const std::string name = names.display_name(rule.entity, value);
            for (const std::string& line : matches.empty() ? rule.missing : rule.found) {
                renderer.line(line, matches, name);
            }
        }
    }
    if (!any_rule) {
        for (const std::string& line : intent.answer.lines) renderer.line(line, {}, "");
    }
    add_figure_notes(intent.answer.figure_notes, entities, out);
    return out;
}

ComposedPart compose_more(const Intent& intent, const knowledge::KnowledgeBase& kb) {
    ComposedPart out;
    Renderer renderer(kb, out);
    for (const std::string& line : intent.answer.more) renderer.line(line, {}, "");
    return out;
}

}  // namespace intents
