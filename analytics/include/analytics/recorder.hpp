#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "analytics/answer_ids.hpp"
#include "analytics/events.hpp"
#include "analytics/store.hpp"

namespace analytics {

struct RecorderOptions {
    std::size_t queue_capacity =
        20000;                     // events waiting (and a failed batch kept for retry); more are dropped
    std::size_t batch_size = 500;  // a batch is written once this many wait ...
    std::chrono::milliseconds flush_interval{1000};  // ... or this long after the last write
    unsigned retention_days = 90;                    // 0: keep everything; else rows older are deleted hourly
    // 0: no budget; else when the answers and votes take this many bytes (StoreUsage) the oldest are deleted
    // down to 90% of it, with a warning from 80%. Measured at start, hourly, and whenever what was written
    // since the last measurement may have crossed the next of those marks.
    std::uint64_t max_store_bytes = 0;
    bool all_questions = false;                  // --log-questions: keep every question's text (events.hpp)
    std::chrono::milliseconds retry_max{30000};  // a failing store is retried at 1 s, doubling up to this
};

// What /readyz and /metrics say about recording.
struct RecorderStatus {
    std::string kind;               // "sqlite" or "postgresql"
    bool ok = false;                // the last attempt to open or write succeeded
    std::string problem;            // StoreError::reason() of the last failure while not ok
    std::uint64_t recorded = 0;     // events accepted into the queue
    std::uint64_t written = 0;      // events in committed transactions
    std::uint64_t dropped = 0;      // events refused because the queue was full
    std::uint64_t refused = 0;      // events the store refused to hold (StoreError::row_refused), left out
    std::uint64_t failures = 0;     // failed attempts to open or write
    std::size_t queued = 0;         // events waiting now (a batch kept for retry included)
    std::uint64_t store_bytes = 0;  // StoreUsage::bytes at the last measurement (0 before one, or no budget)
    std::uint64_t budget_deleted = 0;  // rows deleted to keep within max_store_bytes
};

// The one background writer: events go into a bounded queue under a short mutex (no I/O, never
// blocks for long, so the I/O threads may call it), and one thread writes them in batches, each in
// one transaction. When the queue is full an event is counted and dropped; when the store fails the
// batch is kept and retried with backoff while chat goes on, the failure logged (at most once a
// minute while it lasts) and shown by status(). An event the store refuses (StoreError::row_refused) is
// left out and counted, the rest of its batch written: one bad row never holds up the queue. stop()
// writes what is queued before returning.
//
// Also holds the answer ids: the store's key is adopted once the store opens (answer_ids.hpp).
class Recorder {
  public:
    using OpenStore = std::function<std::unique_ptr<Store>()>;
    // Opens and migrates the store once now, so a reachable store's key signs ids from the first
    // answer, and deletes what is older than the retention; a failure is logged and retried by the
    // writer thread.
    Recorder(OpenStore open, std::string kind, RecorderOptions options);
    ~Recorder();  // stop()s with a 5 s deadline
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // Queue an event; false when it was dropped (queue full, or stopped). Any thread.
    bool record(AnswerEvent event);
    bool record(FeedbackEvent event);

    const AnswerIds& answer_ids() const { return ids_; }
    const RecorderOptions& options() const { return options_; }
    RecorderStatus status() const;

    // Writes what is queued (one attempt per batch, within `deadline`), then ends the writer thread.
    // Later events are dropped. Idempotent.
    void stop(std::chrono::milliseconds deadline);

  private:
    struct Batch {
        std::vector<AnswerEvent> answers;
        std::vector<FeedbackEvent> votes;
        std::size_t size() const { return answers.size() + votes.size(); }
    };
    bool admit();  // under mutex_: room for one more event?
    void run();
    bool ensure_open();
    bool write(Batch& batch);
    bool write_each(Batch& batch);
    void tidy();  // the hourly pass: delete_expired() and keep_within_budget()
    void delete_expired();
    void add_written(const Batch& batch);
    void keep_within_budget();
    void failed(const StoreError& e, const char* doing);
    void succeeded();
    bool currently_ok();  // takes mutex_

    OpenStore open_;
    RecorderOptions options_;
    AnswerIds ids_;
    std::unique_ptr<Store> store_;  // the writer thread's (and the constructor's, before it starts)

    mutable std::mutex mutex_;  // guards everything below
    std::condition_variable wake_;
    Batch queue_;
    std::size_t retry_size_ = 0;  // events in the writer's failed batch, counted against the capacity
    bool stopping_ = false;
    std::chrono::steady_clock::time_point stop_deadline_;
    RecorderStatus status_;
    std::chrono::steady_clock::time_point last_problem_log_{};
    std::chrono::steady_clock::time_point next_retention_{};
    // The store budget, the writer thread's: bytes since measured (an estimate of what was written added),
    // and whether the warning mark was passed at the last measurement.
    std::uint64_t estimated_bytes_ = 0;
    bool over_warning_mark_ = false;

    std::thread thread_;
};

}  // namespace analytics
