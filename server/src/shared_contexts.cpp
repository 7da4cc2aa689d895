#include "server/shared_contexts.hpp"

#include <spdlog/spdlog.h>

#include "intents/answer_json.hpp"

namespace server {

SharedContextStore::SharedContextStore(analytics::StoreLocation location, std::int64_t ttl_ms)
    : location_(std::move(location)),
      ttl_ms_(ttl_ms),
      fallback_(channels::MemoryContextStore::default_capacity, ttl_ms) {}

template <class Work>
bool SharedContextStore::with_store(Work work) {
    try {
        if (!store_) {
            auto store = analytics::open_store(location_);
            store->migrate();  // the recorder may not have made the table yet; one lock serialises migrations
            store_ = std::move(store);
        }
        work(*store_);
        return true;
    } catch (const analytics::StoreError& e) {
        store_.reset();
        if (log_throttle_.allow("contexts")) {
            spdlog::warn(
                "channel contexts: {}; keeping them in this process's memory meanwhile (logged at most once "
                "a minute)",
                e.what());
        }
        return false;
    }
}

intents::Context SharedContextStore::load(const std::string& sender, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    std::optional<std::string> text;
    if (!with_store([&](analytics::Store& store) { text = store.load_context(sender, now_ms - ttl_ms_); })) {
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
    std::lock_guard lock(mutex_);
    const std::string text = intents::context_to_json(context).dump();
    if (!with_store(
            [&](analytics::Store& store) { store.save_context(sender, text, now_ms, now_ms - ttl_ms_); })) {
        fallback_.save(sender, context, now_ms);
    }
}

}  // namespace server
