#pragma once

#include <string>
#include <vector>

#include "intents/advisor.hpp"

namespace intents {

// Each intent's own examples, asked with no context, must be answered by that intent. Returns one
// line per example that is not: no pattern of the intent matches it, or another intent wins.
std::vector<std::string> check_examples(const Advisor& advisor);

}  // namespace intents
