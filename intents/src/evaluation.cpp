#include "intents/evaluation.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

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

double ratio(std::size_t a, std::size_t b) { return b == 0 ? 1.0 : static_cast<double>(a) / static_cast<double>(b); }

std::string percent(double value) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%", value * 100.0);
    return buf;
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

}  // namespace

knowledge::LoadResult<std::vector<EvalCase>> read_eval_cases(const std::string& text, const std::string& file_label) {
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
            for (const AnswerPart& p : answer.parts) got.push_back(p.intent);
            if (got.empty()) got.push_back(answer.intent);
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
    out << "intent accuracy: " << percent(r.accuracy()) << " (" << r.correct << "/" << r.questions << ")\n";
    out << "out-of-domain -> fallback: " << percent(r.out_of_domain_accuracy()) << " (" << r.out_of_domain_correct
        << "/" << r.out_of_domain << ")\n";
    out << "multi-question messages: " << percent(ratio(r.multi_correct, r.multi)) << " (" << r.multi_correct << "/"
        << r.multi << ")\n";
    out << "entities: " << percent(r.entity_accuracy()) << " (" << r.entity_correct << "/" << r.entity_checks << ")\n\n";
    out << "intent                          precision  recall     f1  support\n";
    for (const auto& [intent, m] : r.per_intent) {
        char row[160];
        std::snprintf(row, sizeof row, "%-30s %9.3f %7.3f %6.3f %8zu\n", intent.c_str(), m.precision(), m.recall(),
                      m.f1(), m.true_positives + m.false_negatives);
        out << row;
    }
    std::vector<std::pair<std::pair<std::string, std::string>, std::size_t>> confusions(r.confusions.begin(),
                                                                                         r.confusions.end());
    std::sort(confusions.begin(), confusions.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    out << "\nconfusions (expected -> got):\n";
    for (const auto& [pair, count] : confusions) out << "  " << count << "  " << pair.first << " -> " << pair.second << "\n";
    out << "\nmisses:\n";
    for (const Miss& m : r.misses) {
        out << "  line " << m.line << ": \"" << m.text << "\" expected " << m.expected << ", got " << m.got << "\n";
    }
    return out.str();
}

json to_json(const EvalReport& r) {
    json per_intent = json::object();
    for (const auto& [intent, m] : r.per_intent) {
        per_intent[intent] = {{"precision", m.precision()}, {"recall", m.recall()}, {"f1", m.f1()},
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
            {"misses", misses}};
}

}  // namespace intents
