#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "intents/advisor.hpp"

namespace intents {

// The advisor's data for programs, as the HTTP API serves it (docs/api.md): GET /api/v1/salary,
// /api/v1/salary/filters and /api/v1/topics. JSON in, JSON out; no I/O.

// The outcome of a query from the HTTP API: a JSON text, or an error message (a 400 for the caller).
struct QueryResult {
    bool ok = true;
    std::string body;
    std::string error;
};

// GET /api/v1/salary (docs/api.md): the salary rows of the knowledge base (salary_rows.hpp), or only
// those for any of `locations` and any of `levels`. Values are matched like chat text ("San
// Francisco", "sf", "seniors"); one that names nothing the sources cover is an error listing the known
// values, and so is a list of more than 20 values. Empty lists mean "all". When the filters together match
// nothing (the sources never give pay for a city and a level at once), the body says so in `note` (the salary
// intent's `combination` line) and gives the rows of each filter on its own as `nearest`.
QueryResult salary_figures(const Advisor& advisor, const std::vector<std::string>& locations,
                           const std::vector<std::string>& levels);

// GET /api/v1/salary/filters: the locations and levels salary figures cover, as {"id","name"}.
nlohmann::json salary_filters(const Advisor& advisor);

// What the advisor can answer: one entry per topical intent, with its topic title and an example question.
nlohmann::json topics(const Advisor& advisor);

}  // namespace intents
