#include "intents/evaluation.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <sstream>

#include "intents/composer.hpp"
#include "intents/coverage.hpp"
#include "intents/responder.hpp"

namespace intents {

using nlohmann::json;

namespace {

std::optional<LabelledTurn> read_turn(const json& item, std::string& error) {
    if (!item.is_object()) {
        error = "must be an object";
        return std::nullopt;
    }
    LabelledTurn turn;
    auto text = item.find("text");
    if (text == item.end() || !text->is_string()) {
        error = "needs a string \"text\"";
        return std::nullopt;
    }
    turn.text = text->get<std::string>();
    if (auto intent = item.find("intent"); intent != item.end() && intent->is_string()) {
        turn.intents = {intent->get<std::string>()};
    } else if (auto list = item.find("intents"); list != item.end() && list->is_array() && !list->empty()) {
        for (const json& i : *list) {
            if (!i.is_string()) {
                error = "\"intents\" must hold strings";
                return std::nullopt;
            }
            turn.intents.push_back(i.get<std::string>());
        }
    } else {
        error = "needs \"intent\" or a non-empty \"intents\"";
        return std::nullopt;
    }
    for (const auto& [key, into] :
         {std::pair<const char*, std::vector<std::string>*>{"first", &turn.first},
          std::pair<const char*, std::vector<std::string>*>{"contains", &turn.contains}}) {
        if (auto list = item.find(key); list != item.end()) {
            if (!list->is_array() ||
                !std::all_of(list->begin(), list->end(), [](const json& v) { return v.is_string(); })) {
                error = std::string("\"") + key + "\" must be an array of strings";
                return std::nullopt;
            }
            *into = list->get<std::vector<std::string>>();
        }
    }
    if (auto nc = item.find("not_covered"); nc != item.end()) {
        if (!nc->is_boolean()) {
            error = "\"not_covered\" must be true or false";
            return std::nullopt;
        }
        turn.not_covered = nc->get<bool>();
    }
    if (auto entities = item.find("entities"); entities != item.end() && entities->is_object()) {
        for (const auto& [kind, value] : entities->items()) {
            if (value.is_string()) {
                turn.entities[kind] = {value.get<std::string>()};
            } else if (value.is_array()) {
                for (const json& v : value) {
                    if (v.is_string()) turn.entities[kind].push_back(v.get<std::string>());
                }
            }
        }
    }
    return turn;
}

double ratio(std::size_t a, std::size_t b) {
    return b == 0 ? 1.0 : static_cast<double>(a) / static_cast<double>(b);
}

std::string percent(double value) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%", value * 100.0);
    return buf;
}

// "97.0% (97/100)", or "none in the set" when there is nothing to count.
std::string share(std::size_t good, std::size_t all) {
    if (all == 0) return "none in the set";
    return percent(ratio(good, all)) + " (" + std::to_string(good) + "/" + std::to_string(all) + ")";
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "+") + p;
    return out;
}

// Every expected value must be among what the answer found (the answer may find more).
bool entities_match(const Entities& expected, const Entities& got) {
    for (const auto& [kind, values] : expected) {
        auto it = got.find(kind);
        if (it == got.end()) return false;
        for (const std::string& v : values) {
            if (std::find(it->second.begin(), it->second.end(), v) == it->second.end()) return false;
        }
    }
    return true;
}

std::size_t word_count(const std::string& text) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool letter = std::isalnum(static_cast<unsigned char>(c)) || c == '$';
        if (letter && !in_word) ++words;
        in_word = letter;
    }
    return words;
}

// The sentences and bullets of a text, each as compared and whether it is a bullet.
std::vector<std::pair<SentenceWords, bool>> sentence_keys(const std::string& text) {
    std::vector<std::pair<SentenceWords, bool>> keys;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool end_of_line = i == text.size() || text[i] == '\n';
        const bool end_of_sentence = i + 2 < text.size() && ends_sentence(text, i) &&
                                     std::isupper(static_cast<unsigned char>(text[i + 2]));
        if (!end_of_line && !end_of_sentence) continue;
        const std::string_view piece = std::string_view(text).substr(start, i - start);
        SentenceWords words = sentence_words(piece);
        if (!words.words.empty()) keys.emplace_back(std::move(words), piece.starts_with("- "));
        start = i + 1;
    }
    return keys;
}

