#include "intents/responder.hpp"

#include <algorithm>
#include <set>

#include "intents/composer.hpp"
#include "intents/normalizer.hpp"

namespace intents {

namespace {

constexpr std::string_view fallback_id = "fallback";
constexpr std::string_view followup_id = "followup";
constexpr std::string_view clarify_id = "clarify";

const std::set<std::string, std::less<>> question_words{
    "what", "how", "where", "which", "who", "why", "when", "is", "are", "do", "does", "can",
    "could", "should", "will", "would", "tell", "whats", "hows", "any", "give", "list"};

std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) words.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

// One resolved question: which intent answers it and with which entities.
struct Resolved {
    const Intent* intent = nullptr;
    Entities entities;
    std::vector<const Intent*> alternatives;  // set when the question is ambiguous
};

Entities merge(const Entities& older, const Entities& newer) {
    Entities merged = older;
    for (const auto& [kind, values] : newer) merged[kind] = values;
    return merged;
}

Resolved resolve(const Advisor& advisor, const Context& context, const std::string& normalized) {
    const Intent* fallback = advisor.find_intent(fallback_id);
    Resolved r{fallback, advisor.entities.extract(normalized), {}};
    const auto scores = advisor.matcher.score(normalized);
    const Intent* best = scores.empty() ? nullptr : &advisor.intents[scores.front().intent];
    const Intent* last = context.empty() ? nullptr : advisor.find_intent(context.last_intent);

    // A follow-up ("what about austin?", "tell me more") or a bare entity ("seniors?") continues the
    // last topic with its entities updated.
    const bool followup = best != nullptr && best->id == followup_id;
    const bool bare_entities = best == nullptr && !r.entities.empty();
    if (followup || bare_entities || (best != nullptr && best->id == fallback_id && !r.entities.empty())) {
        if (last != nullptr) {
            r.intent = last;
            r.entities = merge(context.entities, r.entities);
        }
        return r;
    }
    if (best == nullptr) return r;
    r.intent = best;
    if (scores.size() >= 2) {
        const Intent* second = &advisor.intents[scores[1].intent];
        const bool tie = scores[1].score == scores[0].score && second->priority == best->priority;
        if (tie && second->id != fallback_id && second->id != followup_id) r.alternatives = {best, second};
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
    const Intent* clarify = advisor.find_intent(clarify_id);
    const std::string text = clarify && !clarify->answer.lines.empty() ? clarify->answer.lines.front()
                                                                         : "Which of these did you mean?";
    append_part(answer, std::string(clarify_id), text);
    for (const Intent* alternative : r.alternatives) {
        if (!alternative->examples.empty()) add_suggestions(answer, {alternative->examples.front()});
    }
}

bool is_topical(const Intent* intent) {
    return intent != nullptr && intent->id != fallback_id && intent->id != followup_id &&
           !intent->answer.by_entity.empty() + !intent->answer.lines.empty() > 0;
}

}  // namespace

std::vector<std::string> split_questions(const std::string& normalized) {
    std::vector<std::string> clauses;
    std::string current;
    const auto words = words_of(normalized);
    auto flush = [&]() {
        if (!current.empty()) clauses.push_back(current);
        current.clear();
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w == "?") {
            flush();
            continue;
        }
        const bool joiner = w == "and" || w == "also" || w == "plus";
        const bool question_follows = i + 1 < words.size() && question_words.contains(words[i + 1]);
        if (joiner && question_follows && !current.empty()) {
            flush();
            continue;
        }
        if (!current.empty()) current.push_back(' ');
        current += w;
    }
    flush();
    return clauses;
}

Answer respond(const Advisor& advisor, const Context& incoming, std::string_view text, std::int64_t now_ms,
               const ContextPolicy& policy) {
    const bool expired = incoming.turns >= policy.max_turns || now_ms - incoming.updated_at_ms > policy.max_age_ms;
    const Context context = expired ? Context{} : incoming;
    const std::string normalized = normalize(text, advisor.lexicon);

    // Several clauses with different topical intents are answered part by part; otherwise the
    // message is one question.
    std::vector<Resolved> questions;
    for (const std::string& clause : split_questions(normalized)) {
        Resolved r = resolve(advisor, context, clause);
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
        if (q.intent == nullptr) {
            append_part(answer, std::string(fallback_id), "I can help with questions about the back-end web developer career.");
            continue;
        }
        ComposedPart part = compose(*q.intent, q.entities, advisor.knowledge, advisor.entities);
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
