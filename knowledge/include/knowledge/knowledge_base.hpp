#pragma once

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

    // Facts whose id starts with prefix and whose entities[kind] holds value, in file order.
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
    std::unordered_map<std::string, std::size_t> fact_index_;
    std::unordered_map<std::string, std::size_t> source_index_;
};

}  // namespace knowledge
