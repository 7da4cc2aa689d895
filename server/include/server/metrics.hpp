#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "analytics/recorder.hpp"
#include "intents/answer_cache.hpp"

namespace server {

// Why the server refused a connection or an upgrade; a label of career_advisor_refused_total.
enum class Refusal { origin, connections, connections_per_ip, draining, rate_limited, admin };

// Counters for GET /metrics. Thread-safe: sessions on every I/O thread count into one instance.
// Counters only go up; gauges (open connections) are kept by the owners of what they count.
class Metrics {
  public:
    void connection_opened(bool websocket) { (websocket ? websockets_open_ : http_open_).fetch_add(1); }
    void connection_closed(bool websocket) { (websocket ? websockets_open_ : http_open_).fetch_sub(1); }
    void message_received() { messages_in_.fetch_add(1, std::memory_order_relaxed); }
    void message_sent() { messages_out_.fetch_add(1, std::memory_order_relaxed); }
    void http_request() { http_requests_.fetch_add(1, std::memory_order_relaxed); }
    // An answer given, by its intent ("fallback" included), and how long it took to compose.
    void answered(const std::string& intent, double seconds);
    void error(const std::string& code);
    void refused(Refusal why) {
        refused_[static_cast<std::size_t>(why)].fetch_add(1, std::memory_order_relaxed);
    }
    void reloaded(bool ok) { (ok ? reloads_ok_ : reloads_failed_).fetch_add(1, std::memory_order_relaxed); }
    // An answer recorded without its question's text: the asker had used its share (reply_effects.hpp).
    void question_text_dropped() { question_texts_dropped_.fetch_add(1, std::memory_order_relaxed); }
    void accept_paused() { accept_pauses_.fetch_add(1, std::memory_order_relaxed); }
    void feedback(bool helpful) {
        (helpful ? helpful_ : not_helpful_).fetch_add(1, std::memory_order_relaxed);
    }
    // A messaging platform's webhook (docs/channels.md), by channel: an answer given (also counted by
    // answered()), or a delivery refused (`reason`: a signature verdict, or "replayed" for a retry not
    // answered again).
    void channel_answered(const std::string& channel);
    void channel_refused(const std::string& channel, const std::string& reason);

    std::int64_t websockets_open() const { return websockets_open_.load(); }

    // The Prometheus text exposition format (version 0.0.4).
    std::string prometheus_text(const std::string& version, bool ready, bool draining) const;
    // The recorder's families, in the same format, to follow prometheus_text().
    static std::string prometheus_text(const analytics::RecorderStatus& recording);
    // The answer cache's families (its counts start again with each data snapshot).
    static std::string prometheus_text(const intents::AnswerCache::Counts& cache);
    // The web/ files kept in memory: bytes and URL paths (StaticCache).
    static std::string static_files_text(std::size_t bytes, std::size_t names);

    // Upper bounds of the answer latency histogram, in seconds.
    static constexpr std::array<double, 10> latency_buckets{0.00005, 0.0001, 0.00025, 0.0005, 0.001,
                                                            0.0025,  0.005,  0.01,    0.05,   0.25};

  private:
    std::atomic<std::int64_t> websockets_open_{0}, http_open_{0};
    std::atomic<std::uint64_t> messages_in_{0}, messages_out_{0}, http_requests_{0};
    std::atomic<std::uint64_t> reloads_ok_{0}, reloads_failed_{0}, accept_pauses_{0}, helpful_{0},
        not_helpful_{0}, question_texts_dropped_{0};
    std::array<std::atomic<std::uint64_t>, 6> refused_{};
    mutable std::mutex mutex_;  // guards the labelled maps and the histogram below
    std::map<std::string, std::uint64_t> answers_, errors_, channel_answers_;
    std::map<std::pair<std::string, std::string>, std::uint64_t> channel_refusals_;
    std::array<std::uint64_t, latency_buckets.size()> latency_counts_{};
    std::uint64_t latency_count_ = 0;
    double latency_sum_ = 0;
};

}  // namespace server