// The composer's rule: the same bullet twice, or two prose sentences 80% the same.
bool has_repeat(const std::string& text) {
    const auto keys = sentence_keys(text);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        for (std::size_t j = i + 1; j < keys.size(); ++j) {
            const bool bullets = keys[i].second && keys[j].second;
            if (bullets ? keys[i].first.key == keys[j].first.key
                        : same_sentence(keys[i].first, keys[j].first)) {
                return true;
            }
        }
    }
    return false;
}

// A placeholder left unfilled, or an id of a fact or intent shown as text.
bool shows_internal_label(const Advisor& advisor, const std::string& text) {
    if (text.find('{') != std::string::npos || text.find('}') != std::string::npos) return true;
    for (const knowledge::Fact& f : advisor.knowledge.facts()) {
        if (text.find(f.id) != std::string::npos) return true;
    }
    for (const Intent& i : advisor.intents) {
        if (i.id.find('.') != std::string::npos && text.find(i.id) != std::string::npos) return true;
    }
    return false;
}

// "150,000" written without its "$" (every thousands figure in our answers is money or a count
// written with a word after it, so a bare one reads as an unlabelled salary).
bool bare_dollar_figure(const std::string& text) {
    for (std::size_t pos = text.find(",000"); pos != std::string::npos; pos = text.find(",000", pos + 1)) {
        std::size_t start = pos;
        while (start > 0 && std::isdigit(static_cast<unsigned char>(text[start - 1]))) --start;
        if (start == pos || (start > 0 && text[start - 1] == '$')) continue;
        const std::string after = text.substr(pos + 4, 12);
        const bool counted = after.starts_with(" web") || after.starts_with(" jobs") ||
                             after.starts_with(" people") || after.starts_with(" job");
        if (!counted) return true;
    }
    return false;
}

void check_shape(const Advisor& advisor, const LabelledTurn& turn, const Answer& answer, std::size_t line,
                 ShapeReport& shape) {
    auto problem = [&](const std::string& what) {
        shape.problems.push_back(ShapeProblem{line, turn.text, what});
    };
    for (const AnswerPart& p : answer.parts) {
        const std::size_t words = word_count(p.text);
        const bool longest = std::all_of(shape.part_words.begin(), shape.part_words.end(),
                                         [words](std::size_t w) { return w < words; });
        if (longest) shape.longest = ShapeProblem{line, turn.text, std::to_string(words) + " words"};
        shape.part_words.push_back(words);
    }
    if (has_repeat(answer.text)) {
        ++shape.repeated;
        problem("a sentence is said twice");
    }
    if (const Unanswered left = unanswered_words(advisor, turn.text, answer); !answer.parts.empty()) {
        const bool from_guides =
            std::any_of(answer.parts.begin(), answer.parts.end(), [&](const AnswerPart& p) {
                const Intent* intent = advisor.find_intent(p.intent);
                return intent != nullptr &&
                       (intent->kind == IntentKind::topic || intent->kind == IntentKind::gap);
            });
        const bool says_not_covered = std::any_of(answer.parts.begin(), answer.parts.end(),
                                                  [](const AnswerPart& p) { return p.not_covered; });
        if (from_guides) ++shape.coverage_checked;
        if (from_guides && !left.named.empty() && !says_not_covered) {
            ++shape.coverage_violations;
            std::string words;
            for (const std::string& w : left.named) words += (words.empty() ? "" : " ") + w;
            problem("leaves unanswered, without saying so: " + words);
        }
    }
    if (shows_internal_label(advisor, answer.text)) {
        ++shape.internal_labels;
        problem("shows an internal label");
    }
    if (bare_dollar_figure(answer.text)) {
        ++shape.bare_dollars;
        problem("a pay figure lacks its $");
    }
    const std::string first = first_sentence(answer.text);
    for (const std::string& want : turn.first) {
        ++shape.first_checked;
        if (first.find(want) == std::string::npos) {
            ++shape.first_missing;
            problem("first sentence lacks " + want);
        }
    }
    for (const std::string& want : turn.contains) {
        ++shape.contains_checked;
        if (answer.text.find(want) == std::string::npos) {
            ++shape.contains_missing;
            problem("answer lacks " + want);
        }
    }
    if (turn.not_covered) {
        ++shape.not_covered;
        const bool said = std::any_of(answer.parts.begin(), answer.parts.end(),
                                      [](const AnswerPart& p) { return p.not_covered; });
        if (!said) {
            ++shape.not_covered_silent;
            problem("does not say the guides don't cover it");
        }
    }
}

}  // namespace

