#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <cstddef>
#include <memory>

namespace echo {

// Accepts connections as the advisor's Listener does (the acceptor on a strand, a new strand for
// each connection) and starts an UpgradeSession on each. With `nodelay` (the default, as the advisor
// does), sets TCP_NODELAY on every accepted socket; without it, Nagle's algorithm shows its 40 ms
// stalls on replies Beast writes as two frames. When accepting fails (out of descriptors), it retries after a
// pause instead of spinning.
class Listener : public std::enable_shared_from_this<Listener> {
  public:
    // Opens, binds and listens; throws boost::system::system_error when it cannot (start-up only).
    Listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint,
             std::size_t reply_bytes, bool nodelay);

    void run();
    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  private:
    void do_accept();
    void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer pause_timer_;
    std::size_t reply_bytes_;
    bool nodelay_;
};

}  // namespace echo
