#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "analytics/store.hpp"
#include "channels/context_store.hpp"
#include "server/log_throttle.hpp"

namespace server {

// The channels' follow-up contexts in the analytics database (table channel_contexts), so that with
// --database postgresql:// a follow-up is understood whichever replica the platform reaches
// (docs/channels.md). Opens (and migrates) its own connection on first use, and again after a failure;
// while the database cannot be used it keeps contexts in memory, and says so in the log at most once a
// minute. Thread-safe (one connection behind a mutex); it blocks on the database, so the router calls it
// from the background thread, never an I/O thread.
class SharedContextStore final : public channels::ContextStore {
  public:
    explicit SharedContextStore(analytics::StoreLocation location,
                                std::int64_t ttl_ms = channels::MemoryContextStore::default_ttl_ms);
    intents::Context load(const std::string& sender, std::int64_t now_ms) override;
    void save(const std::string& sender, const intents::Context& context, std::int64_t now_ms) override;

  private:
    // Runs `work` on the open store; false (and the store closed, to be opened again) when it failed.
    template <class Work>
    bool with_store(Work work);

    const analytics::StoreLocation location_;
    const std::int64_t ttl_ms_;
    std::mutex mutex_;
    std::unique_ptr<analytics::Store> store_;
    channels::MemoryContextStore fallback_;
    LogThrottle log_throttle_{std::chrono::minutes(1)};
};

}  // namespace server
