#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace channels {

// An application/x-www-form-urlencoded body, as Slack and Twilio send it: name=value pairs in the order sent,
// decoded ("+" is a space, %XX a byte). A name may repeat. nullopt for a malformed %-escape.
using FormFields = std::vector<std::pair<std::string, std::string>>;
std::optional<FormFields> parse_form(std::string_view body);

// The first value of `name`, or "" when it is absent.
std::string form_value(const FormFields& fields, std::string_view name);

}  // namespace channels
