// advisor-load: a load generator for the chat endpoint (/ws). See options.cpp for the flags,
// connection.hpp for what one connection does, and docs/performance.md for how scripts/bench uses it.
//
// The run: all connections open at once; when every handshake has finished (or failed, or
// `connect_limit` has passed) they all start asking; after --warmup seconds the measured window of
// --duration seconds begins. An ask counts when it was due (sent, in
// the closed loop) inside the window; after the window, asks still waiting get up to `drain_limit`
// to be answered, then the connections close.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "connection.hpp"
#include "fd_limit.hpp"
#include "options.hpp"
#include "proc_stats.hpp"
#include "report.hpp"

namespace {

namespace net = boost::asio;
using load::Clock;

constexpr auto connect_limit = std::chrono::seconds(30);
constexpr auto drain_limit = std::chrono::seconds(5);

Clock::duration seconds(double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

// One thread's share: its io_context, its connections and what they saw.
struct Worker {
    net::io_context ioc{1};
    load::Stats stats;
    std::vector<std::unique_ptr<load::Connection>> connections;
};

}  // namespace

int main(int argc, char** argv) {
    load::Options options;
    if (auto exit_code = load::parse_options(argc, argv, options)) return *exit_code;
    const load::Url url = *load::parse_url(options.url);

    load::Plan plan;
    plan.questions = load::read_questions(options.questions_file);
    if (plan.questions.empty()) {
        std::cerr << "--questions " << options.questions_file << ": no questions in it\n";
        return 2;
    }
    std::string problem;
    const long wanted = static_cast<long>(options.connections) + 64;
    if (const long limit = bench::raise_open_files_limit(wanted, problem); limit < wanted) {
        std::cerr << "warning: only " << limit << " open files allowed, " << wanted << " wanted: " << problem
                  << "\n";
    }
    try {
        net::io_context resolver_ioc;
        net::ip::tcp::resolver resolver(resolver_ioc);
        plan.endpoint = *resolver.resolve(url.host, url.port).begin();
    } catch (const std::exception& e) {
        std::cerr << "--url: cannot resolve " << url.host << ":" << url.port << ": " << e.what() << "\n";
        return 2;
    }
    plan.host = url.host + ":" + url.port;
    plan.path = url.path;
    plan.connections = options.connections;
    if (options.rate > 0) plan.interval = seconds(options.connections / options.rate);

    std::atomic<unsigned> settled{0};
    std::vector<std::unique_ptr<Worker>> workers;
    for (unsigned t = 0; t < options.threads; ++t) workers.push_back(std::make_unique<Worker>());
    const Clock::time_point connect_start = Clock::now();
    for (unsigned i = 0; i < options.connections; ++i) {
        Worker& w = *workers[i % options.threads];
        w.connections.push_back(std::make_unique<load::Connection>(w.ioc, plan, w.stats, i, settled));
        w.connections.back()->connect();
    }
    std::atomic<unsigned> running{options.threads};
    std::vector<std::thread> threads;
    for (auto& w : workers) {
        threads.emplace_back([&ioc = w->ioc, &running] {
            ioc.run();
            --running;
        });
    }

    while (settled < options.connections && Clock::now() < connect_start + connect_limit) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const Clock::time_point connected_at = Clock::now();
    plan.start = connected_at;
    plan.measure_from = plan.start + seconds(options.warmup_s);
    plan.measure_until = plan.measure_from + seconds(options.duration_s);
    if (!options.idle) {
        for (auto& w : workers) {
            net::post(w->ioc, [&w = *w] {
                for (auto& c : w.connections) c->begin();
            });
        }
    }

    std::this_thread::sleep_until(plan.measure_from);
    const auto server_before =
        options.server_pid > 0 ? load::sample_process(options.server_pid) : std::nullopt;
    const double own_before = load::own_cpu_seconds();
    std::this_thread::sleep_until(plan.measure_until);
    const auto server_after =
        options.server_pid > 0 ? load::sample_process(options.server_pid) : std::nullopt;
    const double own_after = load::own_cpu_seconds();

    // The connections close themselves once their last ask is answered; those still waiting are ended
    // (idle ones at once).
    const auto deadline = options.idle ? Clock::now() : Clock::now() + drain_limit;
    while (running > 0 && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    for (auto& w : workers) {
        net::post(w->ioc, [&w = *w] {
            for (auto& c : w.connections) c->abort();
        });
    }
    for (std::thread& t : threads) t.join();

    load::Stats total;
    for (const auto& w : workers) total.merge(w->stats);
    const load::Results results{
        .options = options,
        .stats = total,
        .measured_s = options.duration_s,
        .connect_s = std::chrono::duration<double>(connected_at - connect_start).count(),
        .own_cpu_s = own_after - own_before,
        .server_before = server_before,
        .server_after = server_after,
    };
    if (options.server_pid > 0 && (!server_before || !server_after)) {
        std::cerr << "warning: --server-pid " << options.server_pid << ": cannot read /proc for it\n";
    }
    if (options.json)
        load::print_json(std::cout, results);
    else
        load::print_text(std::cout, results);
    if (options.idle) return total.connect_failed == 0 ? 0 : 1;
    return total.answers > 0 ? 0 : 1;  // nothing answered: the server is down or refuses us
}
