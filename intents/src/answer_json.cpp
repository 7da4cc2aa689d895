#include "intents/answer_json.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace intents {

using nlohmann::json;

namespace {

void write_entities(JsonWriter& w, const Entities& entities) {
    w.begin_object();
    for (const auto& [kind, values] : entities) {
        w.key(kind).begin_array();
        for (const std::string& v : values) w.string(v);
        w.end_array();
    }
    w.end_object();
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

void write_salary_row(JsonWriter& w, const DataRow& row) {
    w.begin_object();
    w.key("label").string(row.label);
    w.key("scope").string(row.scope);
    w.key("source").string(row.source);
    w.key("facts").begin_array();
    for (const std::string& id : row.facts) w.string(id);
    w.end_array();
    if (row.value) w.key("value").number(*row.value);
    if (row.low) w.key("low").number(*row.low);
    if (row.high) w.key("high").number(*row.high);
    w.key("figure").string(row.figure);
    if (row.open_ended) w.key("open_ended").boolean(true);
    if (row.approximate) w.key("approximate").boolean(true);
    if (row.comparison) w.key("comparison").boolean(true);
    if (!row.period.empty()) w.key("period").string(row.period);
    if (!row.location.empty()) w.key("location").string(row.location);
    if (!row.level.empty()) w.key("level").string(row.level);
    w.end_object();
}

json json_number(double v) {
    const auto whole = static_cast<std::int64_t>(v);
    if (static_cast<double>(whole) == v) return whole;
    return v;
}

void write_context(JsonWriter& w, const Context& context) {
    w.begin_object();
    if (!context.empty()) {
        w.key("intent").string(context.last_intent);
        w.key("entities");
        write_entities(w, context.entities);
        w.key("turns").integer(context.turns);
        w.key("updated_at_ms").integer(context.updated_at_ms);
        if (!context.shown.empty()) {
            w.key("shown").begin_array();
            for (const std::string& id : context.shown) w.string(id);
            w.end_array();
        }
        if (context.last_shown > 0)
            w.key("last_shown").integer(static_cast<std::int64_t>(context.last_shown));
    }
    w.end_object();
}

json context_to_json(const Context& context) {
    std::string text;
    JsonWriter w(text);
    write_context(w, context);
    return json::parse(text);
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
        constexpr std::size_t max_id = 120;
        if (!shown->is_array() || shown->size() > Context::max_shown) {
            error = "context.shown must be an array of at most " + std::to_string(Context::max_shown) +
                    " strings";
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
    if (auto last = value.find("last_shown"); last != value.end()) {
        if (!last->is_number_unsigned() || last->get<std::uint64_t>() > Context::max_shown) {
            error = "context.last_shown must be an integer from 0 to 64";
            return std::nullopt;
        }
        // More than `shown` holds (a client that trimmed the list) counts as all of it: sanitize() clamps.
        context.last_shown = last->get<std::size_t>();
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

void write_answer_members(JsonWriter& w, const Answer& answer) {
    w.key("intent").string(answer.intent);
    w.key("text").string(answer.text);
    w.key("parts").begin_array();
    for (const AnswerPart& p : answer.parts) {
        w.begin_object();
        w.key("intent").string(p.intent);
        w.key("text").string(p.text);
        if (p.not_covered) w.key("not_covered").boolean(true);
        w.end_object();
    }
    w.end_array();
    w.key("suggestions").begin_array();
    for (const std::string& s : answer.suggestions) w.string(s);
    w.end_array();
    w.key("sources").begin_array();
    for (const SourceRef& s : answer.sources) {
        w.begin_object();
        w.key("id").string(s.id);
        w.key("title").string(s.title);
        if (!s.publisher.empty()) w.key("publisher").string(s.publisher);
        if (!s.published.empty()) w.key("published").string(s.published);
        if (!s.url.empty()) w.key("url").string(s.url);
        w.end_object();
    }
    w.end_array();
    w.key("entities");
    write_entities(w, answer.entities);
    w.key("context");
    write_context(w, answer.context);
    if (answer.context_expired) w.key("context_expired").boolean(true);
    if (!answer.salary_rows.empty()) {
        w.key("data").begin_object();
        w.key("kind").string("salary");
        w.key("unit").string("USD/year");
        w.key("rows").begin_array();
        for (const DataRow& row : answer.salary_rows) write_salary_row(w, row);
        w.end_array();
        w.end_object();
    }
}

std::string answer_object_text(const Answer& answer) {
    std::string text;
    JsonWriter w(text);
    w.begin_object();
    write_answer_members(w, answer);
    w.end_object();
    return text;
}

json to_json(const Answer& answer) { return json::parse(answer_object_text(answer)); }

}  // namespace intents
