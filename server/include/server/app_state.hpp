#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analytics/recorder.hpp"
#include "channels/context_store.hpp"
#include "channels/replay_guard.hpp"
#include "channels/wording.hpp"
#include "intents/advisor.hpp"
#include "server/config.hpp"
#include "server/limits.hpp"
#include "server/log_throttle.hpp"
#include "server/metrics.hpp"
#include "server/protocol.hpp"
#include "server/session_registry.hpp"
#include "server/static_cache.hpp"

namespace server {

// What the whole server shares: the configuration, the current advisor snapshot, the counters,
// the connection limits, the live sessions and whether it is draining.
// Readers take a snapshot and keep it for the message they answer; reload swaps a new one in
// whole, so a question in flight finishes on the data it started with.
class AppState {
  public:
    // `recorder` (not owned, outlives this) stores answers and feedback; null: nothing is recorded and
    // answers carry no answer_id. `wording` is what the messaging channels say besides answers
    // (channels/data/wording.json). The channels' follow-up contexts are kept in memory, or with a
    // PostgreSQL --database in the database the replicas share.
    AppState(Config config, intents::AdvisorPtr advisor, analytics::Recorder* recorder = nullptr,
             channels::Wording wording = {});

    intents::AdvisorPtr advisor() const { return advisor_.load(); }
    const Config& config() const { return config_; }
    Metrics& metrics() { return metrics_; }
    // Connections of any kind, in all and per address, taken at accept and held until the last byte.
    ConnectionLimits& connection_limits() { return connection_limits_; }
    AddressRates& address_rates() { return address_rates_; }
    // Requests for web/ files, per address: a budget of its own, so a page's assets never use up questions.
    AddressRates& static_rates() { return static_rates_; }
    // Question texts the store may keep, per address (reply_effects.hpp).
    AddressRates& stored_question_shares() { return stored_question_shares_; }
    StaticCache& static_files() { return static_files_; }
    SessionRegistry& sessions() { return sessions_; }
    LogThrottle& log_throttle() { return log_throttle_; }
    // A second throttle for lines whose key a client chooses (an Origin): a few a minute in all.
    LogThrottle& log_budget() { return log_budget_; }
    analytics::Recorder* recorder() const { return recorder_; }
    // The answer ids to issue and accept, for the protocol.
    Recording recording() const;
    // The messaging channels (docs/channels.md): their wording, senders' follow-up contexts, deliveries seen.
    const channels::Wording& channel_wording() const { return channel_wording_; }
    channels::ContextStore& channel_contexts() { return *channel_contexts_; }
    channels::ReplayGuard& channel_deliveries() { return *channel_deliveries_; }
    // Forgets every sender's context and every delivery seen, when they are in memory (not while a delivery
    // is being answered): the channel fuzzer starts each input from the same state.
    void forget_channel_state();
    // Whether channel_contexts() and channel_deliveries() are the shared database (which blocks: called off
    // the I/O threads).
    bool channel_contexts_shared() const { return channel_contexts_shared_; }

    // Set once by SIGTERM/SIGINT: /readyz says 503, new upgrades are refused, responses close.
    bool draining() const { return draining_.load(); }
    void start_draining() { draining_.store(true); }

    // Where reloads run: the control thread, never an I/O thread. Set before serving.
    void set_control_executor(const boost::asio::any_io_executor& executor);

    using ReloadDone = std::function<void(const std::vector<std::string>&)>;
    // Asks for a reload on the control thread; `done` is called there with its errors (none on
    // success). Reloads run one at a time, at least `reload_spacing` apart; requests that arrive
    // meanwhile share the next one, so however many ask, at most one reload is waiting.
    void request_reload(ReloadDone done);
    // Runs `work` on a thread of its own, for work that blocks on the database (a report, channel contexts):
    // never on an I/O thread, nor in the way of the control thread's signals, reloads and drain. Reports and
    // webhooks have threads apart: a platform gives up after seconds (Slack at 3), and a report may take
    // longer. route()'s exception boundary does not reach these threads, so they have their own: an
    // exception `work` lets out is logged and handed to `failed` (which replies 500, as route() would), and
    // the thread goes on.
    enum class Background { report, webhook };
    void run_in_background(Background kind, std::function<void()> work, std::function<void()> failed);
    // Waits for the webhooks (milliseconds each), then for a report until `deadline` or abandon_reports();
    // the server calls it before its I/O context goes, since the work replies through it. False when a report
    // was still running: it cannot be interrupted, so the caller exits without waiting for its thread.
    bool finish_background_work(std::chrono::steady_clock::time_point deadline);
    // Stops waiting for reports now (a second SIGTERM). Any thread.
    void abandon_reports();
    static constexpr std::chrono::milliseconds reload_spacing{200};

    // Loads the data folders again, now, on the calling thread. On success swaps the snapshot in,
    // forgets the web/ files read so far, and returns no errors; otherwise keeps serving the old data
    // and returns what was wrong.
    std::vector<std::string> reload();

  private:
    Config config_;
    std::atomic<std::shared_ptr<const intents::Advisor>> advisor_;
    Metrics metrics_;
    ConnectionLimits connection_limits_;
    AddressRates address_rates_;
    AddressRates static_rates_;
    AddressRates stored_question_shares_;
    StaticCache static_files_;
    SessionRegistry sessions_;
    LogThrottle log_throttle_{std::chrono::minutes(1)};
    LogThrottle log_budget_{std::chrono::seconds(6)};
    std::atomic<bool> draining_{false};
    analytics::Recorder* recorder_ = nullptr;
    channels::Wording channel_wording_;
    bool channel_contexts_shared_ = false;
    std::unique_ptr<channels::ContextStore> channel_contexts_;
    std::unique_ptr<channels::ReplayGuard> channel_deliveries_;
    boost::asio::thread_pool reports_{1};
    boost::asio::thread_pool webhooks_{2};
    std::mutex reports_mutex_;  // guards the two below, and wakes finish_background_work
    std::condition_variable reports_changed_;
    std::size_t reports_running_ = 0;
    bool reports_abandoned_ = false;
    void schedule_reload();  // on the control thread, as are the three members below
    std::optional<boost::asio::steady_timer> reload_timer_;
    std::vector<ReloadDone> reload_waiters_;
    bool reload_scheduled_ = false;
    std::chrono::steady_clock::time_point last_reload_{};
};

}  // namespace server
