#include "intents/composer.hpp"

#include <algorithm>

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
    return out;
}

}  // namespace intents
