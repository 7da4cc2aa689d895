#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace server {

// Says whether a log line about `key` may be written now: at most once per `interval` per key,
// so a client repeating a mistake (or a misconfigured site) cannot flood the log. Thread-safe; the
// number of keys remembered is bounded.
class LogThrottle {
  public:
    explicit LogThrottle(std::chrono::steady_clock::duration interval) : interval_(interval) {}
    bool allow(const std::string& key,
               std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

  private:
    static constexpr std::size_t max_keys = 1024;
    const std::chrono::steady_clock::duration interval_;
    std::mutex mutex_;
    std::map<std::string, std::chrono::steady_clock::time_point> last_;
};

}  // namespace server
