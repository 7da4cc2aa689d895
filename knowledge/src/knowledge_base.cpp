#include "knowledge/knowledge_base.hpp"

#include <algorithm>

namespace knowledge {

bool Fact::is_about(const std::string& kind, const std::string& value) const {
    auto it = entities.find(kind);
    if (it == entities.end()) return false;
    return std::find(it->second.begin(), it->second.end(), value) != it->second.end();
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
}

const Fact* KnowledgeBase::find_fact(std::string_view id) const {
    auto it = fact_index_.find(std::string(id));
    return it == fact_index_.end() ? nullptr : &facts_[it->second];
}

const Source* KnowledgeBase::find_source(std::string_view id) const {
    auto it = source_index_.find(std::string(id));
    return it == source_index_.end() ? nullptr : &sources_[it->second];
}

std::vector<const Fact*> KnowledgeBase::with_prefix(std::string_view id_prefix) const {
    std::vector<const Fact*> out;
    for (const Fact& f : facts_) {
        if (std::string_view(f.id).starts_with(id_prefix)) out.push_back(&f);
    }
    return out;
}

std::vector<const Fact*> KnowledgeBase::select(std::string_view id_prefix, const std::string& kind,
                                               const std::string& value) const {
    std::vector<const Fact*> out;
    for (const Fact* f : with_prefix(id_prefix)) {
        if (f->is_about(kind, value)) out.push_back(f);
    }
    return out;
}

}  // namespace knowledge
