#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace knowledge {

// The JSON text of a value, for anything that may hold text from outside (a client's message, a data
// file's bytes, a database row): bytes that are not UTF-8 are written as U+FFFD instead of throwing,
// so no such text can fail a reply or end the process. nlohmann's plain dump() throws type_error.316.
// `indent` as dump()'s: -1 for one line.
std::string json_text(const nlohmann::json& value, int indent = -1);

}  // namespace knowledge
