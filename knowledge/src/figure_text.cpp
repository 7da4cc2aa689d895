#include "knowledge/figure_text.hpp"

#include <cmath>
#include <cstdio>

namespace knowledge {

std::string format_number(double value) {
    const bool whole = std::floor(value) == value;
    if (!whole) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", value);
        return buf;
    }
    std::string digits = std::to_string(static_cast<long long>(value));
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(digits[i]);
        const std::size_t left = n - i - 1;
        if (left > 0 && left % 3 == 0 && digits[i] != '-') out.push_back(',');
    }
    return out;
}

std::vector<std::string> accepted_spellings(double value, const std::string& unit) {
    if (unit == "percent") return {format_number(value) + "%"};
    std::vector<std::string> out{format_number(value)};
    const bool thousands = value >= 1000 && std::fmod(value, 1000.0) == 0.0;
    if (thousands) out.push_back(format_number(value / 1000) + "K");
    return out;
}

std::vector<double> numbers_of(const Figure& figure) {
    std::vector<double> out;
    if (figure.value) out.push_back(*figure.value);
    if (figure.low) out.push_back(*figure.low);
    if (figure.high) out.push_back(*figure.high);
    return out;
}

namespace {

// The number as `text` writes it, when it uses the "91K" spelling; else "91,000".
std::string spelled(double v, const std::string& text) {
    for (const std::string& spelling : accepted_spellings(v, "USD/year")) {
        if (spelling.back() == 'K' && text.find(spelling) != std::string::npos) return spelling;
    }
    return format_number(v);
}

std::string amount(double v, const std::string& unit, const std::string& text) {
    if (unit == "USD/year") return "$" + spelled(v, text);
    if (unit == "percent") return format_number(v) + "%";
    return format_number(v);
}

std::string unit_suffix(const std::string& unit) {
    if (unit == "USD/year") return " a year";
    if (unit == "jobs/year") return " jobs a year";
    if (unit == "people") return " people";
    if (unit == "weeks") return " weeks";
    if (unit == "years") return " years";
    return "";
}

}  // namespace

std::string describe(const Figure& figure) { return describe(figure, ""); }

std::string describe(const Figure& figure, const std::string& text) {
    std::string out;
    if (figure.approximate) out += "about ";
    if (figure.scope == Scope::range && figure.low && figure.high) {
        out += amount(*figure.low, figure.unit, text) + "–" + amount(*figure.high, figure.unit, text);
    } else if (figure.value) {
        if (figure.scope == Scope::minimum) out += "over ";
        out += amount(*figure.value, figure.unit, text);
    }
    if (figure.open_ended && figure.scope != Scope::minimum) out += "+";
    out += unit_suffix(figure.unit);
    return out;
}

}  // namespace knowledge
