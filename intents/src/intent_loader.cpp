#include "intents/intent_loader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <mutex>
#include <set>
#include <string_view>

#include "intents/normalizer.hpp"
#include "knowledge/json_reader.hpp"

namespace intents {

namespace fs = std::filesystem;
using knowledge::join_path;
using knowledge::JsonReader;
using knowledge::LoadResult;
using nlohmann::json;

namespace {

std::optional<json> read_document(const fs::path& file, JsonReader& reader) {
    auto file_text = knowledge::read_text_file(file);
    if (!file_text.text) {
        reader.error("", "the file " + file_text.problem);
        return std::nullopt;
    }
    auto doc = reader.parse(*file_text.text);
    if (!doc || !reader.require_object(*doc, "")) return std::nullopt;
    return doc;
}

std::vector<Pattern> read_patterns(const json& item, const std::string& path, JsonReader& reader) {
    std::vector<Pattern> patterns;
    const json* list = reader.array_at(item, path, "patterns");
    if (!list) return patterns;
    const std::string here = join_path(path, "patterns");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& p = (*list)[i];
        if (p.is_string()) {
            patterns.push_back(Pattern{p.get<std::string>(), 1.0});
        } else if (p.is_object()) {
            auto regex = reader.string_at(p, join_path(here, i), "regex");
            auto weight = reader.optional_number(p, join_path(here, i), "weight");
            if (regex) patterns.push_back(Pattern{*regex, weight.value_or(1.0)});
        } else {
            reader.error(join_path(here, i), "must be a string or an object {\"regex\", \"weight\"}");
        }
    }
    return patterns;
}

AnswerTemplate read_answer(const json& item, const std::string& path, JsonReader& reader) {
    AnswerTemplate answer;
    const json* obj = reader.object_at(item, path, "answer");
    if (!obj) return answer;
    const std::string here = join_path(path, "answer");
    answer.lines = reader.strings_at(*obj, here, "lines");
    answer.combination = reader.optional_string(*obj, here, "combination").value_or("");
    answer.combination_kinds = reader.optional_strings(*obj, here, "combination_kinds");
    answer.more = reader.optional_strings(*obj, here, "more");
    if (auto it = obj->find("figure_notes"); it != obj->end()) {
        const std::string notes_path = join_path(here, "figure_notes");
        if (reader.require_object(*it, notes_path)) {
            if (auto amount = it->find("amount"); amount != it->end()) {
                const std::string apath = join_path(notes_path, "amount");
                if (reader.require_object(*amount, apath)) {
                    auto sentence = reader.string_at(*amount, apath, "sentence");
                    auto below = reader.string_at(*amount, apath, "below");
                    auto within = reader.string_at(*amount, apath, "within");
                    auto above = reader.string_at(*amount, apath, "above");
                    auto equal = reader.optional_string(*amount, apath, "equal").value_or("");
                    auto below_all = reader.optional_string(*amount, apath, "below_all").value_or("");
                    auto above_all = reader.optional_string(*amount, apath, "above_all").value_or("");
                    if (sentence && sentence->find("{verdicts}") == std::string::npos)
                        reader.error(join_path(apath, "sentence"), "must hold {verdicts}");
                    if (sentence && below && within && above) {
                        answer.figure_notes.amount = AmountNote{
                            *sentence, *below,
                            *within,   *above,
                            equal,     below_all,
                            above_all, reader.optional_string(*amount, apath, "reach_aspect").value_or("")};
                    }
                }
            }
        }
    }
    if (auto it = obj->find("by_aspect"); it != obj->end()) {
        const std::string aspects_path = join_path(here, "by_aspect");
        if (reader.require_object(*it, aspects_path)) {
            for (const auto& [aspect, value] : it->items()) {
                // Either the lines, or {"lines": [...], "instead_of": ["level"]}.
                const std::string aspect_path = join_path(aspects_path, aspect);
                AspectLines entry{aspect, {}, {}};
                const json* lines = &value;
                if (value.is_object()) {
                    lines = reader.array_at(value, aspect_path, "lines");
                    entry.instead_of = reader.optional_strings(value, aspect_path, "instead_of");
                    entry.not_covered = reader.optional_bool(value, aspect_path, "not_covered");
                    entry.lead = reader.optional_bool(value, aspect_path, "lead");
                    entry.unless = reader.optional_strings(value, aspect_path, "unless");
                    if (lines == nullptr) continue;
                }
                const bool strings =
                    lines->is_array() && !lines->empty() &&
                    std::all_of(lines->begin(), lines->end(), [](const json& l) { return l.is_string(); });
                if (!strings) {
                    reader.error(aspect_path,
                                 "must be a non-empty array of strings, or an object with one as \"lines\"");
                    continue;
                }
                entry.lines = lines->get<std::vector<std::string>>();
                answer.by_aspect.push_back(std::move(entry));
            }
        }
    }
    if (auto it = obj->find("after"); it != obj->end()) {
        const std::string after_path = join_path(here, "after");
        if (reader.require_object(*it, after_path)) {
            for (const auto& [topic, value] : it->items()) {
                if (!value.is_array() || value.empty() ||
                    !std::all_of(value.begin(), value.end(), [](const json& l) { return l.is_string(); })) {
                    reader.error(join_path(after_path, topic), "must be a non-empty array of strings");
                    continue;
                }
                answer.after[topic] = value.get<std::vector<std::string>>();
            }
        }
    }
    if (auto it = obj->find("by_entity"); it != obj->end()) {
        const std::string rules_path = join_path(here, "by_entity");
        if (!it->is_array()) {
            reader.error(rules_path, "must be an array");
            return answer;
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string rule_path = join_path(rules_path, i);
            const json& r = (*it)[i];
            if (!reader.require_object(r, rule_path)) continue;
            auto entity = reader.string_at(r, rule_path, "entity");
            auto facts = reader.string_at(r, rule_path, "facts");
            auto found = reader.strings_at(r, rule_path, "found");
            auto missing = reader.strings_at(r, rule_path, "missing");
            auto compare = reader.optional_strings(r, rule_path, "compare");
            auto nearest = reader.optional_strings(r, rule_path, "nearest");
            const double max_facts = reader.optional_number(r, rule_path, "max_facts").value_or(0);
            if (max_facts < 0 || max_facts > 50 || std::floor(max_facts) != max_facts) {
                reader.error(join_path(rule_path, "max_facts"), "must be a whole number from 1 to 50");
            }
            if (entity && facts) {
                answer.by_entity.push_back(EntityRule{
                    *entity, *facts, found, missing, compare, nearest, static_cast<std::size_t>(max_facts),
                    reader.optional_bool(r, rule_path, "compare_needs_choice"),
                    reader.optional_strings(r, rule_path, "missing_alone")});
            }
        }
    }
    return answer;
}

void read_intents_file(const fs::path& file, IntentData& data, JsonReader& reader) {
    auto doc = read_document(file, reader);
    if (!doc) return;
    const json* list = reader.array_at(*doc, "", "intents");
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = join_path("/intents", i);
        const json& item = (*list)[i];
        if (!reader.require_object(item, path)) continue;
        Intent intent;
        intent.file = file.string();
        auto id = reader.string_at(item, path, "id");
        intent.priority = static_cast<int>(reader.optional_number(item, path, "priority").value_or(0));
        if (auto kind = reader.string_at(item, path, "kind")) {
            if (auto parsed = intent_kind_from_string(*kind)) {
                intent.kind = *parsed;
            } else {
                reader.error(join_path(path, "kind"), "must be one of topic, gap, smalltalk, system");
            }
        }
        intent.continues = reader.optional_string(item, path, "continues").value_or("");
        intent.aside = reader.optional_bool(item, path, "aside");
        intent.refuses = reader.optional_bool(item, path, "refuses");
        intent.patterns = read_patterns(item, path, reader);
        intent.examples = reader.optional_strings(item, path, "examples");
        intent.answer = read_answer(item, path, reader);
        intent.suggestions = reader.optional_strings(item, path, "suggestions");
        if (!id) continue;
        intent.id = *id;
        const bool duplicate = std::any_of(data.intents.begin(), data.intents.end(),
                                           [&](const Intent& other) { return other.id == intent.id; });
        if (duplicate) {
            reader.error(join_path(path, "id"), "duplicate intent id '" + intent.id + "'");
            continue;
        }
        data.intents.push_back(std::move(intent));
    }
}

