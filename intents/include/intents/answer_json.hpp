#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "intents/answer.hpp"
#include "intents/json_writer.hpp"

namespace intents {

// The members of the protocol's answer object (docs/protocol.md) but `type` and `id`, which the
// transport adds: "intent","text","parts","suggestions","sources","entities","context"[,"data"],
// written into an object the caller has begun. The one definition of the answer's JSON form.
void write_answer_members(JsonWriter& writer, const Answer& answer);

// Those members as one object's text ({"intent":…}), as to_json() reads it.
std::string answer_object_text(const Answer& answer);

// The same as a tree (for the command line and tests; the transports write text directly).
nlohmann::json to_json(const Answer& answer);

// One salary row (answers' `data`, GET /api/v1/salary): label, scope, source, facts, the numbers that
// apply (value, or low and high), figure, then open_ended, approximate, comparison, period, location
// and level when they apply.
void write_salary_row(JsonWriter& writer, const DataRow& row);

// Whole figures as JSON integers (140000, not 140000.0); others as they are (7.5).
nlohmann::json json_number(double value);

void write_context(JsonWriter& writer, const Context& context);
nlohmann::json context_to_json(const Context& context);

// Reads a context a client sent back. Anything malformed yields nullopt and `error` says why;
// an absent or null context is the empty context. Only the shape is checked here (integers out of
// range saturate); what the values may be is sanitize()'s job (context_policy.hpp), which respond() runs.
std::optional<Context> context_from_json(const nlohmann::json& value, std::string& error);

}  // namespace intents
