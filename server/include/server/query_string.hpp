#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace server {

// The parameters of a request target's query ("/p?a=1&b=x%20y" -> {a:1, b:"x y"}), with `+` and
// %XX decoded. nullopt for a malformed escape or a repeated name.
std::optional<std::map<std::string, std::string>> parse_query(std::string_view target);

// A parameter that may hold several values, "seattle,austin" -> {"seattle", "austin"}: split at commas,
// spaces around each value trimmed, empty values left out.
std::vector<std::string> comma_list(std::string_view value);

}  // namespace server
