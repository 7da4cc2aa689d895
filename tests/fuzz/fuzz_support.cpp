#include "fuzz_support.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace fuzz {

const intents::AdvisorPtr& project_advisor() {
    static const intents::AdvisorPtr loaded = [] {
        spdlog::set_level(spdlog::level::off);  // the router's warnings would drown the fuzzer's own output
        const std::filesystem::path source = CAREER_ADVISOR_SOURCE_DIR;
        auto result = intents::load_advisor(source / "knowledge" / "data", source / "intents" / "data");
        if (!result.ok()) {
            std::fprintf(stderr, "fuzz: the project data does not load: %s\n", result.errors.front().c_str());
            std::abort();
        }
        return *result.value;
    }();
    return loaded;
}

server::Config project_config() {
    const std::string source = CAREER_ADVISOR_SOURCE_DIR;
    server::Config config;
    config.web_dir = source + "/web";
    config.knowledge_dir = source + "/knowledge/data";
    config.intents_dir = source + "/intents/data";
    return config;
}

void require(bool holds, std::string_view what) {
    if (holds) return;
    std::fprintf(stderr, "fuzz: property broken: %.*s\n", static_cast<int>(what.size()), what.data());
    std::abort();
}

}  // namespace fuzz
