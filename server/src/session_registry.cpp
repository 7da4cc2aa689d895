#include "server/session_registry.hpp"

#include <algorithm>
#include <vector>

namespace server {

void SessionRegistry::add(const Drainable* key, std::weak_ptr<Drainable> session) {
    std::lock_guard lock(mutex_);
    sessions_.emplace(key, std::move(session));
    peak_ = std::max(peak_, sessions_.size());
}

void SessionRegistry::remove(const Drainable* key) {
    std::lock_guard lock(mutex_);
    sessions_.erase(key);
}

std::size_t SessionRegistry::size() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

std::size_t SessionRegistry::take_peak() {
    std::lock_guard lock(mutex_);
    const std::size_t peak = std::max(peak_, sessions_.size());
    peak_ = sessions_.size();
    return peak;
}

std::size_t SessionRegistry::talking() const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& [key, weak] : sessions_) {
        if (auto session = weak.lock(); session && !session->done_talking()) ++n;
    }
    return n;
}

void SessionRegistry::drain_all() {
    std::vector<std::shared_ptr<Drainable>> live;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, weak] : sessions_) {
            if (auto session = weak.lock()) live.push_back(std::move(session));
        }
    }
    for (const auto& session : live) session->drain();
}

}  // namespace server
