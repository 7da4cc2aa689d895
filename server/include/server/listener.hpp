#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <chrono>
#include <memory>

#include "server/app_state.hpp"

namespace server {

// Accepts connections and starts an HttpSession on a strand of its own for each: a TLS one when
// given a TLS context (https and wss on the port), else a plain one. When accepting
// fails (out of file descriptors above all) it pauses and retries on a timer, backing off, instead
// of spinning on the error.
class Listener : public std::enable_shared_from_this<Listener> {
  public:
    // Opens, binds and listens; throws boost::system::system_error when it cannot (start-up only).
    // `tls` (may be null: plain TCP) must outlive the listener and every session.
    Listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint, AppState& state,
             boost::asio::ssl::context* tls);

    void run();
    // Stops accepting; connections already open carry on (the drain deals with them).
    void stop();
    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

    static constexpr std::chrono::milliseconds first_pause{50}, longest_pause{1000};

  private:
    void do_accept();
    void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer pause_timer_;
    std::chrono::milliseconds pause_ = first_pause;
    bool stopped_ = false;
    AppState& state_;
    boost::asio::ssl::context* tls_;
};

}  // namespace server
