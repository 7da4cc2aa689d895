#include "server/log_throttle.hpp"

namespace server {

bool LogThrottle::allow(const std::string& key, std::chrono::steady_clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto it = last_.find(key);
    if (it != last_.end()) {
        if (now - it->second < interval_) return false;
        it->second = now;
        return true;
    }
    if (last_.size() >= max_keys) last_.clear();  // forgetting only means one more line, never a flood
    last_.emplace(key, now);
    return true;
}

}  // namespace server
