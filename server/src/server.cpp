#include "server/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <iostream>
#include <thread>
#include <vector>

#include "intents/advisor.hpp"
#include "server/app_state.hpp"
#include "server/listener.hpp"

namespace server {

namespace net = boost::asio;

namespace {

// Waits for signals: SIGHUP reloads and waits again; SIGINT/SIGTERM stop the server.
void wait_for_signals(net::signal_set& signals, AppState& state, Listener& listener, net::io_context& ioc) {
    signals.async_wait([&signals, &state, &listener, &ioc](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        if (signal == SIGHUP) {
            spdlog::info("SIGHUP: reloading data");
            state.reload();
            wait_for_signals(signals, state, listener, ioc);
            return;
        }
        spdlog::info("signal {}: stopping", signal);
        listener.stop();
        ioc.stop();
    });
}

}  // namespace

int run_server(const Config& config) {
    auto loaded = intents::load_advisor(config.knowledge_dir, config.intents_dir);
    if (!loaded.ok()) {
        for (const std::string& e : loaded.errors) spdlog::error("{}", e);
        spdlog::error("cannot start: the data has {} problem(s); `career-advisor check` lists them",
                      loaded.errors.size());
        return 1;
    }
    spdlog::info("loaded {}", intents::summary(**loaded.value));
    AppState state(config, std::move(*loaded.value));

    net::io_context ioc(static_cast<int>(config.threads));
    std::shared_ptr<Listener> listener;
    try {
        listener = std::make_shared<Listener>(ioc, net::ip::tcp::endpoint(net::ip::make_address(config.host), config.port),
                                              state);
    } catch (const std::exception& e) {
        spdlog::error("cannot listen on {}:{}: {}", config.host, config.port, e.what());
        return 1;
    }
    listener->run();

    net::signal_set signals(ioc, SIGINT, SIGTERM, SIGHUP);
    wait_for_signals(signals, state, *listener, ioc);

    const auto endpoint = listener->local_endpoint();
    const std::string host = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]"
                                                         : endpoint.address().to_string();
    std::cout << "listening on http://" << host << ":" << endpoint.port() << "/" << std::endl;

    std::vector<std::thread> threads;
    for (unsigned i = 1; i < config.threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (std::thread& t : threads) t.join();
    spdlog::info("stopped");
    return 0;
}

}  // namespace server
