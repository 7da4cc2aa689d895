#include "reply_scan.hpp"

#include <cstddef>

namespace load {

namespace {

// The index just past the string starting at message[start] (a '"'), or npos when it is not closed.
std::size_t skip_string(std::string_view message, std::size_t start) {
    for (std::size_t i = start + 1; i < message.size(); ++i) {
        if (message[i] == '\\')
            ++i;
        else if (message[i] == '"')
            return i + 1;
    }
    return std::string_view::npos;
}

// The index just past the value starting at message[start], at any depth, or npos.
std::size_t skip_value(std::string_view message, std::size_t start) {
    int depth = 0;
    for (std::size_t i = start; i < message.size();) {
        const char c = message[i];
        if (c == '"') {
            i = skip_string(message, i);
            if (i == std::string_view::npos) return i;
            if (depth == 0) return i;
            continue;
        }
        if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']') {
            if (depth == 0) return i;  // the end of the enclosing object: a scalar value ended here
            if (--depth == 0) return i + 1;
        } else if (c == ',' && depth == 0) {
            return i;
        }
        ++i;
    }
    return std::string_view::npos;
}

std::string_view trimmed(std::string_view text) {
    constexpr std::string_view space = " \n\r\t";
    const std::size_t first = text.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

}  // namespace

ReplyFields scan_reply(std::string_view message) {
    ReplyFields fields;
    std::size_t i = message.find_first_not_of(" \n\r\t");
    if (i == std::string_view::npos || message[i] != '{') return fields;
    ++i;
    while (i < message.size()) {
        i = message.find('"', i);  // the next key (commas and spaces skipped)
        if (i == std::string_view::npos) break;
        const std::size_t key_end = skip_string(message, i);
        if (key_end == std::string_view::npos) break;
        const std::string_view key = message.substr(i + 1, key_end - i - 2);
        const std::size_t colon = message.find(':', key_end);
        if (colon == std::string_view::npos) break;
        const std::size_t value_start = colon + 1;
        const std::size_t value_end = skip_value(message, value_start);
        if (value_end == std::string_view::npos) break;
        const std::string_view value = trimmed(message.substr(value_start, value_end - value_start));
        if (key == "type" && value.size() >= 2) fields.type = value.substr(1, value.size() - 2);
        if (key == "id") fields.id = value;
        if (!fields.type.empty() && !fields.id.empty()) break;
        i = value_end;
        if (i < message.size() && message[i] == '}') break;
    }
    return fields;
}

}  // namespace load
