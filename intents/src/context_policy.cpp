#include "intents/context_policy.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <string_view>

#include "intents/advisor.hpp"
#include "intents/message_bounds.hpp"

namespace intents {

namespace {

// Written by us within the policy's age. Times before 1970 are not ours, and once both times are
// known to be non-negative neither difference can overflow (INT64_MIN would, as a plain
// `now - at`, and wrap to a context that never expires).
bool fresh(std::int64_t at_ms, std::int64_t now_ms, const ContextPolicy& policy) {
    if (at_ms < 0 || now_ms < 0) return false;
    if (at_ms > now_ms) return at_ms - now_ms <= policy.max_skew_ms;
    return now_ms - at_ms <= policy.max_age_ms;
}

bool is_digits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// As the entity extractor finds amounts in a question: "$130000" is kept as "130000", at most 9 digits.
bool is_amount(const std::string& value) { return !value.empty() && value.size() <= 9 && is_digits(value); }

bool in_catalogue(const EntityExtractor& catalogue, const std::string& kind, const std::string& value) {
    return std::any_of(catalogue.kinds().begin(), catalogue.kinds().end(), [&](const EntityKind& k) {
        return k.kind == kind && !k.routing_only &&
               std::any_of(k.values.begin(), k.values.end(),
                           [&](const EntityValue& v) { return v.id == value; });
    });
}

Entities known_entities(const EntityExtractor& catalogue, const Entities& entities) {
    Entities kept;
    for (const auto& [kind, values] : entities) {
        for (const std::string& value : values) {
            const bool known = kind == "amount" ? is_amount(value) : in_catalogue(catalogue, kind, value);
            if (!known) continue;
            auto& into = kept[kind];
            if (into.size() >= max_values_per_kind) break;  // as many as a question may name
            if (std::find(into.begin(), into.end(), value) == into.end()) into.push_back(value);
        }
    }
    return kept;
}

// "id" or "id@N" as the composer writes them: a fact, and the N < its item count items of its list shown.
bool is_shown_entry(const knowledge::KnowledgeBase& knowledge, const std::string& entry) {
    const std::size_t at = entry.find('@');
    const knowledge::Fact* fact = knowledge.find_fact(std::string_view(entry).substr(0, at));
    if (fact == nullptr) return false;
    if (at == std::string::npos) return true;
    const std::string_view count = std::string_view(entry).substr(at + 1);
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), n);
    return ec == std::errc() && end == count.data() + count.size() && n < fact->items.size();
}

}  // namespace

bool expired(const Context& context, std::int64_t now_ms, const ContextPolicy& policy) {
    if (context.empty()) return false;
    return context.turns >= policy.max_turns || !fresh(context.updated_at_ms, now_ms, policy);
}

Context sanitize(const Context& context, const Advisor& advisor, std::int64_t now_ms,
                 const ContextPolicy& policy) {
    const Intent* topic = advisor.find_intent(context.last_intent);
    if (topic == nullptr || topic->kind != IntentKind::topic) return {};
    if (expired(context, now_ms, policy)) return {};
    Context kept{context.last_intent,
                 known_entities(advisor.entities, context.entities),
                 std::max(context.turns, 0),
                 context.updated_at_ms,
                 {}};
    const std::size_t newest_from = context.shown.size() - std::min(context.last_shown, context.shown.size());
    for (std::size_t i = 0; i < context.shown.size(); ++i) {
        if (!is_shown_entry(advisor.knowledge, context.shown[i])) continue;
        kept.shown.push_back(context.shown[i]);
        if (i >= newest_from) ++kept.last_shown;
    }
    return kept;
}

}  // namespace intents
