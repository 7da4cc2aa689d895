#pragma once

#include <vector>

#include "intents/answer.hpp"
#include "knowledge/figure_text.hpp"
#include "knowledge/types.hpp"

namespace intents {

// The USD/year figures of `facts`, in order, as the rows that answers' `data` and GET /api/v1/salary
// show. Figures that state the same number for the same population in one source are one row naming
// every fact that states it (Noble Desktop's $115,000 average appears in four places of its guide):
// same source, scope, value or range, open end, period, location and level. The row keeps the label
// of its first figure, and its `figure` text is written with `words` as the answer text writes it
// ("about $125,000", "$91K", "$150,000–$200,000+"), without the unit's period: charts and tables
// show it as it is. Pure.
std::vector<DataRow> salary_rows(const std::vector<const knowledge::Fact*>& facts,
                                 const knowledge::FigureWords& words);

// True when the figure is a yearly pay figure: one salary_rows() lists.
bool is_pay_row(const knowledge::Figure& figure);

}  // namespace intents
