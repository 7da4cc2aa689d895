#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "channels/expiring_lru.hpp"

namespace channels {

// Platforms deliver again when they did not see our reply in time (Telegram the same update_id, Twilio the
// same MessageSid, Slack a retry of the same trigger_id): each delivery is answered once. The first
// claim of an id answers it; a later one gets the reply the first gave, or, while the first is still
// being answered, nothing to send. Implementations are thread-safe.
class ReplayGuard {
  public:
    static constexpr std::int64_t default_ttl_ms = 60 * 60 * 1000;
    // A claim still unanswered after this long is taken over by the next delivery of its id: its answer
    // died with its process (an answer takes milliseconds; platforms retry after seconds).
    static constexpr std::int64_t claim_lease_ms = 30 * 1000;

    struct Claim {
        bool first = false;                // answer it, then call answered()
        std::optional<std::string> reply;  // not first: the reply given, or nullopt while it is in the works
    };
    virtual ~ReplayGuard() = default;
    // `id` is the platform's name for the delivery, prefixed with the channel ("telegram:42").
    virtual Claim claim(const std::string& id, std::int64_t now_ms) = 0;
    virtual void answered(const std::string& id, const std::string& reply, std::int64_t now_ms) = 0;
    // Forgets a claim that was not answered (the answer failed), so the next delivery of `id` is answered.
    virtual void release(const std::string& id) = 0;
};

// The default guard: in memory, per process; remembers `capacity` ids for `ttl_ms` each.
class MemoryReplayGuard final : public ReplayGuard {
  public:
    static constexpr std::size_t default_capacity = 10000;

    explicit MemoryReplayGuard(std::size_t capacity = default_capacity, std::int64_t ttl_ms = default_ttl_ms)
        : deliveries_(capacity, ttl_ms) {}
    Claim claim(const std::string& id, std::int64_t now_ms) override;
    void answered(const std::string& id, const std::string& reply, std::int64_t now_ms) override;
    void release(const std::string& id) override { deliveries_.erase(id); }

  private:
    ExpiringLru<std::optional<std::string>> deliveries_;
};

}  // namespace channels
