#include "echo_listener.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <chrono>
#include <iostream>

#include "echo_session.hpp"

namespace echo {

namespace net = boost::asio;
namespace beast = boost::beast;

Listener::Listener(net::io_context& ioc, const net::ip::tcp::endpoint& endpoint, std::size_t reply_bytes,
                   bool nodelay)
    : ioc_(ioc),
      acceptor_(net::make_strand(ioc)),
      pause_timer_(acceptor_.get_executor()),
      reply_bytes_(reply_bytes),
      nodelay_(nodelay) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
}

void Listener::run() {
    net::dispatch(acceptor_.get_executor(),
                  beast::bind_front_handler(&Listener::do_accept, shared_from_this()));
}

void Listener::do_accept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, net::ip::tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (ec) {
        std::cerr << "accept: " << ec.message() << " (retrying in 100 ms)\n";
        pause_timer_.expires_after(std::chrono::milliseconds(100));
        pause_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
            if (!wait_ec) self->do_accept();
        });
        return;
    }
    if (nodelay_) socket.set_option(net::ip::tcp::no_delay(true), ec);
    std::make_shared<UpgradeSession>(beast::tcp_stream(std::move(socket)), reply_bytes_)->run();
    do_accept();
}

}  // namespace echo
