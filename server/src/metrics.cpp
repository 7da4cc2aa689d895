#include "server/metrics.hpp"

#include <fmt/format.h>

namespace server {

namespace {

constexpr const char* refusal_names[] = {"origin",   "connections",  "connections_per_ip",
                                         "draining", "rate_limited", "admin"};

// Label values are our own intent ids and error codes, but escape anyway: the format breaks on a quote.
std::string label(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out.push_back('\\');
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out.push_back(c);
    }
    return out;
}

void family(std::string& out, const char* name, const char* type, const char* help) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

}  // namespace

void Metrics::answered(const std::string& intent, double seconds) {
    std::lock_guard lock(mutex_);
    ++answers_[intent];
    for (std::size_t i = 0; i < latency_buckets.size(); ++i) {
        if (seconds <= latency_buckets[i]) ++latency_counts_[i];
    }
    ++latency_count_;
    latency_sum_ += seconds;
}

void Metrics::channel_answered(const std::string& channel) {
    std::lock_guard lock(mutex_);
    ++channel_answers_[channel];
}

void Metrics::channel_refused(const std::string& channel, const std::string& reason) {
    std::lock_guard lock(mutex_);
    ++channel_refusals_[{channel, reason}];
}

void Metrics::error(const std::string& code) {
    std::lock_guard lock(mutex_);
    ++errors_[code];
}

std::string Metrics::prometheus_text(const std::string& version, bool ready, bool draining) const {
    std::string out;
    family(out, "career_advisor_build_info", "gauge", "Always 1; the version is a label.");
    out += fmt::format("career_advisor_build_info{{version=\"{}\"}} 1\n", label(version));
    family(out, "career_advisor_ready", "gauge",
           "1 when serving, 0 before the data is loaded or while draining.");
    out += fmt::format("career_advisor_ready {}\n", ready && !draining ? 1 : 0);
    family(out, "career_advisor_connections_open", "gauge", "Connections open now, by kind.");
    out += fmt::format("career_advisor_connections_open{{kind=\"websocket\"}} {}\n", websockets_open_.load());
    out += fmt::format("career_advisor_connections_open{{kind=\"http\"}} {}\n", http_open_.load());
    family(out, "career_advisor_messages_received_total", "counter", "WebSocket messages received.");
    out += fmt::format("career_advisor_messages_received_total {}\n", messages_in_.load());
    family(out, "career_advisor_messages_sent_total", "counter", "WebSocket messages sent.");
    out += fmt::format("career_advisor_messages_sent_total {}\n", messages_out_.load());
    family(out, "career_advisor_http_requests_total", "counter", "HTTP requests answered.");
    out += fmt::format("career_advisor_http_requests_total {}\n", http_requests_.load());
    family(out, "career_advisor_refused_total", "counter",
           "Connections, upgrades or messages refused, by reason.");
    for (std::size_t i = 0; i < refused_.size(); ++i) {
        out += fmt::format("career_advisor_refused_total{{reason=\"{}\"}} {}\n", refusal_names[i],
                           refused_[i].load());
    }
    family(out, "career_advisor_reloads_total", "counter", "Data reloads, by result.");
    out += fmt::format("career_advisor_reloads_total{{result=\"ok\"}} {}\n", reloads_ok_.load());
    out += fmt::format("career_advisor_reloads_total{{result=\"failed\"}} {}\n", reloads_failed_.load());
    family(out, "career_advisor_question_texts_dropped_total", "counter",
           "Unanswered questions recorded without their text: the address had used its share of the store.");
    out += fmt::format("career_advisor_question_texts_dropped_total {}\n", question_texts_dropped_.load());
    family(out, "career_advisor_accept_pauses_total", "counter",
           "Times accepting paused because the process ran out of file descriptors.");
    out += fmt::format("career_advisor_accept_pauses_total {}\n", accept_pauses_.load());
    family(out, "career_advisor_feedback_total", "counter", "Votes on answers accepted, by vote.");
    out += fmt::format("career_advisor_feedback_total{{vote=\"helpful\"}} {}\n", helpful_.load());
    out += fmt::format("career_advisor_feedback_total{{vote=\"not_helpful\"}} {}\n", not_helpful_.load());

    std::lock_guard lock(mutex_);
    family(out, "career_advisor_answers_total", "counter", "Answers given, by intent (fallback included).");
    for (const auto& [intent, n] : answers_) {
        out += fmt::format("career_advisor_answers_total{{intent=\"{}\"}} {}\n", label(intent), n);
    }
    family(out, "career_advisor_errors_total", "counter", "Error replies sent to clients, by code.");
    for (const auto& [code, n] : errors_) {
        out += fmt::format("career_advisor_errors_total{{code=\"{}\"}} {}\n", label(code), n);
    }
    family(
        out, "career_advisor_channel_answers_total", "counter",
        "Answers given through a messaging platform's webhook, by channel (slack, telegram, sms, whatsapp).");
    for (const auto& [channel, n] : channel_answers_) {
        out += fmt::format("career_advisor_channel_answers_total{{channel=\"{}\"}} {}\n", label(channel), n);
    }
    family(out, "career_advisor_channel_refused_total", "counter",
           "Webhook deliveries not answered, by channel and reason (missing, stale or wrong signature; "
           "replayed).");
    for (const auto& [key, n] : channel_refusals_) {
        out += fmt::format("career_advisor_channel_refused_total{{channel=\"{}\",reason=\"{}\"}} {}\n",
                           label(key.first), label(key.second), n);
    }
    family(out, "career_advisor_answer_seconds", "histogram", "Time to compose an answer.");
    for (std::size_t i = 0; i < latency_buckets.size(); ++i) {
        out += fmt::format("career_advisor_answer_seconds_bucket{{le=\"{}\"}} {}\n", latency_buckets[i],
                           latency_counts_[i]);
    }
    out += fmt::format("career_advisor_answer_seconds_bucket{{le=\"+Inf\"}} {}\n", latency_count_);
    out += fmt::format("career_advisor_answer_seconds_sum {}\n", latency_sum_);
    out += fmt::format("career_advisor_answer_seconds_count {}\n", latency_count_);
    return out;
}

