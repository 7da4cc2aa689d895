#include "intents/responder.hpp"

#include <algorithm>

#include "intents/composer.hpp"
#include "intents/normalizer.hpp"

namespace intents {

namespace {

constexpr std::string_view fallback_id = "fallback";
constexpr std::string_view followup_id = "followup";
constexpr std::string_view clarify_id = "clarify";

// Topical intents answer from facts; small talk (greeting, thanks, ...) does not, and so does not
// replace the topic that follow-ups refer to.
bool is_topical(const Intent* intent) {
    if (intent == nullptr || !intent->answer.by_entity.empty()) return intent != nullptr;
    return std::any_of(intent->answer.lines.begin(), intent->answer.lines.end(),
                       [](const std::string& line) { return line.find("{fact:") != std::string::npos; });
}

// One resolved question: which intent answers it and with which entities.
struct Resolved {
    const Intent* intent = nullptr;
    Entities entities;
    std::vector<const Intent*> alternatives;  // set when the question is ambiguous
    bool more = false;                        // "tell me more" / "why?" about the last topic
    std::vector<const Intent*> near;          // topics that matched too weakly to answer, for suggestions
};

Entities merge(const Entities& older, const Entities& newer) {
    Entities merged = older;
    for (const auto& [kind, values] : newer) merged[kind] = values;
    return merged;
}

// The text without leading conjunctions and acknowledgements ("and", "so", "ok"), which make a
// message look like a follow-up even when it asks something new.
std::string without_leading_joiners(const std::string& normalized) {
    static const char* const joiners[] = {"and", "so", "but", "also", "plus", "or", "then", "ok", "okay", "now"};
    std::string_view rest = normalized;
    for (bool stripped = true; stripped;) {
        stripped = false;
        for (const char* j : joiners) {
            const std::string_view word(j);
            if (rest.starts_with(word) && rest.size() > word.size() && rest[word.size()] == ' ') {
                rest.remove_prefix(word.size() + 1);
                stripped = true;
            }
        }
    }
    return std::string(rest);
}

// The best topical intent among scores, if its score is at least `min_score`.
const IntentScore* best_topical(const Advisor& advisor, const std::vector<IntentScore>& scores, double min_score) {
    for (const IntentScore& s : scores) {
        const Intent& intent = advisor.intents[s.intent];
        if (intent.id == followup_id || intent.id == fallback_id) continue;
        return s.score >= min_score ? &s : nullptr;
    }
    return nullptr;
}

// A strong match: more than one weak cue (weights are documented in docs/intents.md).
constexpr double strong_score = 2.0;
// Below this, a single weak cue ("good", "future") is not enough to answer a topic.
constexpr double min_answer_score = 1.0;

Resolved resolve(const Advisor& advisor, const Context& context, const std::string& normalized) {
    const Intent* fallback = advisor.find_intent(fallback_id);
    const Entities found = advisor.entities.extract(normalized);
    // Another occupation named without any word of our domain ("is being a lawyer worth it") is
    // outside what the advisor knows, whatever generic words ("worth it", "skills") it shares.
    Resolved r;
    r.intent = fallback;
    if (found.contains("occupation") && !found.contains("domain")) return r;
    r.entities = advisor.entities.visible(found);
    auto scores = advisor.matcher.score(normalized);
    const Intent* last = context.empty() ? nullptr : advisor.find_intent(context.last_intent);

    if (!scores.empty() && advisor.intents[scores.front().intent].id == followup_id) {
        // "and what skills do I need?" is a new question that starts like a follow-up.
        const auto rest_scores = advisor.matcher.score(without_leading_joiners(normalized));
        const IntentScore* fresh = best_topical(advisor, rest_scores, last ? strong_score : 0.0);
        if (fresh != nullptr) {
            scores = {*fresh};
        } else if (last != nullptr) {
            r.more = r.entities.empty();  // nothing new named: the user wants more on the same thing
            r.intent = last;
            r.entities = merge(context.entities, r.entities);
            return r;
        } else {
            return r;  // a follow-up to nothing
        }
    }
    const Intent* best = scores.empty() ? nullptr : &advisor.intents[scores.front().intent];
    // A bare entity ("seniors?", "in austin") continues the last topic with its entities updated.
    if ((best == nullptr || best->id == fallback_id) && !r.entities.empty() && last != nullptr &&
        (best == nullptr || scores.front().score < strong_score)) {
        r.intent = last;
        r.entities = merge(context.entities, r.entities);
        return r;
    }
    if (best == nullptr) return r;
    // Fallback, or a topic matched only by one weak cue: say what we can help with, and suggest the
    // topics the question came close to, rather than answer with confidence.
    if (best->id == fallback_id || (is_topical(best) && scores.front().score < min_answer_score)) {
        for (const IntentScore& s : scores) {
            const Intent* near = &advisor.intents[s.intent];
            if (is_topical(near) && r.near.size() < 3) r.near.push_back(near);
        }
        return r;
    }
    r.intent = best;
    // Two topical intents tied on weak cues only, neither backed by an entity of the question:
    // ask rather than guess.
    if (scores.size() >= 2 && is_topical(best) && scores.front().score < strong_score &&
        advisor.find_intent(clarify_id) != nullptr) {
        const Intent* second = &advisor.intents[scores[1].intent];
        auto entity_backed = [&r](const Intent* intent) {
            return std::any_of(intent->answer.by_entity.begin(), intent->answer.by_entity.end(),
                               [&r](const EntityRule& rule) { return r.entities.contains(rule.entity); });
        };
        if (scores[1].score == scores[0].score && is_topical(second) && !entity_backed(best) && !entity_backed(second)) {
            r.alternatives = {best, second};
        }
    }
    return r;
}

std::vector<SourceRef> sources_of(const Advisor& advisor, const std::vector<const knowledge::Fact*>& facts) {
    std::vector<SourceRef> refs;
    for (const knowledge::Fact* fact : facts) {
        const bool seen = std::any_of(refs.begin(), refs.end(), [&](const SourceRef& s) { return s.id == fact->source; });
        if (seen) continue;
        const knowledge::Source* source = advisor.knowledge.find_source(fact->source);
        refs.push_back(SourceRef{fact->source, source ? source->title : fact->source});
    }
    return refs;
}

std::vector<DataRow> salary_rows_of(const std::vector<const knowledge::Fact*>& facts) {
    std::vector<DataRow> rows;
    for (const knowledge::Fact* fact : facts) {
        for (const knowledge::Figure& f : fact->figures) {
            if (f.unit != "USD/year") continue;
            rows.push_back(DataRow{f.label, knowledge::to_string(f.scope), f.value, f.low, f.high, f.open_ended,
                                   f.period, fact->source});
        }
    }
    return rows;
}

void append_part(Answer& answer, const std::string& intent, const std::string& text) {
    answer.parts.push_back(AnswerPart{intent, text});
    if (!answer.text.empty()) answer.text += "\n\n";
    answer.text += text;
}

void add_suggestions(Answer& answer, const std::vector<std::string>& suggestions) {
    for (const std::string& s : suggestions) {
        if (answer.suggestions.size() >= 3) return;
        if (std::find(answer.suggestions.begin(), answer.suggestions.end(), s) == answer.suggestions.end()) {
            answer.suggestions.push_back(s);
        }
    }
}

void answer_clarification(const Advisor& advisor, const Resolved& r, Answer& answer) {
    const Intent* clarify = advisor.find_intent(clarify_id);  // resolve() asks only when it exists
    append_part(answer, clarify->id, clarify->answer.lines.empty() ? std::string() : clarify->answer.lines.front());
    for (const Intent* alternative : r.alternatives) {
        if (!alternative->examples.empty()) add_suggestions(answer, {alternative->examples.front()});
    }
}

}  // namespace

Answer respond(const Advisor& advisor, const Context& incoming, std::string_view text, std::int64_t now_ms,
               const ContextPolicy& policy) {
    const bool expired = incoming.turns >= policy.max_turns || now_ms - incoming.updated_at_ms > policy.max_age_ms;
    const Context context = expired ? Context{} : incoming;
    const std::string normalized = normalize(text, advisor.lexicon);

    // Several clauses with different topical intents are answered part by part; otherwise the
    // message is one question.
    std::vector<Resolved> questions;
    std::string pending;  // clauses that are context for the next question ("I'm 34, how do I start?")
    for (const Clause& clause : normalize_clauses(text, advisor.lexicon)) {
        Resolved r = resolve(advisor, context, pending + clause.text);
        const bool small_talk = r.intent != nullptr && !is_topical(r.intent) && r.intent->id != fallback_id &&
                                r.intent->id != followup_id;
        if (!clause.question && !small_talk) {
            pending += clause.text + " ";
            continue;
        }
        pending.clear();
        if (r.intent == nullptr || r.intent->id == fallback_id) continue;
        auto same = std::find_if(questions.begin(), questions.end(),
                                 [&](const Resolved& q) { return q.intent == r.intent; });
        if (same != questions.end()) {
            same->entities = merge(same->entities, r.entities);
        } else {
            questions.push_back(std::move(r));
        }
    }
    if (questions.size() < 2) questions = {resolve(advisor, context, normalized)};

    Answer answer;
    std::vector<const knowledge::Fact*> facts;
    for (const Resolved& q : questions) {
        if (!q.alternatives.empty() && questions.size() == 1) {
            answer_clarification(advisor, q, answer);
            continue;
        }
        // The best suggestions for an unanswered question are the topics it came close to.
        for (const Intent* near : q.near) {
            if (!near->examples.empty()) add_suggestions(answer, {near->examples.front()});
        }
        ComposedPart part = q.more ? compose_more(*q.intent, advisor.knowledge)
                                   : compose(*q.intent, q.entities, advisor.knowledge, advisor.entities);
        if (q.more && part.text.empty()) {
            // Nothing more in the data: say so, and offer the intent's follow-up questions.
            const Intent* followup = advisor.find_intent(followup_id);
            if (followup != nullptr && !followup->answer.lines.empty()) part.text = followup->answer.lines.front();
        }
        append_part(answer, q.intent->id, part.text);
        facts.insert(facts.end(), part.facts.begin(), part.facts.end());
        add_suggestions(answer, q.intent->suggestions);
        for (const auto& [kind, values] : q.entities) answer.entities[kind] = values;
    }
    answer.intent = answer.parts.empty() ? std::string(fallback_id) : answer.parts.front().intent;
    answer.sources = sources_of(advisor, facts);
    answer.salary_rows = salary_rows_of(facts);

    const Resolved& last = questions.back();
    if (is_topical(last.intent) && last.alternatives.empty()) {
        answer.context = Context{last.intent->id, last.entities, 0, now_ms};
    } else {
        answer.context = context;
        if (!answer.context.empty()) {
            answer.context.turns += 1;
            answer.context.updated_at_ms = now_ms;
        }
    }
    return answer;
}

}  // namespace intents
