#include "intents/matcher.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <map>

namespace intents {

struct Matcher::Impl {
    re2::RE2::Set set;
    explicit Impl(const re2::RE2::Options& options) : set(options, re2::RE2::UNANCHORED) {}
};

Matcher::Matcher() = default;
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;
Matcher::~Matcher() = default;

knowledge::LoadResult<Matcher> Matcher::build(const std::vector<Intent>& intents) {
    re2::RE2::Options options;
    options.set_log_errors(false);  // RE2::Quiet: errors surface only through our messages
    options.set_case_sensitive(false);
    Matcher m;
    m.impl_ = std::make_unique<Impl>(options);
    std::vector<std::string> errors;
    for (std::size_t i = 0; i < intents.size(); ++i) {
        const Intent& intent = intents[i];
        m.priorities_.push_back(intent.priority);
        for (std::size_t p = 0; p < intent.patterns.size(); ++p) {
            std::string error;
            if (m.impl_->set.Add(intent.patterns[p].regex, &error) < 0) {
                errors.push_back(intent.file + ": intent '" + intent.id + "' pattern " + std::to_string(p) +
                                 " '" + intent.patterns[p].regex + "': " + error);
                continue;
            }
            m.owners_.push_back(Owner{i, intent.patterns[p].weight});
        }
    }
    if (!errors.empty()) return knowledge::LoadResult<Matcher>::failure(std::move(errors));
    if (!m.impl_->set.Compile()) {
        return knowledge::LoadResult<Matcher>::failure(
            {"intents: the pattern set is too large for RE2 to compile"});
    }
    return knowledge::LoadResult<Matcher>::success(std::move(m));
}

std::vector<IntentScore> Matcher::score(std::string_view normalized_text) const {
    std::vector<int> hits;
    std::vector<IntentScore> scores;
    if (!impl_ || owners_.empty() || !impl_->set.Match(normalized_text, &hits)) return scores;
    std::map<std::size_t, double> by_intent;
    for (int hit : hits) {
        const Owner& owner = owners_[static_cast<std::size_t>(hit)];
        by_intent[owner.intent] += owner.weight;
    }
    // A negative weight marks a phrasing that is not about the intent ("how much cloud knowledge" is
    // not pay); an intent whose cues add up to nothing or less did not match.
    for (const auto& [intent, total] : by_intent) {
        if (total > 0) scores.push_back(IntentScore{intent, total});
    }
    std::sort(scores.begin(), scores.end(), [this](const IntentScore& a, const IntentScore& b) {
        if (a.score != b.score) return a.score > b.score;
        if (priorities_[a.intent] != priorities_[b.intent])
            return priorities_[a.intent] > priorities_[b.intent];
        return a.intent < b.intent;
    });
    return scores;
}

}  // namespace intents
