#include "server/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <chrono>

#include "server/fail.hpp"
#include "server/websocket_session.hpp"

namespace server {

namespace beast = boost::beast;
namespace net = boost::asio;

HttpSession::HttpSession(net::ip::tcp::socket&& socket, AppState& state, Peer peer)
    : stream_(std::move(socket)),
      // Bounds what one connection can make us buffer: a request's header and body, and a little more.
      buffer_(header_limit + state.config().max_message_bytes + 1024),
      state_(state),
      peer_(std::move(peer)) {}

HttpSession::~HttpSession() {
    if (!registered_) return;
    state_.sessions().remove(this);
    state_.metrics().connection_closed(false);
}

void HttpSession::run() {
    state_.sessions().add(this, weak_from_this());
    state_.metrics().connection_opened(false);
    registered_ = true;
    // Start on the connection's strand: all of this session's handlers run there.
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
}

void HttpSession::drain() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
        self->draining_ = true;
        // Waiting for a request that has not started: nothing is lost by closing now.
        if (self->reading_ && !self->parser_->got_some() && self->buffer_.size() == 0) self->stream_.cancel();
    });
}

void HttpSession::do_read() {
    parser_.emplace();
    parser_->body_limit(state_.config().max_message_bytes);  // chat messages are short
    parser_->header_limit(header_limit);
    stream_.expires_after(std::chrono::seconds(state_.config().handshake_timeout_s));
    reading_ = true;
    beast::http::async_read_header(stream_, buffer_, *parser_,
                                   beast::bind_front_handler(&HttpSession::on_header, shared_from_this()));
}

void HttpSession::on_header(beast::error_code ec, std::size_t) {
    if (ec) return on_unreadable(ec);
    // Chunked bodies could carry unbounded trailers and extensions; our endpoints take Content-Length only.
    if (parser_->chunked()) {
        reading_ = false;
        return write(reply_to_chunked(state_, parser_->get()));
    }
    if (parser_->is_done()) return on_read({}, 0);
    beast::http::async_read(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::on_read(beast::error_code ec, std::size_t) {
    if (ec) return on_unreadable(ec);
    reading_ = false;
    Request request = parser_->release();
    if (is_chat_upgrade(request)) {
        UpgradeDecision decision = decide_upgrade(state_, request, peer_);
        if (decision.refusal) return write(std::move(*decision.refusal));
        std::make_shared<WebsocketSession>(stream_.release_socket(), state_, peer_, std::move(*decision.slot))
            ->run(std::move(request));
        return;
    }
    route(state_, request, peer_, [self = shared_from_this()](Response response) {
        // Most replies come at once, on this strand; a reload's comes later from the control thread.
        net::dispatch(self->stream_.get_executor(),
                      [self, response = std::move(response)]() mutable { self->write(std::move(response)); });
    });
}

void HttpSession::on_unreadable(beast::error_code ec) {
    reading_ = false;
    fail(ec, "http read", peer_.connection);
    auto reply = reply_to_unreadable(state_, ec, beast::buffers_to_string(buffer_.data()));
    if (!reply) return do_close();
    buffer_.consume(buffer_.size());
    write(std::move(*reply));
}

void HttpSession::write(Response response) {
    response_ = std::move(response);
    const bool keep_alive = response_.keep_alive();
    beast::http::async_write(stream_, response_,
                             beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), keep_alive));
}

void HttpSession::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "http write", peer_.connection);
    if (!keep_alive || draining_) return do_close();
    do_read();
}

void HttpSession::do_close() {
    beast::error_code ec;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
}

}  // namespace server
