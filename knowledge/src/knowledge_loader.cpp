#include "knowledge/knowledge_loader.hpp"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "knowledge/figure_text.hpp"
#include "knowledge/json_reader.hpp"

namespace knowledge {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::set<std::string> known_units{"USD/year", "percent", "jobs/year", "people", "weeks", "years"};

// An address pages may link to as it is: https, a host, and no character that would end an attribute or a
// Slack or Telegram link.
bool web_address(const std::string& url) {
    constexpr std::string_view scheme = "https://";
    return url.starts_with(scheme) && url.size() > scheme.size() &&
           std::none_of(url.begin(), url.end(), [](char c) {
               return static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' ||
                      c == '|' || c == '\\' || static_cast<unsigned char>(c) >= 0x7F;
           });
}

std::vector<Source> read_sources(const json& doc, JsonReader& reader) {
    std::vector<Source> sources;
    if (!reader.require_object(doc, "")) return sources;
    const json* list = reader.array_at(doc, "", "sources");
    if (!list) return sources;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = join_path("/sources", i);
        const json& item = (*list)[i];
        if (!reader.require_object(item, path)) continue;
        auto id = reader.string_at(item, path, "id");
        auto title = reader.string_at(item, path, "title");
        auto publisher = reader.string_at(item, path, "publisher");
        auto published = reader.string_at(item, path, "published");
        auto seed = reader.string_at(item, path, "seed_file");
        auto url = reader.string_at(item, path, "url");
        if (url && !web_address(*url)) {
            reader.error(path + "/url", "must be an https:// address without spaces or quotes: " + *url);
            url.reset();
        }
        if (!id || !title || !publisher || !published || !seed || !url) continue;
        sources.push_back(Source{*id, *title, *publisher, *published, *seed, *url});
    }
    return sources;
}

std::optional<Figure> read_figure(const json& item, const std::string& path, JsonReader& reader) {
    if (!reader.require_object(item, path)) return std::nullopt;
    Figure f;
    auto label = reader.string_at(item, path, "label");
    auto scope_text = reader.string_at(item, path, "scope");
    auto unit = reader.string_at(item, path, "unit");
    f.value = reader.optional_number(item, path, "value");
    f.low = reader.optional_number(item, path, "low");
    f.high = reader.optional_number(item, path, "high");
    f.open_ended = reader.optional_bool(item, path, "open_ended");
    f.approximate = reader.optional_bool(item, path, "approximate");
    f.comparison = reader.optional_bool(item, path, "comparison");
    f.phrase = reader.optional_string(item, path, "phrase").value_or("");
    f.period = reader.optional_string(item, path, "period").value_or("");
    f.location = reader.optional_string(item, path, "location").value_or("");
    f.level = reader.optional_string(item, path, "level").value_or("");
    if (!label || !scope_text || !unit) return std::nullopt;
    f.label = *label;
    f.unit = *unit;
    auto scope = scope_from_string(*scope_text);
    if (!scope) {
        reader.error(join_path(path, "scope"),
                     "unknown scope '" + *scope_text + "' (average, median, range, minimum, count, rate)");
        return std::nullopt;
    }
    f.scope = *scope;
    if (!known_units.contains(f.unit)) {
        reader.error(join_path(path, "unit"),
                     "unknown unit '" + f.unit + "' (USD/year, percent, jobs/year, people, weeks, years)");
        return std::nullopt;
    }
    if (f.scope == Scope::range) {
        if (!f.low) reader.error(join_path(path, "low"), "required number is missing for a range");
        if (!f.high) reader.error(join_path(path, "high"), "required number is missing for a range");
        if (!f.low || !f.high) return std::nullopt;
    } else if (!f.value) {
        reader.error(join_path(path, "value"), "required number is missing");
        return std::nullopt;
    }
    return f;
}

void check_figures_in_text(const Fact& fact, const std::string& path, JsonReader& reader) {
    for (std::size_t i = 0; i < fact.figures.size(); ++i) {
        const Figure& figure = fact.figures[i];
        for (double number : numbers_of(figure)) {
            const auto spellings = accepted_spellings(number, figure.unit);
            const bool present = std::any_of(spellings.begin(), spellings.end(), [&](const std::string& s) {
                return fact.text.find(s) != std::string::npos;
            });
            if (!present) {
                reader.error(join_path(join_path(path, "figures"), i),
                             "the figure " + spellings.front() + " does not appear in the fact's text");
            }
        }
    }
}