std::string Metrics::prometheus_text(const intents::AnswerCache::Counts& cache) {
    std::string out;
    family(out, "career_advisor_answer_cache_lookups_total", "counter",
           "Chat and HTTP questions, by whether their answer was a kept one or found anew (since the last "
           "reload).");
    out += fmt::format("career_advisor_answer_cache_lookups_total{{result=\"hit\"}} {}\n", cache.hits);
    out += fmt::format("career_advisor_answer_cache_lookups_total{{result=\"miss\"}} {}\n", cache.misses);
    family(out, "career_advisor_answer_cache_entries", "gauge", "Answers kept.");
    out += fmt::format("career_advisor_answer_cache_entries {}\n", cache.entries);
    family(out, "career_advisor_answer_cache_bytes", "gauge", "Memory the kept answers take, roughly.");
    out += fmt::format("career_advisor_answer_cache_bytes {}\n", cache.bytes);
    return out;
}

std::string Metrics::static_files_text(std::size_t bytes, std::size_t names) {
    std::string out;
    family(out, "career_advisor_static_cache_bytes", "gauge", "Memory the web/ files kept take.");
    out += fmt::format("career_advisor_static_cache_bytes {}\n", bytes);
    family(out, "career_advisor_static_cache_names", "gauge", "URL paths that lead to a kept web/ file.");
    out += fmt::format("career_advisor_static_cache_names {}\n", names);
    return out;
}

std::string Metrics::prometheus_text(const analytics::RecorderStatus& r) {
    std::string out;
    const std::string store = label(r.kind);
    family(out, "career_advisor_store_up", "gauge",
           "1 when the last attempt to open or write the store worked.");
    out += fmt::format("career_advisor_store_up{{store=\"{}\"}} {}\n", store, r.ok ? 1 : 0);
    family(out, "career_advisor_store_events_total", "counter",
           "Answer and feedback events: queued, written in committed transactions, dropped (queue full, or "
           "left at exit), refused by the store (left out, the rest written).");
    out += fmt::format("career_advisor_store_events_total{{result=\"queued\"}} {}\n", r.recorded);
    out += fmt::format("career_advisor_store_events_total{{result=\"written\"}} {}\n", r.written);
    out += fmt::format("career_advisor_store_events_total{{result=\"dropped\"}} {}\n", r.dropped);
    out += fmt::format("career_advisor_store_events_total{{result=\"refused\"}} {}\n", r.refused);
    family(out, "career_advisor_store_failures_total", "counter",
           "Failed attempts to open or write the store.");
    out += fmt::format("career_advisor_store_failures_total {}\n", r.failures);
    family(out, "career_advisor_store_queue", "gauge", "Events waiting to be written.");
    out += fmt::format("career_advisor_store_queue {}\n", r.queued);
    family(out, "career_advisor_store_bytes", "gauge",
           "What the stored answers and feedback took at the last measurement (--store-max-mb counts it).");
    out += fmt::format("career_advisor_store_bytes {}\n", r.store_bytes);
    family(out, "career_advisor_store_budget_deleted_total", "counter",
           "Oldest answers and votes deleted to keep the store within --store-max-mb.");
    out += fmt::format("career_advisor_store_budget_deleted_total {}\n", r.budget_deleted);
    return out;
}

}  // namespace server
