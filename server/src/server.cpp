#include "server/server.hpp"

#include <malloc.h>
#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include "intents/advisor.hpp"
#include "server/app_state.hpp"
#include "server/channel_routes.hpp"
#include "server/listener.hpp"
#include "server/memory_return.hpp"

namespace server {

namespace net = boost::asio;

namespace {

constexpr std::chrono::seconds recording_flush_deadline{5};

// The control thread: signals, reloads and the drain run here, never on the I/O threads, so a
// reload's ~100 ms of loading or a drain's bookkeeping never holds up an answer.
class Control {
  public:
    Control(net::io_context& control, net::io_context& io, AppState& state, Listener& listener)
        : signals_(control, SIGINT, SIGTERM, SIGHUP),
          drain_timer_(control),
          memory_timer_(control),
          io_(io),
          state_(state),
          listener_(listener) {}

    // Asio gives the signals back to their default on the way out, where a late SIGTERM (a supervisor
    // repeating itself) would kill the rest of the teardown and turn a clean exit into status 143: from
    // here to the exit they are ignored.
    // Blocked meanwhile, so none lands between Asio's default and the ignore. A SIGHUP (reload) too.
    ~Control() {
        sigset_t stopping, before;
        sigemptyset(&stopping);
        for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&stopping, s);
        pthread_sigmask(SIG_BLOCK, &stopping, &before);
        boost::system::error_code ignored;
        signals_.clear(ignored);
        for (int s : {SIGINT, SIGTERM, SIGHUP}) std::signal(s, SIG_IGN);
        pthread_sigmask(SIG_SETMASK, &before, nullptr);
    }
    Control(const Control&) = delete;
    Control& operator=(const Control&) = delete;

    // Every few seconds: after a burst of connections has closed, give their memory back (memory_return.hpp).
    void check_memory() {
        const std::size_t peak = state_.sessions().take_peak();
        if (memory_return_.should_trim(peak, state_.sessions().size())) {
            malloc_trim(0);
            spdlog::debug("connections fell to {}: returned free memory to the system",
                          state_.sessions().size());
        }
        memory_timer_.expires_after(memory_check_period);
        memory_timer_.async_wait([this](const boost::system::error_code& ec) {
            if (!ec) check_memory();
        });
    }

    void wait_for_signals() {
        signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
            if (ec) return;
            if (signal == SIGHUP) {
                spdlog::info("SIGHUP: reloading data");
                state_.request_reload([](const std::vector<std::string>&) {});
                return wait_for_signals();
            }
            if (state_.draining()) {
                spdlog::warn("signal {} again: stopping now", signal);
                state_.abandon_reports();
                stop();
                return wait_for_signals();  // a third while a report holds up the exit: the same
            }
            drain(signal);
            wait_for_signals();
        });
    }

    // Until when the exit may wait for a report still reading the store: the drain's deadline.
    std::chrono::steady_clock::time_point deadline() const { return deadline_; }

  private:
    // Stop taking new work, let every connection finish what it has (answers sent, close 1001 sent),
    // then stop, at the latest after --drain-seconds.
    void drain(int signal) {
        const auto seconds = state_.config().drain_seconds;
        spdlog::info("signal {}: draining {} connection(s), at most {} s", signal, state_.sessions().size(),
                     seconds);
        state_.start_draining();
        listener_.stop();
        state_.sessions().drain_all();
        deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        check_drained();
    }

    // Done when every connection has gone, or has said goodbye and had a moment for the peer's reply
    // (a client that never answers a close frame must not hold up the exit). The moment restarts each
    // time a client answers: exiting under slow readers still coming to their close frame would reset
    // their connections.
    void check_drained() {
        const auto now = std::chrono::steady_clock::now();
        const std::size_t left = state_.sessions().size();
        if (state_.sessions().talking() > 0)
            quiet_since_.reset();
        else if (!quiet_since_ || left < left_before_)
            quiet_since_ = now;
        left_before_ = left;
        const bool all_said = quiet_since_ && now - *quiet_since_ >= close_grace;
        if (left == 0 || all_said || now >= deadline_) {
            if (left > 0 && !all_said)
                spdlog::warn("drain deadline reached: closing {} connection(s) unfinished", left);
            return stop();
        }
        drain_timer_.expires_after(std::chrono::milliseconds(20));
        drain_timer_.async_wait([this](const boost::system::error_code& ec) {
            if (!ec) check_drained();
        });
    }

    void stop() {
        drain_timer_.cancel();
        memory_timer_.cancel();
        io_.stop();
    }

    net::signal_set signals_;
    net::steady_timer drain_timer_;
    net::steady_timer memory_timer_;
    MemoryReturn memory_return_;
    net::io_context& io_;
    AppState& state_;
    Listener& listener_;
    std::chrono::steady_clock::time_point deadline_;
    std::optional<std::chrono::steady_clock::time_point> quiet_since_;
    std::size_t left_before_ = 0;
    static constexpr std::chrono::milliseconds close_grace{500};
    static constexpr std::chrono::seconds memory_check_period{2};
};

