#include "intents/catalogue_check.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include "knowledge/json_reader.hpp"

namespace intents {

using knowledge::join_path;

namespace {

// "us, san-francisco, seattle": in catalogue order, as a maintainer reads entities.json.
std::string listed(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? "none" : out;
}

// "a location", "an aspect", "a company size".
std::string a_kind(std::string kind) {
    std::replace(kind.begin(), kind.end(), '_', ' ');
    const bool vowel =
        !kind.empty() && std::string_view("aeiou").find(kind.front()) != std::string_view::npos;
    return (vowel ? "an " : "a ") + kind;
}

class Catalogue {
  public:
    Catalogue(const std::vector<EntityKind>& kinds, std::string file) : file_(std::move(file)) {
        for (const EntityKind& kind : kinds) {
            auto& ids = values_[kind.kind];
            for (const EntityValue& value : kind.values) ids.push_back(value.id);
            kinds_.push_back(kind.kind);
        }
    }

    bool has_kind(const std::string& kind) const { return values_.contains(kind); }

    // Adds an error for `value` unless it is a value of `kind`.
    void check(const std::string& kind, const std::string& value, const std::string& where,
               std::vector<std::string>& errors) const {
        auto it = values_.find(kind);
        static const std::vector<std::string> none;
        const std::vector<std::string>& ids = it == values_.end() ? none : it->second;
        if (std::find(ids.begin(), ids.end(), value) != ids.end()) return;
        errors.push_back(where + ": '" + value + "' is not " + a_kind(kind) + " in " + file_ +
                         " (known: " + listed(ids) + ")");
    }

    void unknown_kind(const std::string& kind, const std::string& where,
                      std::vector<std::string>& errors) const {
        errors.push_back(where + ": '" + kind + "' is not an entity kind in " + file_ +
                         " (known: " + listed(kinds_) + ")");
    }

  private:
    std::string file_;
    std::map<std::string, std::vector<std::string>> values_;
    std::vector<std::string> kinds_;
};

}  // namespace

std::vector<std::string> check_entity_values(const knowledge::KnowledgeBase& knowledge,
                                             const std::vector<EntityKind>& catalogue,
                                             const std::vector<YearsBand>& years_bands,
                                             const std::string& entities_file) {
    const Catalogue known(catalogue, entities_file);
    std::vector<std::string> errors;
    for (const knowledge::Fact& fact : knowledge.facts()) {
        const std::string at = fact.file + ": " + fact.pointer;
        for (const auto& [kind, ids] : fact.entities) {
            const std::string where = join_path(at + "/entities", kind);
            if (!known.has_kind(kind)) {
                known.unknown_kind(kind, where, errors);
                continue;
            }
            for (std::size_t i = 0; i < ids.size(); ++i)
                known.check(kind, ids[i], join_path(where, i), errors);
        }
        for (std::size_t item = 0; item < fact.item_entities.size(); ++item) {
            for (const auto& [kind, ids] : fact.item_entities[item]) {
                const std::string where =
                    join_path(join_path(join_path(at + "/items", item), "entities"), kind);
                if (!known.has_kind(kind)) {
                    known.unknown_kind(kind, where, errors);
                    continue;
                }
                for (std::size_t i = 0; i < ids.size(); ++i)
                    known.check(kind, ids[i], join_path(where, i), errors);
            }
        }
        for (std::size_t i = 0; i < fact.figures.size(); ++i) {
            const knowledge::Figure& figure = fact.figures[i];
            const std::string where = join_path(at + "/figures", i);
            if (!figure.location.empty())
                known.check("location", figure.location, join_path(where, "location"), errors);
            if (!figure.level.empty()) known.check("level", figure.level, join_path(where, "level"), errors);
        }
    }
    for (std::size_t b = 0; b < years_bands.size(); ++b) {
        known.check("level", years_bands[b].level,
                    entities_file + ": " + join_path("/years_to_level", b) + "/level", errors);
    }
    return errors;
}

}  // namespace intents
