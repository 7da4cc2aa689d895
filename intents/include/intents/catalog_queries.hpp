#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "intents/advisor.hpp"

namespace intents {

// The outcome of a query from the HTTP API: a JSON body, or an error message (a 400 for the caller).
struct QueryResult {
    bool ok = true;
    nlohmann::json body;
    std::string error;
};

// The salary figures of the knowledge base, optionally only those for one location and/or one
// experience level. Filter values are matched like chat text ("San Francisco", "sf", "senior",
// "seniors"); a value that names nothing the sources cover is an error listing the known values.
// Empty filters mean "all".
QueryResult salary_figures(const Advisor& advisor, const std::string& location, const std::string& level);

// What the advisor can answer: one entry per topical intent, with its topic title and an example question.
nlohmann::json topics(const Advisor& advisor);

}  // namespace intents
