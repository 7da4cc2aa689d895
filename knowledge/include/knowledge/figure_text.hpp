#pragma once

#include <string>
#include <vector>

#include "knowledge/types.hpp"

namespace knowledge {

// "125,000" for 125000; "7.5" for 7.5.
std::string format_number(double value);

// How a single number may be written in a fact's text ("125,000", "$125,000" and "125K" for money,
// "13%" for percent). The loader requires one of them to appear, so text and data cannot drift.
std::vector<std::string> accepted_spellings(double value, const std::string& unit);

// The numbers of a figure: value, or low and high.
std::vector<double> numbers_of(const Figure& figure);

// "$160,000–$200,000+ a year" style rendering of a figure, for tables and charts.
std::string describe(const Figure& figure);
// The same, with each amount spelled as `text` (the fact's sentence) spells it: "$91K" stays "$91K".
std::string describe(const Figure& figure, const std::string& text);

}  // namespace knowledge
