#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "knowledge/types.hpp"

namespace knowledge {

// The immutable set of sources and facts. Built once by the loader and then only read,
// so any number of threads may share one instance.
class KnowledgeBase {
  public:
    KnowledgeBase(std::vector<Source> sources, std::vector<Topic> topics, std::vector<Fact> facts);

    const Fact* find_fact(std::string_view id) const;
    const Source* find_source(std::string_view id) const;

    // Facts whose id starts with prefix and whose entities[kind] holds value, in file order. Looks
    // only at the facts of the prefix (an index sorted by id), so an answer's cost does not grow with
    // the rest of the knowledge base.
    std::vector<const Fact*> select(std::string_view id_prefix, const std::string& kind,
                                    const std::string& value) const;
    // Facts whose id starts with prefix, in file order.
    std::vector<const Fact*> with_prefix(std::string_view id_prefix) const;

    const std::vector<Source>& sources() const { return sources_; }
    const std::vector<Topic>& topics() const { return topics_; }
    const std::vector<Fact>& facts() const { return facts_; }

  private:
    std::vector<Source> sources_;
    std::vector<Topic> topics_;
    std::vector<Fact> facts_;
    // Looked up by string_view (transparent hash): a placeholder's id is never copied to be looked up.
    struct IdHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Index = std::unordered_map<std::string, std::size_t, IdHash, std::equal_to<>>;
    Index fact_index_;
    Index source_index_;
    std::vector<std::size_t> by_id_;  // indices of facts_, sorted by id: a prefix is one range

    // The facts whose id starts with the prefix, in file order, each kept if `keep` says so.
    template <typename Keep>
    std::vector<const Fact*> prefixed(std::string_view id_prefix, Keep keep) const;
};

}  // namespace knowledge
