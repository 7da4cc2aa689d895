#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "channels/render.hpp"
#include "knowledge/figure_text.hpp"

namespace channels {

namespace {

std::string amount(double value, bool compact) {
    if (compact && value >= 1000 && std::fmod(value, 1000) == 0) {
        return "$" + knowledge::format_number(value / 1000) + "K";
    }
    return "$" + knowledge::format_number(value);
}

}  // namespace

std::string figure_text(const intents::DataRow& row, bool compact) {
    std::string text;
    if (row.low && row.high) {
        text = amount(*row.low, compact) + (compact ? "-" : "\u2013") + amount(*row.high, compact);
        if (row.open_ended) text += "+";
    } else if (row.value) {
        text = amount(*row.value, compact);
        if (row.open_ended)
            text = (row.scope == "minimum" ? "over " : "") + text + (row.scope == "minimum" ? "" : "+");
    }
    if (row.approximate) text = "about " + text;
    return text;
}

std::string publishers(const intents::Answer& answer, bool with_links) {
    std::string out;
    std::vector<std::string_view> named;
    for (const intents::SourceRef& source : answer.sources) {
        const std::string& name = source.publisher.empty() ? source.title : source.publisher;
        if (std::find(named.begin(), named.end(), name) != named.end()) continue;
        named.push_back(name);
        if (!out.empty()) out += ", ";
        out += name;
        if (with_links && !source.url.empty()) out += " " + source.url;
    }
    return out;
}

}  // namespace channels