// The words of a dictionary file, one a line, in lower case and sorted; lines of anything but letters
// ("Abby's", "émigré") left out. Read as any data file is (a regular file of bounded size: "/dev/zero" is
// an error, not a hang). Parsing and sorting ~100k words is most of a reload's time, so the last list is
// kept with the text it came from and reused while the file reads the same.
std::optional<std::vector<std::string>> read_dictionary(const fs::path& file, std::string& problem) {
    auto file_text = knowledge::read_text_file(file);
    if (!file_text.text) {
        problem = file_text.problem;
        return std::nullopt;
    }
    static std::mutex mutex;  // reloads may come from more than one thread (tests, fuzzers)
    static std::string cached_text;
    static std::vector<std::string> cached_words;
    std::lock_guard lock(mutex);
    if (*file_text.text == cached_text && !cached_text.empty()) return cached_words;
    std::vector<std::string> words;
    std::string_view rest = *file_text.text;
    while (!rest.empty()) {
        const std::size_t end = rest.find('\n');
        std::string line(rest.substr(0, end));
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();  // a list saved with CRLF line ends
        std::transform(line.begin(), line.end(), line.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (!line.empty() &&
            std::all_of(line.begin(), line.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
            words.push_back(std::move(line));
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    cached_text = std::move(*file_text.text);
    cached_words = words;
    return words;
}

void read_lexicon(const fs::path& file, IntentData& data, JsonReader& reader) {
    auto doc = read_document(file, reader);
    if (!doc) return;
    const json* shorthand = reader.object_at(*doc, "", "shorthand");
    if (shorthand) {
        for (const auto& [word, expansion] : shorthand->items()) {
            if (!expansion.is_string()) {
                reader.error(join_path("/shorthand", word), "must be a string");
                continue;
            }
            data.lexicon.shorthand[word] = expansion.get<std::string>();
        }
    }
    data.lexicon.vocabulary = reader.strings_at(*doc, "", "vocabulary");
    data.lexicon.fillers = reader.optional_strings(*doc, "", "fillers");
    data.lexicon.joiners = reader.strings_at(*doc, "", "joiners");
    data.lexicon.clause_joiners = reader.strings_at(*doc, "", "clause_joiners");
    data.lexicon.question_words = reader.strings_at(*doc, "", "question_words");
    data.lexicon.stop_words = reader.optional_strings(*doc, "", "stop_words");
    data.lexicon.referring_words = reader.optional_strings(*doc, "", "referring_words");
    data.lexicon.excluding = reader.optional_strings(*doc, "", "excluding");
    if (auto dictionary = reader.optional_string(*doc, "", "dictionary")) {
        std::string problem;
        if (auto words = read_dictionary(file.parent_path() / *dictionary, problem))
            data.lexicon.english = std::move(*words);
        else
            reader.error("/dictionary",
                         "the file " + *dictionary + " " + problem + " (Debian's package wamerican has it)");
    }
    if (doc->contains("translations")) {
        if (const json* words = reader.object_at(*doc, "", "translations")) {
            for (const auto& [word, english] : words->items()) {
                if (!english.is_string()) {
                    reader.error(join_path("/translations", word), "must be a string");
                    continue;
                }
                data.lexicon.translations[word] = english.get<std::string>();
            }
        }
    }
    if (doc->contains("synonyms")) {
        const json* groups = reader.array_at(*doc, "", "synonyms");
        for (std::size_t i = 0; groups != nullptr && i < groups->size(); ++i) {
            const std::string path = "/synonyms/" + std::to_string(i);
            const json& group = (*groups)[i];
            const bool words = group.is_array() && group.size() >= 2 &&
                               std::all_of(group.begin(), group.end(), [](const json& w) {
                                   return w.is_string() && !w.get<std::string>().empty() &&
                                          w.get<std::string>().find(' ') == std::string::npos;
                               });
            if (!words) {
                reader.error(path, "must be a list of two or more single words");
                continue;
            }
            data.lexicon.synonyms.push_back(group.get<std::vector<std::string>>());
        }
    }
}

// "figures": {"approximate","minimum","range","open_ended", "units": {UNIT: {"amount"?, "after"?}}}.
void read_figure_words(const json& doc, knowledge::FigureWords& words, JsonReader& reader) {
    const json* figures = reader.object_at(doc, "", "figures");
    if (figures == nullptr) return;
    for (auto [key, into] :
         {std::pair{"approximate", &words.approximate}, std::pair{"minimum", &words.minimum},
          std::pair{"range", &words.range}, std::pair{"open_ended", &words.open_ended}}) {
        if (auto t = reader.string_at(*figures, "/figures", key)) *into = *t;
    }
    const json* units = reader.object_at(*figures, "/figures", "units");
    if (units == nullptr) return;
    for (const auto& [unit, spec] : units->items()) {
        const std::string path = join_path("/figures/units", unit);
        if (!reader.require_object(spec, path)) continue;
        knowledge::FigureWords::Unit u;
        if (auto amount = reader.optional_string(spec, path, "amount")) u.amount = *amount;
        if (u.amount.find("{number}") == std::string::npos)
            reader.error(join_path(path, "amount"), "must contain {number}");
        u.after = reader.optional_string(spec, path, "after").value_or("");
        words.units[unit] = std::move(u);
    }
}

void read_style(const fs::path& file, IntentData& data, JsonReader& reader) {
    auto doc = read_document(file, reader);
    if (!doc) return;
    AnswerStyle& style = data.style;
    auto count = [&](const char* key, std::size_t& into) {
        if (auto n = reader.number_at(*doc, "", key)) {
            if (*n < 1 || *n > 50 || std::floor(*n) != *n) {
                reader.error(join_path("", key), "must be a whole number from 1 to 50");
            } else {
                into = static_cast<std::size_t>(*n);
            }
        }
    };
    count("max_facts", style.max_facts);
    count("max_items", style.max_items);
    auto text = [&](const char* key, std::string& into) {
        if (auto t = reader.string_at(*doc, "", key)) into = *t;
    };
    text("more_items", style.more_items);
    text("more_of_list", style.more_of_list);
    text("tell_me_more", style.tell_me_more);
    text("row", style.row);
    text("recognised", style.recognised);
    text("in_english", style.in_english);
    text("closest", style.closest);
    style.as_a_whole = reader.optional_string(*doc, "", "as_a_whole").value_or("{name}");
    style.yes = reader.optional_string(*doc, "", "yes").value_or("");
    style.yes_openers = reader.optional_strings(*doc, "", "yes_openers");
    style.yes_blockers = reader.optional_strings(*doc, "", "yes_blockers");
    style.list_askers = reader.optional_strings(*doc, "", "list_askers");
    style.choice_words = reader.optional_strings(*doc, "", "choice_words");
    style.gap_openers = reader.optional_strings(*doc, "", "gap_openers");
    style.figure_askers = reader.optional_strings(*doc, "", "figure_askers");
    if (doc->contains("no_figure")) text("no_figure", style.no_figure);
    if (doc->contains("no_further")) text("no_further", style.no_further);
    if (doc->contains("said_above")) text("said_above", style.said_above);
    style.answer_named = reader.optional_strings(*doc, "", "answer_named");
    style.figure_cues = reader.optional_strings(*doc, "", "figure_cues");
    style.differ_cues = reader.optional_strings(*doc, "", "differ_cues");
    style.differ_pointers = reader.optional_strings(*doc, "", "differ_pointers");
    style.count_words = reader.optional_strings(*doc, "", "count_words");
    if (doc->contains("figures_differ")) text("figures_differ", style.figures_differ);
    if (!style.yes.empty() && style.yes_openers.empty())
        reader.error("/yes_openers", "must name the words a yes-or-no question starts with");
    text("not_in_guides", style.not_in_guides);
    text("verdict_above", style.verdict_above);
    text("verdict_below", style.verdict_below);
    text("verdict_overlap", style.verdict_overlap);
    text("verdict_same", style.verdict_same);
    text("verdict_points", style.verdict_points);
    text("verdict_ranges", style.verdict_ranges);
    if (style.recognised.find("{entities}") == std::string::npos)
        reader.error("/recognised", "must contain {entities}");
    if (!style.not_in_guides.empty() && style.not_in_guides.find("{entities}") == std::string::npos)
        reader.error("/not_in_guides", "must contain {entities}");
    if (doc->contains("level_not_given")) text("level_not_given", style.level_not_given);
    style.level_given_by = reader.optional_strings(*doc, "", "level_given_by");
    if (!style.level_not_given.empty() && style.level_not_given.find("{entities}") == std::string::npos)
        reader.error("/level_not_given", "must contain {entities}");
    text("and", style.and_word);
    text("or", style.or_word);
    text("comma", style.list_comma);
    read_figure_words(*doc, style.figure_words, reader);
}

void read_entities(const fs::path& file, IntentData& data, JsonReader& reader) {
    auto doc = read_document(file, reader);
    if (!doc) return;
    if (const json* kinds = reader.array_at(*doc, "", "kinds")) {
        for (std::size_t k = 0; k < kinds->size(); ++k) {
            const std::string kpath = join_path("/kinds", k);
            const json& kind_json = (*kinds)[k];
            if (!reader.require_object(kind_json, kpath)) continue;
            auto kind = reader.string_at(kind_json, kpath, "kind");
            const json* values = reader.array_at(kind_json, kpath, "values");
            if (!kind || !values) continue;
            EntityKind entity_kind{*kind,
                                   {},
                                   reader.optional_bool(kind_json, kpath, "routing_only"),
                                   reader.optional_string(kind_json, kpath, "intent").value_or("")};
            entity_kind.gap = reader.optional_string(kind_json, kpath, "gap").value_or("");
            entity_kind.not_in_guides = reader.optional_bool(kind_json, kpath, "not_in_guides");
            entity_kind.claims = reader.optional_string(kind_json, kpath, "claims").value_or("");
            for (std::size_t v = 0; v < values->size(); ++v) {
                const std::string vpath = join_path(join_path(kpath, "values"), v);
                const json& value = (*values)[v];
                if (!reader.require_object(value, vpath)) continue;
                auto id = reader.string_at(value, vpath, "id");
                auto name = reader.string_at(value, vpath, "name");
                auto aliases = reader.strings_at(value, vpath, "aliases");
                auto home = reader.optional_string(value, vpath, "intent").value_or("");
                if (id && name) {
                    entity_kind.values.push_back(EntityValue{*id, *name, aliases, home});
                    entity_kind.values.back().gap = reader.optional_string(value, vpath, "gap").value_or("");
                    entity_kind.values.back().nearest =
                        reader.optional_string(value, vpath, "nearest").value_or("");
                    entity_kind.values.back().nearest_within =
                        reader.optional_bool(value, vpath, "nearest_within");
                    entity_kind.values.back().implied = reader.optional_bool(value, vpath, "implied");
                    entity_kind.values.back().question_only =
                        reader.optional_bool(value, vpath, "question_only");
                    entity_kind.values.back().specific = reader.optional_bool(value, vpath, "specific");
                    if (const auto with = value.find("home_with"); with != value.end()) {
                        if (!with->is_object()) {
                            reader.error(join_path(vpath, "home_with"), "must be an object of kind: intent");
                        } else {
                            for (const auto& [named, topic] : with->items()) {
                                if (topic.is_string())
                                    entity_kind.values.back().home_with[named] = topic;
                                else
                                    reader.error(join_path(join_path(vpath, "home_with"), named),
                                                 "must be an intent id");
                            }
                        }
                    }
                    if (value.contains("cancels"))
                        entity_kind.values.back().cancels = reader.strings_at(value, vpath, "cancels");
                    entity_kind.values.back().not_in_guides =
                        entity_kind.not_in_guides || reader.optional_bool(value, vpath, "not_in_guides");
                }
            }
            data.entity_kinds.push_back(std::move(entity_kind));
        }
    }
    data.other_years = reader.optional_strings(*doc, "", "years_not_experience");
    if (const json* bands = reader.array_at(*doc, "", "years_to_level")) {
        for (std::size_t b = 0; b < bands->size(); ++b) {
            const std::string bpath = join_path("/years_to_level", b);
            if (!reader.require_object((*bands)[b], bpath)) continue;
            auto max_years = reader.number_at((*bands)[b], bpath, "max_years");
            auto level = reader.string_at((*bands)[b], bpath, "level");
            if (max_years && level)
                data.years_bands.push_back(YearsBand{static_cast<int>(*max_years), *level});
        }
    }
}

// Vocabulary for typo correction: the listed words plus every word of every alias and expansion,
// so a misspelt city ("seatle") is corrected too. Sorted for binary search.
void complete_vocabulary(IntentData& data) {
    std::set<std::string> words(data.lexicon.vocabulary.begin(), data.lexicon.vocabulary.end());
    auto add_words = [&words](const std::string& phrase) {
        for (std::string& word : split_words(phrase)) words.insert(std::move(word));
    };
    for (const auto& [word, expansion] : data.lexicon.shorthand) {
        add_words(expansion);
        words.insert(word);  // typos are corrected towards shorthand too, then expanded
    }
    for (EntityKind& kind : data.entity_kinds) {
        for (EntityValue& value : kind.values) {
            for (std::string& alias : value.aliases) add_words(alias);
        }
    }
    LexiconWords all = data.lexicon;
    all.vocabulary.assign(words.begin(), words.end());
    data.lexicon = Lexicon(std::move(all));
    // Aliases are matched against normalised text, so they are normalised the same way.
    for (EntityKind& kind : data.entity_kinds) {
        for (EntityValue& value : kind.values) {
            for (std::string& alias : value.aliases) alias = normalize(alias, data.lexicon);
        }
    }
}

}  // namespace

std::vector<std::string> fact_references(const std::string& line) {
    std::vector<std::string> ids;
    for (const std::string open : {"{fact:", "{text:", "{figure:"}) {
        for (std::size_t pos = line.find(open); pos != std::string::npos; pos = line.find(open, pos + 1)) {
            const std::size_t end = line.find('}', pos);
            if (end == std::string::npos) break;
            ids.push_back(line.substr(pos + open.size(), end - pos - open.size()));
        }
    }
    return ids;
}

LoadResult<IntentData> load_intent_data(const fs::path& dir) {
    IntentData data;
    std::vector<std::string> errors;
    auto run = [&errors](const fs::path& file, auto&& read) {
        JsonReader reader(file.string());
        read(reader);
        auto e = reader.take_errors();
        errors.insert(errors.end(), e.begin(), e.end());
    };

    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir / "intents", ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) errors.push_back((dir / "intents").string() + ": no intent files (*.json) found");
    for (const fs::path& file : files) run(file, [&](JsonReader& r) { read_intents_file(file, data, r); });
    run(dir / "lexicon.json", [&](JsonReader& r) { read_lexicon(dir / "lexicon.json", data, r); });
    run(dir / "entities.json", [&](JsonReader& r) { read_entities(dir / "entities.json", data, r); });
    run(dir / "answering.json", [&](JsonReader& r) { read_style(dir / "answering.json", data, r); });

    const bool has_fallback = std::any_of(data.intents.begin(), data.intents.end(),
                                          [](const Intent& i) { return i.id == "fallback"; });
    if (!files.empty() && !has_fallback)
        errors.push_back((dir / "intents").string() + ": no intent has id 'fallback'");
    if (!errors.empty()) return LoadResult<IntentData>::failure(std::move(errors));
    complete_vocabulary(data);
    return LoadResult<IntentData>::success(std::move(data));
}

namespace {

// The text as space-separated lower-case words of letters and digits, with a space at each end, so that
// " phrase " finds a phrase as whole words.
std::string spaced_words(std::string_view text) {
    std::string out = " ";
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0) {
            out += static_cast<char>(std::tolower(u));
        } else if (out.back() != ' ') {
            out += ' ';
        }
    }
    if (out.back() != ' ') out += ' ';
    return out;
}

// A value said to be in none of the guides: no fact is about it or holds one of its aliases, no value of
// another kind (but those that only steer matching) shares an alias with it, and a topic answers a question
// that names only it.
void check_not_in_guides(const EntityKind& kind, const EntityValue& value, const IntentData& data,
                         const knowledge::KnowledgeBase& kb, std::vector<std::string>& errors) {
    const std::string where = "entities.json: " + kind.kind + " '" + value.id + "' /not_in_guides: ";
    for (const EntityKind& other : data.entity_kinds) {
        if (other.kind == kind.kind || other.routing_only) continue;
        for (const EntityValue& v : other.values) {
            for (const std::string& alias : value.aliases) {
                if (std::find(v.aliases.begin(), v.aliases.end(), alias) != v.aliases.end())
                    errors.push_back(where + "'" + alias + "' also names " + other.kind + " '" + v.id + "'");
            }
        }
    }
    if (value.intent.empty() && kind.intent.empty())
        errors.push_back(where + "needs an intent (the topic whose facts come after the line)");
    for (const knowledge::Fact& fact : kb.facts()) {
        if (fact.is_about(kind.kind, value.id))
            errors.push_back(where + "fact '" + fact.id + "' is about it");
        std::string text = spaced_words(fact.text);
        for (const std::string& item : fact.items) text += spaced_words(item);
        for (const std::string& alias : value.aliases) {
            if (text.find(spaced_words(alias)) != std::string::npos)
                errors.push_back(where + "fact '" + fact.id + "' says '" + alias + "'");
        }
    }
}

}  // namespace