// The TLS context for --tls-cert/--tls-key: TLS 1.2 and later only. Throws, naming the file, when a
// file cannot be used (start-up only).
std::unique_ptr<net::ssl::context> tls_context(const Config& config) {
    if (config.tls_cert.empty()) return nullptr;
    auto context = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
    context->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                         net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                         net::ssl::context::no_tlsv1_1);
    try {
        context->use_certificate_chain_file(config.tls_cert);
    } catch (const std::exception& e) {
        throw std::runtime_error("--tls-cert " + config.tls_cert + ": " + e.what());
    }
    try {
        context->use_private_key_file(config.tls_key, net::ssl::context::pem);
    } catch (const std::exception& e) {
        throw std::runtime_error("--tls-key " + config.tls_key + ": " + e.what());
    }
    return context;
}

}  // namespace

int run_server(const Config& config) {
    auto loaded = intents::load_advisor(config.knowledge_dir, config.intents_dir, config.answer_cache_bytes);
    if (!loaded.ok()) {
        for (const std::string& e : loaded.errors) spdlog::error("{}", e);
        spdlog::error("cannot start: the data has {} problem(s); `career-advisor check` lists them",
                      loaded.errors.size());
        return 1;
    }
    spdlog::info("loaded {}", intents::summary(**loaded.value));
    // Before the store: a start refused for a bad file must not have created a database.
    std::unique_ptr<net::ssl::context> tls;
    try {
        tls = tls_context(config);
    } catch (const std::exception& e) {
        spdlog::error("cannot serve TLS: {}", e.what());
        return 1;
    }
    // Opened before serving, so a reachable store's answer-id key signs the first answer; a store that
    // fails is reported and retried while chat goes on.
    const analytics::StoreLocation location{config.database, config.data_dir, true};
    analytics::RecorderOptions recording;
    recording.retention_days = config.retention_days;
    recording.max_store_bytes = std::uint64_t{config.store_max_mb} << 20;
    recording.all_questions = config.log_questions;
    const std::string kind = config.database == "sqlite" ? "sqlite" : "postgresql";
    spdlog::info("recording answers and feedback in {} ({})", analytics::describe(location), kind);
    analytics::Recorder recorder([location] { return analytics::open_store(location); }, kind, recording);
    // Destroyed in reverse: the I/O context (whose queued sessions use the state and the TLS context)
    // first, the control context (whose timer service the state's reload timer uses) last.
    net::io_context control(1);
    channels::Wording wording;
    if (any_channel_on(config)) {
        auto read = channels::load_wording(std::filesystem::path(config.channels_dir) / "wording.json");
        if (!read.ok()) {
            for (const std::string& e : read.errors) spdlog::error("{}", e);
            spdlog::error("cannot start: the channels' wording has {} problem(s)", read.errors.size());
            return 1;
        }
        wording = std::move(*read.value);
    }
    for (const std::string& line : channel_status_lines(config)) spdlog::info("{}", line);
    AppState state(config, std::move(*loaded.value), &recorder, std::move(wording));

    net::io_context io(static_cast<int>(config.threads));
    state.set_control_executor(control.get_executor());
    std::shared_ptr<Listener> listener;
    try {
        listener = std::make_shared<Listener>(
            io, net::ip::tcp::endpoint(net::ip::make_address(config.host), config.port), state, tls.get());
    } catch (const boost::system::system_error& e) {
        // The system's words, not Boost's source location; and what to do about the usual one.
        const bool in_use = e.code() == boost::asio::error::address_in_use;
        spdlog::error(
            "cannot listen on {}:{}: {}{}", config.host, config.port, e.code().message(),
            in_use ? " (another program listens there: choose another --port, or --port 0 for a free one)"
                   : "");
        return 1;
    } catch (const std::exception& e) {
        spdlog::error("cannot listen on {}:{}: {}", config.host, config.port, e.what());
        return 1;
    }
    listener->run();
    Control controller(control, io, state, *listener);
    controller.wait_for_signals();
    controller.check_memory();

    const auto endpoint = listener->local_endpoint();
    const std::string host = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]"
                                                        : endpoint.address().to_string();
    std::cout << "listening on " << (tls ? "https" : "http") << "://" << host << ":" << endpoint.port() << "/"
              << std::endl;

    auto io_work = net::make_work_guard(io);
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < config.threads; ++i) threads.emplace_back([&io] { io.run(); });
    std::thread control_thread([&control] { control.run(); });
    for (std::thread& t : threads) t.join();  // io.stop() from the control thread ends them
    // Background work replies into `io`, which goes next; signals are still heard meanwhile (a second
    // SIGTERM stops the wait for a report).
    const bool finished = state.finish_background_work(controller.deadline());
    control.stop();
    control_thread.join();
    recorder.stop(recording_flush_deadline);  // the drain's last step: what was answered is written
    if (!finished) {
        // A report's query cannot be interrupted, and its thread would be joined on the way out.
        spdlog::warn("stopped without waiting for a report still reading the store");
        spdlog::shutdown();
        std::_Exit(0);
    }
    spdlog::info("stopped");
    return 0;
}

}  // namespace server