std::optional<Fact> read_fact(const json& item, const std::string& path, const std::string& topic,
                              JsonReader& reader) {
    if (!reader.require_object(item, path)) return std::nullopt;
    Fact fact;
    fact.topic = topic;
    auto id = reader.string_at(item, path, "id");
    auto source = reader.string_at(item, path, "source");
    auto text = reader.string_at(item, path, "text");
    const auto read_entities = [&reader](const json& object, const std::string& epath) {
        std::map<std::string, std::vector<std::string>> entities;
        if (reader.require_object(object, epath)) {
            for (const auto& [kind, values] : object.items())
                entities[kind] = reader.optional_strings(object, epath, kind.c_str());
        }
        return entities;
    };
    // An item is its text, or {"text": …, "entities": {…}} when it is about something the rest is not.
    if (auto it = item.find("items"); it != item.end()) {
        const std::string ipath = join_path(path, "items");
        if (!it->is_array())
            reader.error(ipath, "must be an array of strings or {\"text\", \"entities\"} objects");
        for (std::size_t i = 0; it->is_array() && i < it->size(); ++i) {
            const json& entry = (*it)[i];
            const std::string epath = join_path(ipath, i);
            if (entry.is_string()) {
                fact.items.push_back(entry.get<std::string>());
                continue;
            }
            if (!entry.is_object()) {
                reader.error(epath, "must be a string or an object with \"text\"");
                continue;
            }
            auto item_text = reader.string_at(entry, epath, "text");
            if (item_text && item_text->empty()) reader.error(join_path(epath, "text"), "must not be empty");
            fact.items.push_back(item_text.value_or(""));
            if (auto e = entry.find("entities"); entry.is_object() && e != entry.end()) {
                fact.item_entities.resize(fact.items.size());
                fact.item_entities.back() = read_entities(*e, join_path(epath, "entities"));
            }
        }
        if (!fact.item_entities.empty()) fact.item_entities.resize(fact.items.size());
    }
    if (auto it = item.find("entities"); it != item.end())
        fact.entities = read_entities(*it, join_path(path, "entities"));
    if (auto it = item.find("figures"); it != item.end()) {
        const std::string fpath = join_path(path, "figures");
        if (!it->is_array()) {
            reader.error(fpath, "must be an array");
        } else {
            for (std::size_t i = 0; i < it->size(); ++i) {
                if (auto figure = read_figure((*it)[i], join_path(fpath, i), reader)) {
                    fact.figures.push_back(std::move(*figure));
                }
            }
        }
    }
    if (!id || !source || !text) return std::nullopt;
    fact.id = *id;
    fact.source = *source;
    fact.text = *text;
    fact.file = reader.file();
    fact.pointer = path;
    if (fact.text.empty()) reader.error(join_path(path, "text"), "must not be empty");
    check_figures_in_text(fact, path, reader);
    return fact;
}

std::vector<fs::path> fact_files(const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir / "facts", ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

LoadResult<KnowledgeBase> load_knowledge(const fs::path& dir) {
    std::vector<std::string> errors;
    auto collect = [&errors](JsonReader& r) {
        auto e = r.take_errors();
        errors.insert(errors.end(), e.begin(), e.end());
    };

    const fs::path sources_file = dir / "sources.json";
    JsonReader source_reader(sources_file.string());
    std::vector<Source> sources;
    if (auto file_text = read_text_file(sources_file); file_text.text) {
        if (auto doc = source_reader.parse(*file_text.text)) sources = read_sources(*doc, source_reader);
    } else {
        source_reader.error("", "the file " + file_text.problem);
    }
    std::unordered_set<std::string> source_ids;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        if (!source_ids.insert(sources[i].id).second) {
            source_reader.error(join_path(join_path("/sources", i), "id"),
                                "duplicate source id '" + sources[i].id + "'");
        }
    }
    collect(source_reader);

    const auto files = fact_files(dir);
    if (files.empty()) errors.push_back((dir / "facts").string() + ": no fact files (*.json) found");

    std::vector<Topic> topics;
    std::vector<Fact> facts;
    std::unordered_set<std::string> fact_ids;
    for (const fs::path& file : files) {
        JsonReader reader(file.string());
        auto file_text = read_text_file(file);
        if (!file_text.text) {
            reader.error("", "the file " + file_text.problem);
            collect(reader);
            continue;
        }
        auto doc = reader.parse(*file_text.text);
        if (!doc || !reader.require_object(*doc, "")) {
            collect(reader);
            continue;
        }
        auto topic = reader.string_at(*doc, "", "topic");
        auto title = reader.string_at(*doc, "", "title");
        const json* list = reader.array_at(*doc, "", "facts");
        if (topic && title) topics.push_back(Topic{*topic, *title});
        if (list && topic) {
            for (std::size_t i = 0; i < list->size(); ++i) {
                const std::string path = join_path("/facts", i);
                auto fact = read_fact((*list)[i], path, *topic, reader);
                if (!fact) continue;
                if (!fact_ids.insert(fact->id).second) {
                    reader.error(join_path(path, "id"), "duplicate fact id '" + fact->id + "'");
                    continue;
                }
                if (!source_ids.contains(fact->source)) {
                    reader.error(join_path(path, "source"), "unknown source id '" + fact->source + "'");
                }
                facts.push_back(std::move(*fact));
            }
        }
        collect(reader);
    }

    if (!errors.empty()) return LoadResult<KnowledgeBase>::failure(std::move(errors));
    return LoadResult<KnowledgeBase>::success(
        KnowledgeBase(std::move(sources), std::move(topics), std::move(facts)));
}

}  // namespace knowledge
