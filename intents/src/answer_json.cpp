#include "intents/answer_json.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace intents {

using nlohmann::json;

namespace {

json entities_to_json(const Entities& entities) {
    json out = json::object();
    for (const auto& [kind, values] : entities) out[kind] = values;
    return out;
}

json row_to_json(const DataRow& row) {
    json out = {{"label", row.label}, {"scope", row.scope}, {"source", row.source}};
    if (row.value) out["value"] = json_number(*row.value);
    if (row.low) out["low"] = json_number(*row.low);
    if (row.high) out["high"] = json_number(*row.high);
    if (row.open_ended) out["open_ended"] = true;
    if (!row.period.empty()) out["period"] = row.period;
    return out;
}

// A JSON integer as T, out-of-range values at T's nearest end: get<int>() would wrap 2^32 turns to
// 0, a context that never expires. What the numbers may be is sanitize()'s to decide.
template <class T>
T saturated(const json& integer) {
    if (integer.is_number_unsigned()) {
        const auto v = integer.get<std::uint64_t>();
        return v > static_cast<std::uint64_t>(std::numeric_limits<T>::max()) ? std::numeric_limits<T>::max()
                                                                             : static_cast<T>(v);
    }
    return static_cast<T>(std::clamp<std::int64_t>(integer.get<std::int64_t>(), std::numeric_limits<T>::min(),
                                                    std::numeric_limits<T>::max()));
}

}  // namespace

json json_number(double v) {
    const auto whole = static_cast<std::int64_t>(v);
    if (static_cast<double>(whole) == v) return whole;
    return v;
}

json context_to_json(const Context& context) {
    if (context.empty()) return json::object();
    json out = {{"intent", context.last_intent},
                {"entities", entities_to_json(context.entities)},
                {"turns", context.turns},
                {"updated_at_ms", context.updated_at_ms}};
    if (!context.shown.empty()) out["shown"] = context.shown;
    return out;
}

std::optional<Context> context_from_json(const json& value, std::string& error) {
    Context context;
    if (value.is_null()) return context;
    if (!value.is_object()) {
        error = "context must be an object";
        return std::nullopt;
    }
    if (value.empty()) return context;
    auto intent = value.find("intent");
    if (intent == value.end() || !intent->is_string()) {
        error = "context.intent must be a string";
        return std::nullopt;
    }
    context.last_intent = intent->get<std::string>();
    if (auto turns = value.find("turns"); turns != value.end()) {
        if (!turns->is_number_integer()) {
            error = "context.turns must be an integer";
            return std::nullopt;
        }
        context.turns = saturated<int>(*turns);
    }
    if (auto at = value.find("updated_at_ms"); at != value.end()) {
        if (!at->is_number_integer()) {
            error = "context.updated_at_ms must be an integer";
            return std::nullopt;
        }
        context.updated_at_ms = saturated<std::int64_t>(*at);
    }
    if (auto shown = value.find("shown"); shown != value.end()) {
        // Only fact ids of our own answers belong here; a client can send anything, so it is bounded
        // (and sanitize() drops ids that name no fact).
        constexpr std::size_t max_shown = 64, max_id = 120;
        if (!shown->is_array() || shown->size() > max_shown) {
            error = "context.shown must be an array of at most 64 strings";
            return std::nullopt;
        }
        for (const json& id : *shown) {
            if (!id.is_string() || id.get_ref<const std::string&>().size() > max_id) {
                error = "context.shown must hold fact ids";
                return std::nullopt;
            }
            context.shown.push_back(id.get<std::string>());
        }
    }
    if (auto entities = value.find("entities"); entities != value.end()) {
        if (!entities->is_object()) {
            error = "context.entities must be an object";
            return std::nullopt;
        }
        for (const auto& [kind, values] : entities->items()) {
            if (!values.is_array()) {
                error = "context.entities." + kind + " must be an array of strings";
                return std::nullopt;
            }
            for (const json& v : values) {
                if (!v.is_string()) {
                    error = "context.entities." + kind + " must be an array of strings";
                    return std::nullopt;
                }
                context.entities[kind].push_back(v.get<std::string>());
            }
        }
    }
    return context;
}

json to_json(const Answer& answer) {
    // Built by moving each member in: an initializer list would copy every nested value once more.
    json out = json::object();
    out["intent"] = answer.intent;
    out["text"] = answer.text;
    json& parts = out["parts"] = json::array();
    for (const AnswerPart& p : answer.parts) {
        json part = json::object();
        part["intent"] = p.intent;
        part["text"] = p.text;
        if (p.not_covered) part["not_covered"] = true;
        parts.push_back(std::move(part));
    }
    out["suggestions"] = answer.suggestions;
    json& sources = out["sources"] = json::array();
    for (const SourceRef& s : answer.sources) {
        json source = json::object();
        source["id"] = s.id;
        source["title"] = s.title;
        sources.push_back(std::move(source));
    }
    out["entities"] = entities_to_json(answer.entities);
    out["context"] = context_to_json(answer.context);
    if (!answer.salary_rows.empty()) {
        json rows = json::array();
        for (const DataRow& row : answer.salary_rows) rows.push_back(row_to_json(row));
        json data = json::object();
        data["kind"] = "salary";
        data["unit"] = "USD/year";
        data["rows"] = std::move(rows);
        out["data"] = std::move(data);
    }
    return out;
}

}  // namespace intents
