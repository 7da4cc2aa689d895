#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "intents/advisor.hpp"
#include "server/config.hpp"

namespace server {

// What the whole server shares: the configuration and the current advisor snapshot.
// Readers take a snapshot and keep it for the message they answer; reload swaps a new one in
// whole, so a question in flight finishes on the data it started with.
class AppState {
public:
    AppState(Config config, intents::AdvisorPtr advisor);

    intents::AdvisorPtr advisor() const { return advisor_.load(); }
    const Config& config() const { return config_; }

    // Loads the data folders again. On success swaps the snapshot in and returns no errors;
    // otherwise keeps serving the old data and returns what was wrong.
    std::vector<std::string> reload();

private:
    Config config_;
    std::atomic<std::shared_ptr<const intents::Advisor>> advisor_;
};

}  // namespace server
