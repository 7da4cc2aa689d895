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

std::string amount(double v, const FigureWords::Unit& unit, const std::string& text) {
    std::string out = unit.amount;
    const std::size_t at = out.find("{number}");
    const std::string number = spelled(v, text);
    if (at == std::string::npos) return number;
    return out.replace(at, 8, number);
}

}  // namespace

std::string describe(const Figure& figure, const std::string& text, const FigureWords& words) {
    static const FigureWords::Unit bare;
    const auto found = words.units.find(figure.unit);
    const FigureWords::Unit& unit = found != words.units.end() ? found->second : bare;
    std::string out;
    if (figure.approximate) out += words.approximate;
    if (figure.scope == Scope::range && figure.low && figure.high) {
        out += amount(*figure.low, unit, text) + words.range + amount(*figure.high, unit, text);
    } else if (figure.value) {
        if (figure.scope == Scope::minimum) out += words.minimum;
        out += amount(*figure.value, unit, text);
    }
    if (figure.open_ended && figure.scope != Scope::minimum) out += words.open_ended;
    out += unit.after;
    return out;
}

}  // namespace knowledge
