#pragma once

#include <string>
#include <utility>
#include <vector>

#include "intents/composer.hpp"
#include "intents/intent.hpp"
#include "knowledge/knowledge_base.hpp"

// The composer's lines about pay figures: sums placed against figures, and the verdict of a two-value
// comparison. Pure; wording from the intent's figure_notes and the answer style.
namespace intents {

using YearlyFigure = std::pair<const knowledge::Figure*, const knowledge::Fact*>;

struct FigureNoteLines {
    std::vector<std::string> lines;
};

// "Is $X good?" lines for the yearly figures a part used. The composer puts them first.
FigureNoteLines figure_notes(const FigureNotes& notes, const Entities& entities,
                             const std::vector<YearlyFigure>& yearly, const knowledge::KnowledgeBase& kb,
                             const AnswerStyle& style);

// The sums the question names as the figure notes write them ("$250,000"): the asker's, not the guides'.
std::vector<std::string> written_sums(const Entities& entities, const AnswerStyle& style);

// The fact of `notes.amount.reach_aspect` whose yearly figure reaches the one sum the question names
// when that sum is above every figure `yearly` holds and no level, place or other aspect ("average") is
// named: a closed range holding it, else the open-ended figure with the highest start at or below it. Null
// when there is none or no such sum.
const knowledge::Fact* reaching_fact(const FigureNotes& notes, const Entities& entities,
                                     const std::vector<YearlyFigure>& yearly,
                                     const knowledge::KnowledgeBase& kb);

// "Seattle ($140,000–$170,000 a year) is above every average and median the guides give for the
// United States": where the first value's main figure stands against the second value's figures;
// "" when either has none.
std::string compare_two(const std::vector<std::vector<const knowledge::Fact*>>& per_value,
                        const std::vector<std::string>& names, const AnswerStyle& style);

}  // namespace intents
