#pragma once

#include <filesystem>

#include "knowledge/knowledge_base.hpp"
#include "knowledge/load_result.hpp"

namespace knowledge {

// Loads `DIR/sources.json` and every `DIR/facts/*.json` (in name order) and checks them
// (docs/knowledge.md lists the rules). Never throws for bad data: problems come back as errors.
LoadResult<KnowledgeBase> load_knowledge(const std::filesystem::path& dir);

}  // namespace knowledge
