#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace channels {

// A map from string keys to values that forgets an entry `ttl_ms` after it was last written, and the
// least recently used one when it holds `capacity`: memory stays bounded whoever sends. Thread-safe
// (one mutex; every operation is O(1) apart from the expired entries it drops).
template <class Value>
class ExpiringLru {
  public:
    ExpiringLru(std::size_t capacity, std::int64_t ttl_ms)
        : capacity_(capacity == 0 ? 1 : capacity), ttl_ms_(ttl_ms) {}

    std::optional<Value> find(const std::string& key, std::int64_t now_ms) {
        std::lock_guard lock(mutex_);
        const auto it = index_.find(key);
        if (it == index_.end()) return std::nullopt;
        if (now_ms - it->second->written_ms > ttl_ms_) {
            entries_.erase(it->second);
            index_.erase(it);
            return std::nullopt;
        }
        entries_.splice(entries_.begin(), entries_, it->second);
        return it->second->value;
    }

    void put(const std::string& key, Value value, std::int64_t now_ms) {
        std::lock_guard lock(mutex_);
        if (const auto it = index_.find(key); it != index_.end()) {
            it->second->value = std::move(value);
            it->second->written_ms = now_ms;
            entries_.splice(entries_.begin(), entries_, it->second);
            return;
        }
        if (index_.size() >= capacity_) {
            index_.erase(entries_.back().key);
            entries_.pop_back();
        }
        entries_.push_front(Entry{key, std::move(value), now_ms});
        index_.emplace(key, entries_.begin());
    }

    // Puts `value` only when `key` holds nothing (or only something expired); true when it did.
    bool put_if_absent(const std::string& key, Value value, std::int64_t now_ms) {
        std::lock_guard lock(mutex_);
        if (const auto it = index_.find(key); it != index_.end()) {
            if (now_ms - it->second->written_ms <= ttl_ms_) return false;
            entries_.erase(it->second);
            index_.erase(it);
        }
        if (index_.size() >= capacity_) {
            index_.erase(entries_.back().key);
            entries_.pop_back();
        }
        entries_.push_front(Entry{key, std::move(value), now_ms});
        index_.emplace(key, entries_.begin());
        return true;
    }

    void erase(const std::string& key) {
        std::lock_guard lock(mutex_);
        if (const auto it = index_.find(key); it != index_.end()) {
            entries_.erase(it->second);
            index_.erase(it);
        }
    }

    std::size_t size() const {
        std::lock_guard lock(mutex_);
        return index_.size();
    }

  private:
    struct Entry {
        std::string key;
        Value value;
        std::int64_t written_ms;
    };
    const std::size_t capacity_;
    const std::int64_t ttl_ms_;
    mutable std::mutex mutex_;
    std::list<Entry> entries_;  // most recently used first
    std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
};

}  // namespace channels
