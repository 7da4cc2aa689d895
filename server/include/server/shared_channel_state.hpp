#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "analytics/store.hpp"
#include "channels/context_store.hpp"
#include "channels/replay_guard.hpp"
#include "server/log_throttle.hpp"

namespace server {

// The channels' state in the analytics database, so that with --database postgresql:// a follow-up is
// understood, and a platform's retry answered once, whichever replica the platform reaches
// (docs/channels.md). Both blocks on the database, so the router calls them from the background thread,
// never an I/O thread. While the database cannot be used they keep the state in this process's memory.

// One connection for both, opened (and migrated) on first use and again after a failure. Thread-safe (one
// connection behind a mutex).
class ChannelDatabase {
  public:
    explicit ChannelDatabase(analytics::StoreLocation location) : location_(std::move(location)) {}
    // Runs `work` on the open store; false (the store closed, to be opened again, and a warning logged at
    // most once a minute per `what`) when it failed.
    bool use(const char* what, const std::function<void(analytics::Store&)>& work);

  private:
    const analytics::StoreLocation location_;
    std::mutex mutex_;
    std::unique_ptr<analytics::Store> store_;
    LogThrottle log_throttle_{std::chrono::minutes(1)};
};

// Follow-up contexts: table channel_contexts.
class SharedContextStore final : public channels::ContextStore {
  public:
    explicit SharedContextStore(std::shared_ptr<ChannelDatabase> database,
                                std::int64_t ttl_ms = channels::MemoryContextStore::default_ttl_ms);
    intents::Context load(const std::string& sender, std::int64_t now_ms) override;
    void save(const std::string& sender, const intents::Context& context, std::int64_t now_ms) override;

  private:
    const std::shared_ptr<ChannelDatabase> database_;
    const std::int64_t ttl_ms_;
    channels::MemoryContextStore fallback_;
};

// Deliveries: table channel_deliveries.
class SharedReplayGuard final : public channels::ReplayGuard {
  public:
    explicit SharedReplayGuard(std::shared_ptr<ChannelDatabase> database,
                               std::int64_t ttl_ms = default_ttl_ms);
    Claim claim(const std::string& id, std::int64_t now_ms) override;
    void answered(const std::string& id, const std::string& reply, std::int64_t now_ms) override;
    void release(const std::string& id) override;

  private:
    const std::shared_ptr<ChannelDatabase> database_;
    const std::int64_t ttl_ms_;
    channels::MemoryReplayGuard fallback_;
};

}  // namespace server
