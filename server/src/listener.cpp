#include "server/listener.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>

#include "server/http_session.hpp"

namespace server {

namespace net = boost::asio;
namespace beast = boost::beast;

namespace {

// Who is on the other end, as the router needs it. An IPv4 client of a dual-stack socket (--host ::)
// arrives as ::ffff:a.b.c.d; it is that IPv4 address, for loopback and per-address limits alike.
Peer peer_of(const net::ip::tcp::socket& socket, std::uint64_t connection, unsigned ipv6_prefix_bits) {
    Peer peer;
    peer.connection = connection;
    beast::error_code ec;
    net::ip::address address = socket.remote_endpoint(ec).address();
    if (ec) return peer;
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
    }
    peer.address = address.to_string();
    peer.limit_key = limit_key(peer.address, ipv6_prefix_bits);
    peer.loopback = address.is_loopback();
    return peer;
}

}  // namespace

Listener::Listener(net::io_context& ioc, const net::ip::tcp::endpoint& endpoint, AppState& state,
                   net::ssl::context* tls)
    : ioc_(ioc),
      acceptor_(net::make_strand(ioc)),
      pause_timer_(acceptor_.get_executor()),
      state_(state),
      tls_(tls) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
}

void Listener::run() {
    net::dispatch(acceptor_.get_executor(),
                  beast::bind_front_handler(&Listener::do_accept, shared_from_this()));
}

void Listener::stop() {
    net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
        self->stopped_ = true;
        beast::error_code ec;
        self->acceptor_.close(ec);
        self->pause_timer_.cancel();
    });
}

void Listener::do_accept() {
    if (stopped_) return;
    // Each connection gets its own strand, so its handlers never run concurrently.
    acceptor_.async_accept(net::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, net::ip::tcp::socket socket) {
    if (ec == net::error::operation_aborted || stopped_) return;  // closed at shutdown
    if (ec) {
        // Out of descriptors (EMFILE/ENFILE) or memory: accepting again at once fails again at once. The
        // waiting connections stay in the backlog; retry after a pause that grows while the trouble lasts.
        state_.metrics().accept_paused();
        if (state_.log_throttle().allow("accept")) {
            spdlog::warn("accepting connections paused for {} ms: {} (logged at most once a minute)",
                         pause_.count(), ec.message());
        }
        pause_timer_.expires_after(pause_);
        pause_ = std::min(pause_ * 2, longest_pause);
        pause_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
            if (!wait_ec) self->do_accept();
        });
        return;
    }
    pause_ = first_pause;
    // Nagle's algorithm would hold the second frame of a long answer (Beast writes a message over
    // 4 KiB as two) until the client's delayed ACK: a 40 ms stall per answer.
    beast::error_code option_ec;
    socket.set_option(net::ip::tcp::no_delay(true), option_ec);
    Peer peer = peer_of(socket, state_.sessions().next_id(), state_.config().ipv6_prefix_bits);
    // Over the caps, the connection is still read once, to say 503 (the router's reply) and close.
    auto admission = state_.connection_limits().try_open(peer.limit_key);
    peer.admission = admission.verdict;
    if (tls_ != nullptr) {
        std::make_shared<HttpSession<TlsStream>>(TlsStream(PlainStream(std::move(socket)), *tls_), state_,
                                                 std::move(peer), std::move(admission.slot))
            ->run();
    } else {
        std::make_shared<HttpSession<PlainStream>>(PlainStream(std::move(socket)), state_, std::move(peer),
                                                   std::move(admission.slot))
            ->run();
    }
    do_accept();
}

}  // namespace server