std::string first_sentence(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') return text.substr(0, i);
        if (ends_sentence(text, i)) return text.substr(0, i + 1);
    }
    return text;
}

std::size_t ShapeReport::words_percentile(double p) const {
    if (part_words.empty()) return 0;
    std::vector<std::size_t> sorted = part_words;
    std::sort(sorted.begin(), sorted.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

knowledge::LoadResult<std::vector<EvalCase>> read_eval_cases(const std::string& text,
                                                             const std::string& file_label) {
    std::vector<EvalCase> cases;
    std::vector<std::string> errors;
    std::istringstream lines(text);
    std::string line;
    std::size_t number = 0;
    while (std::getline(lines, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const std::string where = file_label + ":" + std::to_string(number) + ": ";
        const json item = json::parse(line, nullptr, false);
        if (item.is_discarded()) {
            errors.push_back(where + "not valid JSON");
            continue;
        }
        EvalCase c;
        c.line = number;
        std::string error;
        if (auto conversation = item.find("conversation"); item.is_object() && conversation != item.end()) {
            if (!conversation->is_array() || conversation->empty()) {
                errors.push_back(where + "\"conversation\" must be a non-empty array");
                continue;
            }
            for (const json& t : *conversation) {
                auto turn = read_turn(t, error);
                if (!turn) break;
                c.turns.push_back(std::move(*turn));
            }
        } else if (auto turn = read_turn(item, error)) {
            c.turns.push_back(std::move(*turn));
        }
        if (!error.empty()) {
            errors.push_back(where + error);
            continue;
        }
        cases.push_back(std::move(c));
    }
    if (!errors.empty()) return knowledge::LoadResult<std::vector<EvalCase>>::failure(std::move(errors));
    return knowledge::LoadResult<std::vector<EvalCase>>::success(std::move(cases));
}

double IntentMetrics::precision() const { return ratio(true_positives, true_positives + false_positives); }
double IntentMetrics::recall() const { return ratio(true_positives, true_positives + false_negatives); }
double IntentMetrics::f1() const {
    const double p = precision(), r = recall();
    return p + r == 0.0 ? 0.0 : 2 * p * r / (p + r);
}

double EvalReport::accuracy() const { return ratio(correct, questions); }
double EvalReport::out_of_domain_accuracy() const { return ratio(out_of_domain_correct, out_of_domain); }
double EvalReport::entity_accuracy() const { return ratio(entity_correct, entity_checks); }

EvalReport evaluate(const Advisor& advisor, const std::vector<EvalCase>& cases) {
    EvalReport report;
    std::int64_t now = 1'000'000'000;
    for (const EvalCase& c : cases) {
        Context context;
        for (const LabelledTurn& turn : c.turns) {
            now += 1000;
            const Answer answer = respond(advisor, context, turn.text, now);
            context = answer.context;
            std::vector<std::string> got;
            for (const AnswerPart& p : answer.parts) {
                const Intent* intent = advisor.find_intent(p.intent);
                got.push_back(intent != nullptr && intent->kind == IntentKind::gap ? "uncovered" : p.intent);
            }
            if (got.empty()) got.push_back(answer.intent);
            check_shape(advisor, turn, answer, c.line, report.shape);
            const bool ok = got == turn.intents;
            ++report.questions;
            if (ok) ++report.correct;
            if (turn.intents.size() > 1) {
                ++report.multi;
                if (ok) ++report.multi_correct;
            } else {
                const std::string& expected = turn.intents.front();
                const std::string& predicted = got.front();
                if (expected == "fallback") {
                    ++report.out_of_domain;
                    if (predicted == "fallback") ++report.out_of_domain_correct;
                }
                if (expected == predicted) {
                    ++report.per_intent[expected].true_positives;
                } else {
                    ++report.per_intent[expected].false_negatives;
                    ++report.per_intent[predicted].false_positives;
                    ++report.confusions[{expected, predicted}];
                }
                if (!turn.entities.empty()) {
                    ++report.entity_checks;
                    if (entities_match(turn.entities, answer.entities)) ++report.entity_correct;
                }
            }
            if (!ok) report.misses.push_back(Miss{c.line, turn.text, join(turn.intents), join(got)});
        }
    }
    return report;
}

std::string to_text(const EvalReport& r) {
    std::ostringstream out;
    out << "questions: " << r.questions << "\n";
    out << "intent accuracy: " << share(r.correct, r.questions) << "\n";
    out << "out-of-domain -> fallback: " << share(r.out_of_domain_correct, r.out_of_domain) << "\n";
    out << "multi-question messages: " << share(r.multi_correct, r.multi) << "\n";
    out << "entities: " << share(r.entity_correct, r.entity_checks) << "\n";
    const ShapeReport& s = r.shape;
    out << "words per answer part: median " << s.words_percentile(0.5) << ", p90 " << s.words_percentile(0.9)
        << ", max " << s.words_percentile(1.0) << " (" << s.part_words.size() << " parts; longest: line "
        << s.longest.line << ", \"" << s.longest.text << "\")\n";
    out << "answers with a repeated sentence: " << s.repeated << "\n";
    out << "answers showing internal labels: " << s.internal_labels << "\n";
    out << "answers with a pay figure lacking $: " << s.bare_dollars << "\n";
    out << "expected figure missing from the first sentence: " << s.first_missing << "/" << s.first_checked
        << "\n";
    out << "expected text missing from the answer: " << s.contains_missing << "/" << s.contains_checked
        << "\n";
    out << "not covered, answered without saying so: " << s.not_covered_silent << "/" << s.not_covered
        << "\n";
    out << "coverage: a named thing left unanswered, not said: " << s.coverage_violations << "/"
        << s.coverage_checked << "\n\n";
    out << "intent                          precision  recall     f1  support\n";
    for (const auto& [intent, m] : r.per_intent) {
        char row[160];
        std::snprintf(row, sizeof row, "%-30s %9.3f %7.3f %6.3f %8zu\n", intent.c_str(), m.precision(),
                      m.recall(), m.f1(), m.true_positives + m.false_negatives);
        out << row;
    }
    std::vector<std::pair<std::pair<std::string, std::string>, std::size_t>> confusions(r.confusions.begin(),
                                                                                        r.confusions.end());
    std::sort(confusions.begin(), confusions.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    out << "\nconfusions (expected -> got):\n";
    for (const auto& [pair, count] : confusions)
        out << "  " << count << "  " << pair.first << " -> " << pair.second << "\n";
    out << "\nmisses:\n";
    for (const Miss& m : r.misses) {
        out << "  line " << m.line << ": \"" << m.text << "\" expected " << m.expected << ", got " << m.got
            << "\n";
    }
    if (!s.problems.empty()) out << "\nanswer shape problems:\n";
    for (const ShapeProblem& p : s.problems)
        out << "  line " << p.line << ": \"" << p.text << "\": " << p.problem << "\n";
    return out.str();
}

json to_json(const EvalReport& r) {
    json per_intent = json::object();
    for (const auto& [intent, m] : r.per_intent) {
        per_intent[intent] = {{"precision", m.precision()},
                              {"recall", m.recall()},
                              {"f1", m.f1()},
                              {"support", m.true_positives + m.false_negatives}};
    }
    json confusions = json::array();
    for (const auto& [pair, count] : r.confusions) {
        confusions.push_back({{"expected", pair.first}, {"got", pair.second}, {"count", count}});
    }
    json misses = json::array();
    for (const Miss& m : r.misses) {
        misses.push_back({{"line", m.line}, {"text", m.text}, {"expected", m.expected}, {"got", m.got}});
    }
    return {{"questions", r.questions},
            {"accuracy", r.accuracy()},
            {"out_of_domain", {{"total", r.out_of_domain}, {"accuracy", r.out_of_domain_accuracy()}}},
            {"multi", {{"total", r.multi}, {"correct", r.multi_correct}}},
            {"entities", {{"checked", r.entity_checks}, {"accuracy", r.entity_accuracy()}}},
            {"per_intent", per_intent},
            {"confusions", confusions},
            {"misses", misses},
            {"shape",
             {{"words_median", r.shape.words_percentile(0.5)},
              {"words_p90", r.shape.words_percentile(0.9)},
              {"words_max", r.shape.words_percentile(1.0)},
              {"repeated", r.shape.repeated},
              {"internal_labels", r.shape.internal_labels},
              {"bare_dollars", r.shape.bare_dollars},
              {"first_missing", r.shape.first_missing},
              {"first_checked", r.shape.first_checked},
              {"contains_missing", r.shape.contains_missing},
              {"contains_checked", r.shape.contains_checked},
              {"not_covered_silent", r.shape.not_covered_silent},
              {"not_covered", r.shape.not_covered},
              {"coverage_violations", r.shape.coverage_violations},
              {"coverage_checked", r.shape.coverage_checked}}}};
}

}  // namespace intents
