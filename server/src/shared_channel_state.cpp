#include "server/shared_channel_state.hpp"

#include <spdlog/spdlog.h>

#include "intents/answer_json.hpp"
#include "knowledge/json_text.hpp"

namespace server {

bool ChannelDatabase::use(const char* what, const std::function<void(analytics::Store&)>& work) {
    std::lock_guard lock(mutex_);
    try {
        if (!store_) {
            auto store = analytics::open_store(location_);
            store
                ->migrate();  // the recorder may not have made the tables yet; one lock serialises migrations
            store_ = std::move(store);
        }
        work(*store_);
        return true;
    } catch (const analytics::StoreError& e) {
        store_.reset();
        if (log_throttle_.allow(what)) {
            spdlog::warn(
                "channel {}: {}; keeping them in this process's memory meanwhile (logged at most once a "
                "minute)",
                what, e.what());
        }
        return false;
    }
}

SharedContextStore::SharedContextStore(std::shared_ptr<ChannelDatabase> database, std::int64_t ttl_ms)
    : database_(std::move(database)),
      ttl_ms_(ttl_ms),
      fallback_(channels::MemoryContextStore::default_capacity, ttl_ms) {}

intents::Context SharedContextStore::load(const std::string& sender, std::int64_t now_ms) {
    std::optional<std::string> text;
    if (!database_->use("contexts", [&](analytics::Store& store) {
            text = store.load_context(sender, now_ms - ttl_ms_);
        })) {
        return fallback_.load(sender, now_ms);
    }
    if (!text) return {};
    std::string error;
    // The row is ours, but a database is shared: a context that does not read back is no context.
    const auto context = intents::context_from_json(nlohmann::json::parse(*text, nullptr, false), error);
    return context.value_or(intents::Context{});
}

void SharedContextStore::save(const std::string& sender, const intents::Context& context,
                              std::int64_t now_ms) {
    const std::string text = knowledge::json_text(intents::context_to_json(context));
    if (!database_->use("contexts", [&](analytics::Store& store) {
            store.save_context(sender, text, now_ms, now_ms - ttl_ms_);
        })) {
        fallback_.save(sender, context, now_ms);
    }
}

SharedReplayGuard::SharedReplayGuard(std::shared_ptr<ChannelDatabase> database, std::int64_t ttl_ms)
    : database_(std::move(database)),
      ttl_ms_(ttl_ms),
      fallback_(channels::MemoryReplayGuard::default_capacity, ttl_ms) {}

channels::ReplayGuard::Claim SharedReplayGuard::claim(const std::string& id, std::int64_t now_ms) {
    Claim claim;
    if (!database_->use("deliveries", [&](analytics::Store& store) {
            const auto stored = store.claim_delivery(id, now_ms, now_ms - ttl_ms_, now_ms - claim_lease_ms);
            claim = Claim{stored.first, stored.reply};
        })) {
        return fallback_.claim(id, now_ms);
    }
    return claim;
}

void SharedReplayGuard::answered(const std::string& id, const std::string& reply, std::int64_t now_ms) {
    if (!database_->use("deliveries", [&](analytics::Store& store) { store.answer_delivery(id, reply); })) {
        fallback_.answered(id, reply, now_ms);
    }
}

void SharedReplayGuard::release(const std::string& id) {
    fallback_.release(id);  // it may have been claimed here while the database was away
    database_->use("deliveries", [&](analytics::Store& store) { store.release_delivery(id); });
}

}  // namespace server
