#include "channels/replay_guard.hpp"

namespace channels {

ReplayGuard::Claim ReplayGuard::claim(const std::string& id, std::int64_t now_ms) {
    if (deliveries_.put_if_absent(id, std::nullopt, now_ms)) return Claim{true, std::nullopt};
    return Claim{false, deliveries_.find(id, now_ms).value_or(std::nullopt)};
}

void ReplayGuard::answered(const std::string& id, std::string reply, std::int64_t now_ms) {
    deliveries_.put(id, std::move(reply), now_ms);
}

}  // namespace channels
