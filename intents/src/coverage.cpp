#include "intents/coverage.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "intents/language.hpp"
#include "intents/normalizer.hpp"

namespace intents {

namespace {

void add_terms(const TermRules& rules, std::string_view normalized, std::unordered_set<std::string>& into) {
    for (std::string& term : rules.terms(normalized)) into.insert(std::move(term));
}

}  // namespace

Unanswered unanswered_words(const Advisor& advisor, std::string_view question, const Answer& answer) {
    std::vector<std::string> answering;
    for (const AnswerPart& part : answer.parts) {
        const Intent* intent = advisor.find_intent(part.intent);
        if (intent == nullptr || (intent->kind != IntentKind::topic && intent->kind != IntentKind::gap))
            continue;
        answering.push_back(intent->id);
        if (!intent->continues.empty()) answering.push_back(intent->continues);
    }
    if (answering.empty()) return {};
    const TermRules& rules = advisor.passages.rules();
    std::unordered_set<std::string> accounted;
    add_terms(rules, normalize(answer.text, advisor.lexicon), accounted);
    // A sum the answer writes "$127,000" answers the question's "127k".
    for (const std::string& term : std::vector<std::string>(accounted.begin(), accounted.end())) {
        if (term.size() > 1 && term.front() == '$') accounted.insert(term.substr(1));
    }
    for (const auto& [kind, values] : answer.entities) {
        for (const EntityKind& k : advisor.entities.kinds()) {
            if (k.kind != kind) continue;
            for (const EntityValue& v : k.values) {
                if (std::find(values.begin(), values.end(), v.id) == values.end()) continue;
                for (const std::string& alias : v.aliases) add_terms(rules, alias, accounted);
                add_terms(rules, normalize(v.name, advisor.lexicon), accounted);
            }
        }
    }
    if (auto amounts = answer.entities.find("amount"); amounts != answer.entities.end())
        accounted.insert(amounts->second.begin(), amounts->second.end());
    // The word's term when the answer leaves it unanswered, else "".
    const auto unanswered_term = [&](const std::string& word) -> std::string {
        const std::vector<std::string> terms = rules.terms(word);
        if (terms.empty() || accounted.contains(terms.front())) return {};
        const bool in_examples = std::any_of(answering.begin(), answering.end(), [&](const std::string& id) {
            return advisor.passages.example_holds(id, terms.front());
        });
        return in_examples ? std::string() : terms.front();
    };
    const auto unanswered = [&](const std::string& word) { return !unanswered_term(word).empty(); };
    const auto add = [](std::vector<std::string>& list, const std::string& word) {
        if (std::find(list.begin(), list.end(), word) == list.end()) list.push_back(word);
    };
    Unanswered left;
    for (const std::string& word : split_words(normalize(question, advisor.lexicon))) {
        const std::string term = unanswered_term(word);
        if (!term.empty()) add(advisor.passages.holds(term) ? left.unused : left.unknown, word);
    }
    // Named things, read from the question as written; none when the answer refuses an injection, whose
    // names ("SYSTEM UPDATE", "Truest data was revised") the refusal answers.
    const bool refused = std::any_of(answer.parts.begin(), answer.parts.end(), [&](const AnswerPart& part) {
        const Intent* intent = advisor.find_intent(part.intent);
        return intent != nullptr && intent->refuses;
    });
    if (refused) return left;
    bool opens_sentence = true;
    for (std::size_t start = 0; start < question.size();) {
        std::size_t end = question.find(' ', start);
        if (end == std::string_view::npos) end = question.size();
        const std::string_view token = question.substr(start, end - start);
        start = end + 1;
        if (token.empty()) continue;
        const bool capital = std::isupper(static_cast<unsigned char>(token.front())) != 0;
        // A sum, a year or a share ("95k", "$120,000", "2030", "15%"); a small bare number is an age or a
        // count of years, which the level it gives answers ("4 yrs") or which names nothing the guides could
        // cover.
        const auto digits = static_cast<std::size_t>(std::count_if(token.begin(), token.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) != 0;
        }));
        const bool figure =
            digits > 0 && (digits >= 4 || token.find_first_of("$%kK") != std::string_view::npos);
        const bool named = figure || (capital && !opens_sentence && token != "I" && !token.starts_with("I'"));
        opens_sentence =
            token.back() == '.' || token.back() == '?' || token.back() == '!' || token.back() == ':';
        if (!named) continue;
        const std::vector<std::string> words = split_words(normalize(token, advisor.lexicon));
        // German writes its nouns with a capital ("Firmen"): a word of another language the translations know
        // names nothing ("France", English too, still does).
        const auto translated = [&](const std::string& w) {
            return advisor.lexicon.translations.contains(w) && !is_english_word(advisor.lexicon, w);
        };
        if (!figure && std::all_of(words.begin(), words.end(), translated)) continue;
        if (!words.empty() && std::all_of(words.begin(), words.end(), unanswered))
            add(left.named, std::string(token));
    }
    return left;
}

}  // namespace intents
