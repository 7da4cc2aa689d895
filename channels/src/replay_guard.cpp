#include "channels/replay_guard.hpp"

namespace channels {

ReplayGuard::Claim MemoryReplayGuard::claim(const std::string& id, std::int64_t now_ms) {
    if (deliveries_.put_if_absent(id, std::nullopt, now_ms)) return Claim{true, std::nullopt};
    return Claim{false, deliveries_.find(id, now_ms).value_or(std::nullopt)};
}

void MemoryReplayGuard::answered(const std::string& id, const std::string& reply, std::int64_t now_ms) {
    deliveries_.put(id, reply, now_ms);
}

}  // namespace channels
