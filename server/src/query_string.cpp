#include "server/query_string.hpp"

#include "channels/form.hpp"

namespace server {

std::optional<std::map<std::string, std::string>> parse_query(std::string_view target) {
    std::map<std::string, std::string> params;
    const std::size_t mark = target.find('?');
    if (mark == std::string_view::npos) return params;
    // A query is form-encoded, as a POSTed form body is.
    const auto fields = channels::parse_form(target.substr(mark + 1));
    if (!fields) return std::nullopt;
    for (const auto& [name, value] : *fields) {
        if (!params.emplace(name, value).second) return std::nullopt;
    }
    return params;
}

std::vector<std::string> comma_list(std::string_view value) {
    std::vector<std::string> out;
    while (!value.empty()) {
        const std::size_t comma = value.find(',');
        std::string_view item = value.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
    return out;
}

}  // namespace server
