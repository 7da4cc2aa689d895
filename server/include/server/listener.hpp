#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <memory>

#include "server/app_state.hpp"

namespace server {

// Accepts connections and starts an HttpSession on a strand of its own for each.
class Listener : public std::enable_shared_from_this<Listener> {
public:
    // Opens, binds and listens; throws boost::system::system_error when it cannot (start-up only).
    Listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint, AppState& state);

    void run();
    void stop();
    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

private:
    void do_accept();
    void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    AppState& state_;
};

}  // namespace server
