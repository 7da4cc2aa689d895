#pragma once

#include <map>
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

// The words figures are written with: wording, so it lives in data (intents/data/answering.json,
// "figures"), not here.
struct FigureWords {
    std::string approximate;  // before an approximate figure: "about "
    std::string minimum;      // before a minimum: "over "
    std::string range;        // between the low and the high end: "–"
    std::string open_ended;   // after an open-ended figure: "+"
    // Per unit ("USD/year"): how an amount is written, with {number} ("${number}", "{number}%"),
    // and what follows the figure (" a year"). A unit not listed is the bare number.
    struct Unit {
        std::string amount = "{number}";
        std::string after;
    };
    std::map<std::string, Unit> units;
};

// "$160,000–$200,000+ a year" style rendering of a figure, with each amount spelled as `text` (the
// fact's sentence) spells it: "$91K" stays "$91K".
std::string describe(const Figure& figure, const std::string& text, const FigureWords& words);

}  // namespace knowledge
