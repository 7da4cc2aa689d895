#include "server/app_state.hpp"

#include <spdlog/spdlog.h>

namespace server {

AppState::AppState(Config config, intents::AdvisorPtr advisor)
    : config_(std::move(config)), advisor_(std::move(advisor)) {}

std::vector<std::string> AppState::reload() {
    auto loaded = intents::load_advisor(config_.knowledge_dir, config_.intents_dir);
    if (!loaded.ok()) {
        for (const std::string& e : loaded.errors) spdlog::error("reload refused: {}", e);
        return loaded.errors;
    }
    spdlog::info("reloaded: {}", intents::summary(**loaded.value));
    advisor_.store(std::move(*loaded.value));
    return {};
}

}  // namespace server
