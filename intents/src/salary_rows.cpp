#include "intents/salary_rows.hpp"

#include <algorithm>
#include <tuple>

namespace intents {

namespace {

bool same_figure(const DataRow& a, const DataRow& b) {
    return std::tie(a.source, a.scope, a.value, a.low, a.high, a.open_ended, a.period, a.location, a.level) ==
           std::tie(b.source, b.scope, b.value, b.low, b.high, b.open_ended, b.period, b.location, b.level);
}

}  // namespace

std::vector<DataRow> salary_rows(const std::vector<const knowledge::Fact*>& facts,
                                 const knowledge::FigureWords& words) {
    std::vector<DataRow> rows;
    for (const knowledge::Fact* fact : facts) {
        for (const knowledge::Figure& f : fact->figures) {
            if (!is_pay_row(f)) continue;
            knowledge::Figure amount_only = f;
            amount_only.unit = "USD";  // the amount as written, without " a year"
            DataRow row{f.label,       knowledge::to_string(f.scope),
                        f.value,       f.low,
                        f.high,        f.open_ended,
                        f.approximate, f.comparison,
                        f.period,      f.location,
                        f.level,       fact->source,
                        {fact->id},    knowledge::describe(amount_only, fact->text, words)};
            auto same =
                std::find_if(rows.begin(), rows.end(), [&](const DataRow& r) { return same_figure(r, row); });
            if (same == rows.end()) {
                rows.push_back(std::move(row));
            } else if (std::find(same->facts.begin(), same->facts.end(), fact->id) == same->facts.end()) {
                same->facts.push_back(fact->id);
            }
        }
    }
    return rows;
}

bool is_pay_row(const knowledge::Figure& figure) { return figure.unit == "USD/year"; }

}  // namespace intents
