#include "server/app_state.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <chrono>

#include "server/shared_channel_state.hpp"

namespace server {

AppState::AppState(Config config, intents::AdvisorPtr advisor, analytics::Recorder* recorder,
                   channels::Wording wording)
    : config_(std::move(config)),
      advisor_(std::move(advisor)),
      connection_limits_(config_.max_connections, config_.max_connections_per_ip),
      address_rates_(config_.address_message_rate, config_.address_message_burst),
      static_rates_(config_.address_static_rate, config_.address_static_burst),
      stored_question_shares_(config_.stored_questions_per_address / 86400.0,
                              std::max(1.0, config_.stored_questions_per_address / 5.0)),
      static_files_(config_.web_dir, config_.static_cache_bytes),
      recorder_(recorder),
      channel_wording_(std::move(wording)),
      channel_contexts_shared_(config_.database.starts_with("postgres")) {
    if (channel_contexts_shared_) {
        auto database = std::make_shared<ChannelDatabase>(
            analytics::StoreLocation{config_.database, config_.data_dir, true});
        channel_contexts_ = std::make_unique<SharedContextStore>(database);
        channel_deliveries_ = std::make_unique<SharedReplayGuard>(database);
    } else {
        channel_contexts_ = std::make_unique<channels::MemoryContextStore>();
        channel_deliveries_ = std::make_unique<channels::MemoryReplayGuard>();
    }
}

void AppState::forget_channel_state() {
    if (channel_contexts_shared_) return;
    channel_contexts_ = std::make_unique<channels::MemoryContextStore>();
    channel_deliveries_ = std::make_unique<channels::MemoryReplayGuard>();
}

Recording AppState::recording() const {
    if (recorder_ == nullptr) return {};
    return {&recorder_->answer_ids(), std::int64_t{config_.retention_days} * 86'400'000};
}

void AppState::run_in_background(Background kind, std::function<void()> work, std::function<void()> failed) {
    const bool report = kind == Background::report;
    if (report) {
        std::lock_guard lock(reports_mutex_);
        ++reports_running_;  // counted from the queue on: a report waiting for the thread is waited for too
    }
    auto run = [this, report, work = std::move(work), failed = std::move(failed)] {
        try {
            work();
        } catch (const std::exception& e) {
            spdlog::error("background work failed: {}", e.what());
            failed();
        }
        if (report) {
            std::lock_guard lock(reports_mutex_);
            --reports_running_;
            reports_changed_.notify_all();
        }
    };
    if (report)
        boost::asio::post(reports_, std::move(run));
    else
        boost::asio::post(webhooks_, std::move(run));
}

bool AppState::finish_background_work(std::chrono::steady_clock::time_point deadline) {
    webhooks_.join();
    std::unique_lock lock(reports_mutex_);
    const bool finished = reports_changed_.wait_until(
        lock, deadline, [this] { return reports_running_ == 0 || reports_abandoned_; });
    if (finished && reports_running_ == 0) {
        lock.unlock();
        reports_.join();
        return true;
    }
    reports_.stop();  // what is still queued never starts; the one running cannot be stopped
    return false;
}

void AppState::abandon_reports() {
    std::lock_guard lock(reports_mutex_);
    reports_abandoned_ = true;
    reports_changed_.notify_all();
}

void AppState::set_control_executor(const boost::asio::any_io_executor& executor) {
    reload_timer_.emplace(executor);
}

void AppState::request_reload(ReloadDone done) {
    boost::asio::post(reload_timer_->get_executor(), [this, done = std::move(done)]() mutable {
        reload_waiters_.push_back(std::move(done));
        schedule_reload();
    });
}

void AppState::schedule_reload() {
    if (reload_scheduled_ || reload_waiters_.empty()) return;
    reload_scheduled_ = true;
    reload_timer_->expires_at(last_reload_ + reload_spacing);
    reload_timer_->async_wait([this](const boost::system::error_code& ec) {
        reload_scheduled_ = false;
        if (ec) return;  // the server is stopping
        const auto waiters = std::move(reload_waiters_);
        reload_waiters_.clear();
        const auto errors = reload();
        last_reload_ = std::chrono::steady_clock::now();
        for (const ReloadDone& done : waiters) {
            // This is the control thread: an exception let out here would end the process.
            try {
                done(errors);
            } catch (const std::exception& e) {
                spdlog::error("reload: replying failed: {}", e.what());
            }
        }
        schedule_reload();  // requests that came in while this one ran
    });
}

std::vector<std::string> AppState::reload() {
    knowledge::LoadResult<intents::AdvisorPtr> loaded;
    try {
        loaded =
            intents::load_advisor(config_.knowledge_dir, config_.intents_dir, config_.answer_cache_bytes);
    } catch (const std::exception& e) {  // the loaders record problems; this is for what they did not foresee
        loaded.errors.push_back(std::string("the data could not be loaded: ") + e.what());
    }
    if (!loaded.ok()) {
        for (const std::string& e : loaded.errors) spdlog::error("reload refused: {}", e);
        metrics_.reloaded(false);
        return loaded.errors;
    }
    spdlog::info("reloaded: {}", intents::summary(**loaded.value));
    advisor_.store(std::move(*loaded.value));
    static_files_.clear();
    metrics_.reloaded(true);
    return {};
}

}  // namespace server
