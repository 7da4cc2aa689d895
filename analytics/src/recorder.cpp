#include "analytics/recorder.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>

namespace analytics {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto problem_log_interval = std::chrono::minutes(1);
constexpr auto retention_interval = std::chrono::hours(1);
constexpr std::chrono::milliseconds first_retry{1000};

// What the store budget counts of events about to be written (StoreUsage): an estimate, measured exactly
// later.
std::uint64_t usage_bytes(const std::vector<AnswerEvent>& answers, const std::vector<FeedbackEvent>& votes) {
    std::uint64_t bytes = 0;
    for (const AnswerEvent& a : answers) {
        bytes += row_overhead_bytes + a.answer_id.size() + a.question.size() + 16;  // 16: channel
        for (const std::string& intent : a.intents) bytes += intent.size() + 1;
    }
    for (const FeedbackEvent& v : votes) bytes += row_overhead_bytes + v.answer_id.size() + v.comment.size();
    return bytes;
}

std::uint64_t percent(std::uint64_t bytes, unsigned p) { return bytes / 100 * p; }

std::int64_t wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

Recorder::Recorder(OpenStore open, std::string kind, RecorderOptions options)
    : open_(std::move(open)), options_(options) {
    status_.kind = std::move(kind);
    status_.problem = "not opened yet";
    // Before the writer thread exists, so nothing else touches store_. The first retention pass runs here
    // too, so what it costs (time, the database's cache) comes before serving rather than in the middle.
    if (ensure_open()) tidy();
    thread_ = std::thread([this] { run(); });
}

Recorder::~Recorder() { stop(std::chrono::seconds(5)); }

bool Recorder::admit() {
    if (stopping_ || queue_.size() + retry_size_ >= options_.queue_capacity) {
        ++status_.dropped;
        return false;
    }
    ++status_.recorded;
    return true;
}

bool Recorder::record(AnswerEvent event) {
    if (!keeps_question(event, options_.all_questions)) event.question.clear();
    std::lock_guard lock(mutex_);
    if (!admit()) return false;
    queue_.answers.push_back(std::move(event));
    // Only a full batch wakes the writer early; otherwise it wakes on its interval (no system call here).
    if (queue_.size() == options_.batch_size) wake_.notify_one();
    return true;
}

bool Recorder::record(FeedbackEvent event) {
    std::lock_guard lock(mutex_);
    if (!admit()) return false;
    queue_.votes.push_back(std::move(event));
    if (queue_.size() == options_.batch_size) wake_.notify_one();
    return true;
}

RecorderStatus Recorder::status() const {
    std::lock_guard lock(mutex_);
    RecorderStatus out = status_;
    out.queued = queue_.size() + retry_size_;
    return out;
}

void Recorder::stop(std::chrono::milliseconds deadline) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
        stop_deadline_ = Clock::now() + deadline;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void Recorder::run() {
    Batch pending;  // what the next write takes: the queue, and a batch that failed before
    auto backoff = first_retry;
    auto next_attempt = Clock::now();
    auto last_write = Clock::now();
    std::unique_lock lock(mutex_);
    for (;;) {
        const auto due =
            pending.size() > 0 || !status_.ok ? next_attempt : last_write + options_.flush_interval;
        wake_.wait_until(lock, due, [&] {
            return stopping_ || (pending.size() == 0 && queue_.size() >= options_.batch_size);
        });
        const bool stopping = stopping_;
        std::move(queue_.answers.begin(), queue_.answers.end(), std::back_inserter(pending.answers));
        std::move(queue_.votes.begin(), queue_.votes.end(), std::back_inserter(pending.votes));
        queue_ = Batch{};
        retry_size_ = pending.size();
        lock.unlock();

        const auto now = Clock::now();
        const std::uint64_t pending_bytes = usage_bytes(pending.answers, pending.votes);
        bool ok = true;
        if (pending.size() > 0 || !currently_ok())
            ok = ensure_open() && (pending.size() == 0 || write(pending));
        if (ok) {
            pending = Batch{};
            backoff = first_retry;
            last_write = now;
            estimated_bytes_ += pending_bytes;
            if (now >= next_retention_) {
                tidy();
            } else if (options_.max_store_bytes > 0 &&
                       estimated_bytes_ >= percent(options_.max_store_bytes, over_warning_mark_ ? 100 : 80)) {
                keep_within_budget();
            }
        } else {
            next_attempt = Clock::now() + backoff;
            backoff = std::min(backoff * 2, options_.retry_max);
        }

        lock.lock();
        retry_size_ = pending.size();
        if (stopping && (queue_.size() == 0 || !ok || Clock::now() >= stop_deadline_)) break;
    }
    const std::size_t lost = pending.size() + queue_.size();
    if (lost > 0) {
        status_.dropped += lost;
        spdlog::error("recording: {} event(s) could not be written before the exit: {}", lost,
                      status_.problem);
    }
    queue_ = Batch{};
    retry_size_ = 0;
}

bool Recorder::currently_ok() {
    std::lock_guard lock(mutex_);
    return status_.ok;
}

bool Recorder::ensure_open() {
    if (store_) return true;
    try {
        auto store = open_();
        const std::string key = store->migrate();
        ids_.adopt(key);
        store_ = std::move(store);
        succeeded();
        return true;
    } catch (const StoreError& e) {
        failed(e, "open");
        return false;
    }
}

bool Recorder::write(Batch& batch) {
    try {
        store_->write(batch.answers, batch.votes);
        {
            std::lock_guard lock(mutex_);
            status_.written += batch.size();
        }
        succeeded();
        return true;
    } catch (const StoreError& e) {
        if (e.row_refused()) return write_each(batch);
        store_.reset();  // opened again for the retry: a lost connection or a file that was replaced
        failed(e, "write to");
        return false;
    }
}

// One transaction per event, so the refused one is found and left out. What is written leaves `batch`, so a
// store failure midway retries only the rest.
bool Recorder::write_each(Batch& batch) {
    std::size_t refused = 0;
    const auto write_one = [&](auto& events, auto write) {
        while (!events.empty()) {
            try {
                write(events.front());
                std::lock_guard lock(mutex_);
                ++status_.written;
            } catch (const StoreError& e) {
                if (!e.row_refused()) {
                    store_.reset();
                    failed(e, "write to");
                    return false;
                }
                ++refused;
                spdlog::error("recording: the {} store refused an event, which is left out: {}", status_.kind,
                              e.what());
            }
            events.erase(events.begin());
        }
        return true;
    };
    const bool ok =
        write_one(batch.answers, [&](const AnswerEvent& a) { store_->write(std::span(&a, 1), {}); }) &&
        write_one(batch.votes, [&](const FeedbackEvent& v) { store_->write({}, std::span(&v, 1)); });
    {
        std::lock_guard lock(mutex_);
        status_.refused += refused;
    }
    if (ok) succeeded();
    return ok;
}

void Recorder::tidy() {
    next_retention_ = Clock::now() + retention_interval;
    delete_expired();
    keep_within_budget();
}

void Recorder::delete_expired() {
    if (options_.retention_days == 0 || !store_) return;
    const std::int64_t cutoff = wall_clock_ms() - std::int64_t{options_.retention_days} * 86'400'000;
    try {
        const std::uint64_t deleted = store_->delete_before(cutoff);
        if (deleted > 0)
            spdlog::info("recording: deleted {} row(s) older than {} days", deleted, options_.retention_days);
    } catch (const StoreError& e) {
        store_.reset();
        failed(e, "delete old rows from");
    }
}

void Recorder::keep_within_budget() {
    const std::uint64_t budget = options_.max_store_bytes;
    if (budget == 0 || !store_) return;
    constexpr double mib = 1 << 20;
    try {
        StoreUsage usage = store_->usage();
        std::uint64_t deleted = 0;
        if (usage.bytes >= budget) {
            // The rows to delete, at the average row's size, to come down to 90%: the oldest answers and
            // votes.
            const std::uint64_t row =
                std::max<std::uint64_t>(1, usage.bytes / std::max<std::uint64_t>(1, usage.rows));
            const std::uint64_t rows = (usage.bytes - percent(budget, 90) + row - 1) / row;
            const auto cutoff = store_->answer_time_at(rows);
            const std::int64_t before = cutoff.value_or(std::numeric_limits<std::int64_t>::max());
            deleted = store_->delete_before(before);
            if (deleted == 0 && cutoff) deleted = store_->delete_before(before + 1);  // all at one time
            usage = store_->usage();
            spdlog::warn(
                "recording: the store reached its budget of {:.1f} MiB (--store-max-mb); deleted the {} "
                "oldest rows, {:.1f} MiB stay",
                static_cast<double>(budget) / mib, deleted, static_cast<double>(usage.bytes) / mib);
        }
        const bool over_warning_mark = usage.bytes >= percent(budget, 80);
        if (over_warning_mark && !over_warning_mark_ && deleted == 0)
            spdlog::warn(
                "recording: the store holds {:.1f} MiB of its {:.1f} MiB budget (--store-max-mb); at the "
                "budget the oldest answers and votes are deleted",
                static_cast<double>(usage.bytes) / mib, static_cast<double>(budget) / mib);
        over_warning_mark_ = over_warning_mark;
        estimated_bytes_ = usage.bytes;
        std::lock_guard lock(mutex_);
        status_.store_bytes = usage.bytes;
        status_.budget_deleted += deleted;
    } catch (const StoreError& e) {
        store_.reset();
        failed(e, "measure or trim");
    }
}

void Recorder::failed(const StoreError& e, const char* doing) {
    std::lock_guard lock(mutex_);
    const bool was_ok = status_.ok || status_.failures == 0;
    status_.ok = false;
    status_.problem = e.reason();
    ++status_.failures;
    const auto now = Clock::now();
    if (was_ok) {
        spdlog::error(
            "recording: cannot {} the {} store: {}; chat goes on, up to {} events wait in memory and are "
            "retried",
            doing, status_.kind, e.what(), options_.queue_capacity);
        last_problem_log_ = now;
    } else if (now - last_problem_log_ >= problem_log_interval) {
        spdlog::error("recording: the {} store still fails ({} failures, {} events dropped so far): {}",
                      status_.kind, status_.failures, status_.dropped, e.what());
        last_problem_log_ = now;
    }
}

void Recorder::succeeded() {
    std::lock_guard lock(mutex_);
    if (!status_.ok && status_.failures > 0)
        spdlog::info("recording: the {} store works again", status_.kind);
    status_.ok = true;
    status_.problem.clear();
}

}  // namespace analytics
