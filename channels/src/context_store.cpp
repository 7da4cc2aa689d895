#include "channels/context_store.hpp"

#include "channels/signatures.hpp"

namespace channels {

intents::Context MemoryContextStore::load(const std::string& sender, std::int64_t now_ms) {
    return contexts_.find(sender, now_ms).value_or(intents::Context{});
}

void MemoryContextStore::save(const std::string& sender, const intents::Context& context,
                              std::int64_t now_ms) {
    contexts_.put(sender, context, now_ms);
}

std::string sender_key(std::string_view channel, std::string_view id) {
    std::string text(channel);
    text.append(":").append(id);
    return std::string(channel) + ":" + sha256_hex(text);
}

}  // namespace channels
