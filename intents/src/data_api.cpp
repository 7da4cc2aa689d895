#include "intents/data_api.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "intents/answer_json.hpp"
#include "intents/composer.hpp"
#include "intents/normalizer.hpp"
#include "intents/salary_rows.hpp"

namespace intents {

using nlohmann::json;

namespace {

enum class Filter { location, level };

const char* kind_of(Filter filter) { return filter == Filter::location ? "location" : "level"; }

const std::string& id_of(const knowledge::Figure& f, Filter filter) {
    return filter == Filter::location ? f.location : f.level;
}

// The location or level ids that salary figures carry, in first-seen order.
std::vector<std::string> covered_ids(const knowledge::KnowledgeBase& kb, Filter filter) {
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (const knowledge::Fact& fact : kb.facts()) {
        for (const knowledge::Figure& f : fact.figures) {
            if (f.unit != "USD/year") continue;
            const std::string& id = id_of(f, filter);
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

// The ids `values` name, without repeats; the error names the first value that names nothing covered.
std::optional<std::vector<std::string>> resolve_all(const Advisor& advisor, Filter filter,
                                                    const std::vector<std::string>& values,
                                                    std::string& error) {
    // Each value is read like a question: a bound keeps one request's work small.
    constexpr std::size_t max_values = 20;
    if (values.size() > max_values) {
        error = std::string("at most ") + std::to_string(max_values) + " values of " + kind_of(filter);
        return std::nullopt;
    }
    const auto known = covered_ids(advisor.knowledge, filter);
    std::vector<std::string> ids;
    for (const std::string& value : values) {
        auto id = resolve(advisor, kind_of(filter), value, known);
        if (!id) {
            error = std::string("unknown ") + kind_of(filter) + " '" + value + "'; known: " + join(known);
            return std::nullopt;
        }
        if (std::find(ids.begin(), ids.end(), *id) == ids.end()) ids.push_back(*id);
    }
    return ids;
}

bool matches(const std::string& id, const std::vector<std::string>& wanted) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), id) != wanted.end();
}

// The rows of the facts with a USD/year figure for any of `locations` and any of `levels`.
std::vector<DataRow> rows_for(const Advisor& advisor, const std::vector<std::string>& locations,
                              const std::vector<std::string>& levels) {
    std::vector<const knowledge::Fact*> facts;
    for (const knowledge::Fact& fact : advisor.knowledge.facts()) facts.push_back(&fact);
    std::vector<DataRow> rows = salary_rows(facts, advisor.style.figure_words);
    std::erase_if(
        rows, [&](const DataRow& r) { return !matches(r.location, locations) || !matches(r.level, levels); });
    return rows;
}

void write_rows(JsonWriter& w, const std::vector<DataRow>& rows) {
    w.begin_array();
    for (const DataRow& row : rows) write_salary_row(w, row);
    w.end_array();
}

void write_ids(JsonWriter& w, const std::vector<std::string>& ids) {
    w.begin_array();
    for (const std::string& id : ids) w.string(id);
    w.end_array();
}

}  // namespace

QueryResult salary_figures(const Advisor& advisor, const std::vector<std::string>& locations,
                           const std::vector<std::string>& levels) {
    QueryResult result;
    const auto location_ids = resolve_all(advisor, Filter::location, locations, result.error);
    if (!location_ids) return {false, {}, result.error};
    const auto level_ids = resolve_all(advisor, Filter::level, levels, result.error);
    if (!level_ids) return {false, {}, result.error};
    const std::vector<DataRow> rows = rows_for(advisor, *location_ids, *level_ids);

    JsonWriter w(result.body);
    w.begin_object();
    w.key("kind").string("salary");
    w.key("unit").string("USD/year");
    w.key("filters").begin_object();
    if (!location_ids->empty()) write_ids(w.key("location"), *location_ids);
    if (!level_ids->empty()) write_ids(w.key("level"), *level_ids);
    w.end_object();
    w.key("rows");
    write_rows(w, rows);
    const Intent* salary = advisor.find_intent("salary");
    if (rows.empty() && salary != nullptr && !salary->answer.combination.empty()) {
        std::vector<std::string> names;
        for (const std::string& id : *location_ids)
            names.push_back(advisor.entities.display_name("location", id));
        for (const std::string& id : *level_ids) names.push_back(advisor.entities.display_name("level", id));
        w.key("note").string(with_entities(salary->answer.combination, names, advisor.style));
        std::vector<DataRow> nearest = rows_for(advisor, *location_ids, {});
        for (DataRow& row : rows_for(advisor, {}, *level_ids)) nearest.push_back(std::move(row));
        w.key("nearest");
        write_rows(w, nearest);
    }
    w.end_object();
    return result;
}

json salary_filters(const Advisor& advisor) {
    json body = json::object();
    for (Filter filter : {Filter::location, Filter::level}) {
        json values = json::array();
        for (const std::string& id : covered_ids(advisor.knowledge, filter)) {
            values.push_back({{"id", id}, {"name", advisor.entities.display_name(kind_of(filter), id)}});
        }
        body[kind_of(filter)] = std::move(values);
    }
    return body;
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
