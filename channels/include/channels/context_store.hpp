#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "channels/expiring_lru.hpp"
#include "intents/answer.hpp"

namespace channels {

// Where follow-ups' contexts live between a sender's messages ("and in Austin?"). Keys are
// sender_key()s, never the raw ids. Implementations are thread-safe.
class ContextStore {
  public:
    virtual ~ContextStore() = default;
    // The context last saved for `sender`, or the empty context (never saved, expired, or forgotten).
    virtual intents::Context load(const std::string& sender, std::int64_t now_ms) = 0;
    virtual void save(const std::string& sender, const intents::Context& context, std::int64_t now_ms) = 0;
};

// The default store: in memory, per process. A context is forgotten `ttl_ms` after its last answer (the
// context policy's own limit: respond() would not use it later anyway) or when `capacity` senders are
// newer.
class MemoryContextStore final : public ContextStore {
  public:
    static constexpr std::size_t default_capacity = 10000;
    static constexpr std::int64_t default_ttl_ms = 10 * 60 * 1000;

    explicit MemoryContextStore(std::size_t capacity = default_capacity, std::int64_t ttl_ms = default_ttl_ms)
        : contexts_(capacity, ttl_ms) {}
    intents::Context load(const std::string& sender, std::int64_t now_ms) override;
    void save(const std::string& sender, const intents::Context& context, std::int64_t now_ms) override;
    std::size_t size() const { return contexts_.size(); }

  private:
    ExpiringLru<intents::Context> contexts_;
};

// The key a sender's context is kept under: the channel's name and the hex SHA-256 of "channel:id", so a
// store (or a database dump) never holds a phone number or a user id. `id` is what tells senders apart on
// the platform: Slack "team:user:channel", Telegram the chat id, Twilio the From number.
std::string sender_key(std::string_view channel, std::string_view id);

}  // namespace channels
