// advisor-echo: a bare Beast WebSocket server built as career-advisor's is, answering every message
// with a fixed JSON text of --reply-bytes bytes. Run beside the advisor under the same load
// (scripts/bench), it shows what the transport costs and so what the advisor adds.
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "echo_listener.hpp"
#include "fd_limit.hpp"

namespace net = boost::asio;

int main(int argc, char** argv) {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    unsigned threads = 1;
    std::size_t reply_bytes = 2000;
    bool nagle = false;
    CLI::App app{
        "advisor-echo: a bare Beast WebSocket server that answers every message with a fixed JSON reply"};
    app.add_option("--host", host, "address to listen on")->capture_default_str();
    app.add_option("--port", port, "port (0: any free port, printed)")->capture_default_str();
    app.add_option("--threads", threads, "I/O threads")->check(CLI::Range(1u, 256u))->capture_default_str();
    app.add_option(
           "--reply-bytes", reply_bytes,
           "size of every reply, bytes (the advisor's median is about 1,650 with bench/questions.txt)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
        ->capture_default_str();
    app.add_flag("--nagle", nagle,
                 "leave Nagle's algorithm on (the advisor, like this server by default, sets TCP_NODELAY)");
    CLI11_PARSE(app, argc, argv);

    std::string problem;
    if (bench::raise_open_files_limit(100000, problem) < 2100) {
        std::cerr << "warning: few open files allowed: " << problem << "\n";
    }
    net::io_context ioc(static_cast<int>(threads));
    std::shared_ptr<echo::Listener> listener;
    try {
        listener = std::make_shared<echo::Listener>(
            ioc, net::ip::tcp::endpoint(net::ip::make_address(host), port), reply_bytes, !nagle);
    } catch (const std::exception& e) {
        std::cerr << "cannot listen on " << host << ":" << port << ": " << e.what() << "\n";
        return 1;
    }
    listener->run();
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&ioc](const boost::system::error_code&, int) { ioc.stop(); });

    const auto endpoint = listener->local_endpoint();
    const std::string shown = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]"
                                                         : endpoint.address().to_string();
    std::cout << "listening on http://" << shown << ":" << endpoint.port() << "/" << std::endl;

    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (std::thread& t : pool) t.join();
    return 0;
}