std::vector<std::string> check_references(const IntentData& data, const knowledge::KnowledgeBase& kb) {
    std::vector<std::string> errors;
    std::set<std::string> reached;
    std::set<std::string> kinds;
    for (const EntityKind& k : data.entity_kinds) kinds.insert(k.kind);
    // What a value cancels is a kind of entities.json or one the extractor finds itself (amounts, years).
    for (const EntityKind& k : data.entity_kinds) {
        for (const EntityValue& v : k.values) {
            for (const std::string& cancelled : v.cancels) {
                if (!kinds.contains(cancelled) && cancelled != "amount")
                    errors.push_back("entities.json: " + k.kind + " '" + v.id +
                                     "' /cancels: unknown entity kind '" + cancelled + "'");
            }
        }
    }

    auto check_lines = [&](const Intent& intent, const std::vector<std::string>& lines,
                           const std::string& where) {
        for (std::size_t l = 0; l < lines.size(); ++l) {
            for (const std::string& id : fact_references(lines[l])) {
                const knowledge::Fact* fact = kb.find_fact(id);
                if (fact == nullptr) {
                    errors.push_back(intent.file + ": intent '" + intent.id + "' " + where + "/" +
                                     std::to_string(l) + ": the template names fact '" + id +
                                     "', which does not exist");
                    continue;
                }
                reached.insert(id);
                if (fact->figures.empty() && lines[l].find("{figure:" + id + "}") != std::string::npos) {
                    errors.push_back(intent.file + ": intent '" + intent.id + "' " + where + "/" +
                                     std::to_string(l) + ": {figure:" + id +
                                     "} names a fact without figures");
                }
            }
        }
    };
    auto values_of = [&data](const std::string& kind) {
        std::set<std::string> ids;
        for (const EntityKind& k : data.entity_kinds) {
            if (k.kind != kind) continue;
            for (const EntityValue& v : k.values) ids.insert(v.id);
        }
        return ids;
    };
    const std::set<std::string> aspects = values_of("aspect");
    auto check_home = [&](const std::string& home, const std::string& where) {
        if (home.empty()) return;
        const bool topic = std::any_of(data.intents.begin(), data.intents.end(), [&](const Intent& i) {
            return i.id == home && i.kind == IntentKind::topic;
        });
        if (!topic)
            errors.push_back("entities.json: " + where + " /intent: '" + home + "' is not a topic intent");
    };
    auto check_gap = [&](const std::string& gap, const std::string& where) {
        if (gap.empty()) return;
        const bool found = std::any_of(data.intents.begin(), data.intents.end(), [&](const Intent& i) {
            return i.id == gap && i.kind == IntentKind::gap && !i.continues.empty();
        });
        if (!found)
            errors.push_back("entities.json: " + where + " /gap: '" + gap +
                             "' is not a gap intent that continues a topic");
    };
    for (const EntityKind& kind : data.entity_kinds) {
        check_home(kind.intent, "kind '" + kind.kind + "'");
        check_gap(kind.gap, "kind '" + kind.kind + "'");
        const std::set<std::string> ids = values_of(kind.kind);
        for (const EntityValue& value : kind.values) {
            check_home(value.intent, kind.kind + " '" + value.id + "'");
            for (const auto& [named, home] : value.home_with) {
                check_home(home, kind.kind + " '" + value.id + "' /home_with");
                if (values_of(named).empty())
                    errors.push_back("entities.json: " + kind.kind + " '" + value.id +
                                     "' /home_with: unknown entity kind '" + named + "'");
            }
            check_gap(value.gap, kind.kind + " '" + value.id + "'");
            if (value.nearest_within && value.nearest.empty())
                errors.push_back("entities.json: " + kind.kind + " '" + value.id +
                                 "' /nearest_within: names no nearest value");
            if (!value.nearest.empty() && (value.nearest == value.id || !ids.contains(value.nearest)))
                errors.push_back("entities.json: " + kind.kind + " '" + value.id + "' /nearest: '" +
                                 value.nearest + "' is not another " + kind.kind + " value");
            if (value.not_in_guides) check_not_in_guides(kind, value, data, kb, errors);
        }
    }
    const bool any_not_in_guides =
        std::any_of(data.entity_kinds.begin(), data.entity_kinds.end(), [](const EntityKind& k) {
            return std::any_of(k.values.begin(), k.values.end(),
                               [](const EntityValue& v) { return v.not_in_guides; });
        });
    if (any_not_in_guides && data.style.not_in_guides.empty())
        errors.push_back("answering.json: /not_in_guides: needed, as entities.json has not_in_guides values");
    for (const Intent& intent : data.intents) {
        check_lines(intent, intent.answer.lines, "/answer/lines");
        for (const AspectLines& entry : intent.answer.by_aspect) {
            const std::string where = "/answer/by_aspect/" + entry.aspect;
            if (!aspects.contains(entry.aspect)) {
                errors.push_back(intent.file + ": intent '" + intent.id + "' " + where +
                                 ": unknown aspect (the values of the 'aspect' kind in entities.json)");
            }
            for (const std::string& kind : entry.instead_of) {
                if (!kinds.contains(kind) && !aspects.contains(kind)) {
                    errors.push_back(intent.file + ": intent '" + intent.id + "' " + where +
                                     "/instead_of: neither an entity kind nor an aspect: '" + kind + "'");
                }
            }
            for (const std::string& kind : entry.unless) {
                if (!kinds.contains(kind)) {
                    errors.push_back(intent.file + ": intent '" + intent.id + "' " + where +
                                     "/unless: not an entity kind: '" + kind + "'");
                }
            }
            check_lines(intent, entry.lines, where);
        }
        if (intent.kind == IntentKind::gap) {
            const bool topic =
                std::any_of(data.intents.begin(), data.intents.end(), [&](const Intent& other) {
                    return other.id == intent.continues && other.kind == IntentKind::topic;
                });
            if (!topic) {
                errors.push_back(intent.file + ": intent '" + intent.id +
                                 "' /continues: a gap must name the topic intent follow-ups continue, not '" +
                                 intent.continues + "'");
            }
        }
        if (intent.refuses && intent.kind != IntentKind::smalltalk) {
            errors.push_back(intent.file + ": intent '" + intent.id +
                             "' /refuses: only a smalltalk intent declines what a message asks");
        }
        check_lines(intent, intent.answer.more, "/answer/more");
        for (const auto& entry : intent.answer.after) {
            const std::string& topic =
                entry.first;  // named, not a structured binding: clang 14 cannot capture those
            const std::vector<std::string>& lines = entry.second;
            const bool known =
                std::any_of(data.intents.begin(), data.intents.end(), [&](const Intent& other) {
                    return other.id == topic && other.kind == IntentKind::topic && other.id != intent.id;
                });
            if (!known) {
                errors.push_back(intent.file + ": intent '" + intent.id + "' /answer/after/" + topic +
                                 ": not another topic intent");
            }
            check_lines(intent, lines, "/answer/after/" + topic);
        }
        for (std::size_t r = 0; r < intent.answer.by_entity.size(); ++r) {
            const EntityRule& rule = intent.answer.by_entity[r];
            const std::string where = "/answer/by_entity/" + std::to_string(r);
            if (!kinds.contains(rule.entity)) {
                errors.push_back(intent.file + ": intent '" + intent.id + "' " + where +
                                 "/entity: unknown entity kind '" + rule.entity + "'");
            }
            const auto facts = kb.with_prefix(rule.facts);
            if (facts.empty()) {
                errors.push_back(intent.file + ": intent '" + intent.id + "' " + where +
                                 "/facts: no fact id starts with '" + rule.facts + "'");
            }
            for (const knowledge::Fact* f : facts) {
                const bool item_tagged =
                    std::any_of(f->item_entities.begin(), f->item_entities.end(),
                                [&rule](const auto& item) { return item.contains(rule.entity); });
                if (f->entities.contains(rule.entity) || item_tagged) reached.insert(f->id);
            }
            check_lines(intent, rule.found, where + "/found");
            check_lines(intent, rule.compare, where + "/compare");
            check_lines(intent, rule.missing, where + "/missing");
            check_lines(intent, rule.nearest, where + "/nearest");
            check_lines(intent, rule.missing_alone, where + "/missing_alone");
        }
    }
    for (const knowledge::Fact& fact : kb.facts()) {
        if (!reached.contains(fact.id)) {
            // Named by its file, as every load error is: a reload's 422 points the operator at it.
            errors.push_back(fact.file + ": " + fact.pointer + ": fact '" + fact.id + "' (topic " +
                             fact.topic + ") is not reachable from any intent");
        }
    }
    return errors;
}

}  // namespace intents
