#include "intents/catalog_queries.hpp"

#include <set>

#include "intents/answer_json.hpp"
#include "intents/normalizer.hpp"

namespace intents {

using nlohmann::json;

namespace {

// The location or level ids that salary figures carry, in first-seen order.
std::vector<std::string> covered(const knowledge::KnowledgeBase& kb, bool locations) {
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (const knowledge::Fact& fact : kb.facts()) {
        for (const knowledge::Figure& f : fact.figures) {
            if (f.unit != "USD/year") continue;
            const std::string& id = locations ? f.location : f.level;
            if (!id.empty() && seen.insert(id).second) ids.push_back(id);
        }
    }
    return ids;
}

// Resolves a filter value to an id the figures use; empty optional when it names nothing covered.
std::optional<std::string> resolve(const Advisor& advisor, const std::string& kind, const std::string& value,
                                   const std::vector<std::string>& known) {
    for (const std::string& id : known) {
        if (id == value) return id;
    }
    const Entities found = advisor.entities.extract(normalize(value, advisor.lexicon));
    auto it = found.find(kind);
    if (it == found.end() || it->second.size() != 1) return std::nullopt;
    for (const std::string& id : known) {
        if (id == it->second.front()) return id;
    }
    return std::nullopt;
}

std::string join(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out;
}

}  // namespace

QueryResult salary_figures(const Advisor& advisor, const std::string& location, const std::string& level) {
    const auto& kb = advisor.knowledge;
    std::string location_id, level_id;
    if (!location.empty()) {
        const auto known = covered(kb, true);
        auto id = resolve(advisor, "location", location, known);
        if (!id) return {false, nullptr, "unknown location '" + location + "'; known: " + join(known)};
        location_id = *id;
    }
    if (!level.empty()) {
        const auto known = covered(kb, false);
        auto id = resolve(advisor, "level", level, known);
        if (!id) return {false, nullptr, "unknown level '" + level + "'; known: " + join(known)};
        level_id = *id;
    }
    json rows = json::array();
    for (const knowledge::Fact& fact : kb.facts()) {
        for (const knowledge::Figure& f : fact.figures) {
            if (f.unit != "USD/year") continue;
            if (!location_id.empty() && f.location != location_id) continue;
            if (!level_id.empty() && f.level != level_id) continue;
            json row = {{"label", f.label}, {"scope", knowledge::to_string(f.scope)}, {"source", fact.source},
                        {"fact", fact.id}, {"text", fact.text}};
            if (f.value) row["value"] = json_number(*f.value);
            if (f.low) row["low"] = json_number(*f.low);
            if (f.high) row["high"] = json_number(*f.high);
            if (f.open_ended) row["open_ended"] = true;
            if (f.approximate) row["approximate"] = true;
            if (!f.period.empty()) row["period"] = f.period;
            if (!f.location.empty()) row["location"] = f.location;
            if (!f.level.empty()) row["level"] = f.level;
            rows.push_back(std::move(row));
        }
    }
    json filters = json::object();
    if (!location_id.empty()) filters["location"] = location_id;
    if (!level_id.empty()) filters["level"] = level_id;
    return {true, {{"kind", "salary"}, {"unit", "USD/year"}, {"filters", filters}, {"rows", rows}}, ""};
}

json topics(const Advisor& advisor) {
    json list = json::array();
    for (const Intent& intent : advisor.intents) {
        if (intent.kind != IntentKind::topic || intent.examples.empty()) continue;
        const std::string topic_id = intent.id.substr(0, intent.id.find('.'));
        std::string title = topic_id;
        for (const knowledge::Topic& t : advisor.knowledge.topics()) {
            if (t.id == topic_id) title = t.title;
        }
        list.push_back({{"intent", intent.id},
                        {"kind", to_string(intent.kind)},
                        {"topic", topic_id},
                        {"title", title},
                        {"example", intent.examples.front()}});
    }
    return {{"topics", list}};
}

}  // namespace intents
