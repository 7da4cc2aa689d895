#include "knowledge/knowledge_base.hpp"

#include <algorithm>

namespace knowledge {

namespace {

bool tagged(const std::map<std::string, std::vector<std::string>>& entities, const std::string& kind,
            const std::string& value) {
    auto it = entities.find(kind);
    return it != entities.end() && std::find(it->second.begin(), it->second.end(), value) != it->second.end();
}

}  // namespace

bool Fact::is_about(const std::string& kind, const std::string& value) const {
    if (tagged(entities, kind, value)) return true;
    return std::any_of(item_entities.begin(), item_entities.end(),
                       [&](const auto& item) { return tagged(item, kind, value); });
}

bool Fact::item_is_about(std::size_t i, const std::string& kind, const std::string& value) const {
    return i < item_entities.size() && tagged(item_entities[i], kind, value);
}

const char* to_string(Scope scope) {
    switch (scope) {
        case Scope::average:
            return "average";
        case Scope::median:
            return "median";
        case Scope::range:
            return "range";
        case Scope::minimum:
            return "minimum";
        case Scope::count:
            return "count";
        case Scope::rate:
            return "rate";
    }
    return "average";
}

std::optional<Scope> scope_from_string(const std::string& text) {
    for (Scope s : {Scope::average, Scope::median, Scope::range, Scope::minimum, Scope::count, Scope::rate}) {
        if (text == to_string(s)) return s;
    }
    return std::nullopt;
}

KnowledgeBase::KnowledgeBase(std::vector<Source> sources, std::vector<Topic> topics, std::vector<Fact> facts)
    : sources_(std::move(sources)), topics_(std::move(topics)), facts_(std::move(facts)) {
    for (std::size_t i = 0; i < facts_.size(); ++i) fact_index_.emplace(facts_[i].id, i);
    for (std::size_t i = 0; i < sources_.size(); ++i) source_index_.emplace(sources_[i].id, i);
    for (std::size_t i = 0; i < facts_.size(); ++i) by_id_.push_back(i);
    std::sort(by_id_.begin(), by_id_.end(),
              [this](std::size_t a, std::size_t b) { return facts_[a].id < facts_[b].id; });
}

const Fact* KnowledgeBase::find_fact(std::string_view id) const {
    auto it = fact_index_.find(id);
    return it == fact_index_.end() ? nullptr : &facts_[it->second];
}

const Source* KnowledgeBase::find_source(std::string_view id) const {
    auto it = source_index_.find(id);
    return it == source_index_.end() ? nullptr : &sources_[it->second];
}

template <typename Keep>
std::vector<const Fact*> KnowledgeBase::prefixed(std::string_view id_prefix, Keep keep) const {
    auto it = std::lower_bound(
        by_id_.begin(), by_id_.end(), id_prefix,
        [this](std::size_t i, std::string_view prefix) { return facts_[i].id.compare(prefix) < 0; });
    std::vector<const Fact*> out;
    for (; it != by_id_.end() && std::string_view(facts_[*it].id).starts_with(id_prefix); ++it) {
        if (keep(facts_[*it])) out.push_back(&facts_[*it]);
    }
    std::sort(out.begin(), out.end(), std::less<>());  // elements of facts_: address order is file order
    return out;
}

std::vector<const Fact*> KnowledgeBase::with_prefix(std::string_view id_prefix) const {
    return prefixed(id_prefix, [](const Fact&) { return true; });
}

std::vector<const Fact*> KnowledgeBase::select(std::string_view id_prefix, const std::string& kind,
                                               const std::string& value) const {
    return prefixed(id_prefix, [&](const Fact& f) { return f.is_about(kind, value); });
}

}  // namespace knowledge
