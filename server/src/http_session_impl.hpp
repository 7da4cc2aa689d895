// The definitions of HttpSession, included by one source file per stream type (http_session_plain.cpp,
// http_session_tls.cpp): each instantiation is the longest compile in the tree, and apart the two build
// side by side.
#pragma once

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>

#include "server/fail.hpp"
#include "server/http_session.hpp"
#include "server/websocket_session.hpp"

namespace server {

namespace beast = boost::beast;
namespace net = boost::asio;

template <class Stream>
HttpSession<Stream>::HttpSession(Stream&& stream, AppState& state, Peer peer,
                                 std::optional<ConnectionLimits::Slot> slot)
    : stream_(std::move(stream)),
      // Bounds what one connection can make us buffer: a request's header and body, and a little more.
      buffer_(header_limit + state.config().max_message_bytes + 1024),
      state_(state),
      peer_(std::move(peer)),
      slot_(std::move(slot)) {}

template <class Stream>
HttpSession<Stream>::~HttpSession() {
    if (!registered_) return;
    state_.sessions().remove(this);
    state_.metrics().connection_closed(false);
}

template <class Stream>
void HttpSession<Stream>::run() {
    state_.sessions().add(this, this->weak_from_this());
    state_.metrics().connection_opened(false);
    registered_ = true;
    // Start on the connection's strand: all of this session's handlers run there.
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
        if constexpr (is_tls<Stream>) {
            beast::get_lowest_layer(self->stream_)
                .expires_after(std::chrono::seconds(self->state_.config().handshake_timeout_s));
            self->stream_.async_handshake(net::ssl::stream_base::server,
                                          beast::bind_front_handler(&HttpSession::on_handshake, self));
        } else {
            self->do_read();
        }
    });
}

template <class Stream>
void HttpSession<Stream>::on_handshake(beast::error_code ec) {
    if (ec) return fail(ec, "tls handshake", peer_.connection);
    do_read();
}

template <class Stream>
void HttpSession<Stream>::drain() {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
        self->draining_ = true;
        // Waiting for a request that has not started: nothing is lost by closing now.
        if (self->reading_ && !self->parser_->got_some() && self->buffer_.size() == 0) {
            beast::get_lowest_layer(self->stream_).cancel();
        }
    });
}

template <class Stream>
void HttpSession<Stream>::do_read() {
    parser_.emplace();
    parser_->body_limit(state_.config().max_message_bytes);  // chat messages are short
    parser_->header_limit(header_limit);
    // A connection over the caps gets one short chance to be told so.
    const auto timeout =
        slot_ ? std::chrono::seconds(state_.config().handshake_timeout_s) : std::chrono::seconds(1);
    beast::get_lowest_layer(stream_).expires_after(timeout);
    reading_ = true;
    beast::http::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&HttpSession::on_header, this->shared_from_this()));
}

template <class Stream>
void HttpSession<Stream>::on_header(beast::error_code ec, std::size_t) {
    if (ec) return on_unreadable(ec);
    // Chunked bodies could carry unbounded trailers; other codings and doubled fields are smuggling shapes.
    if (auto refusal = refuse_framing(state_, parser_->get())) {
        reading_ = false;
        return write(std::move(*refusal));
    }
    if (parser_->is_done()) return on_read({}, 0);
    beast::http::async_read(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&HttpSession::on_read, this->shared_from_this()));
}

template <class Stream>
void HttpSession<Stream>::on_read(beast::error_code ec, std::size_t) {
    if (ec) return on_unreadable(ec);
    reading_ = false;
    Request request = parser_->release();
    if (is_chat_upgrade(request)) {
        if (auto refusal = refuse_upgrade(state_, request, peer_)) return write(std::move(*refusal));
        std::make_shared<WebsocketSession<Stream>>(std::move(stream_), state_, peer_, std::move(*slot_))
            ->run(std::move(request));
        return;
    }
    route(state_, request, peer_, [self = this->shared_from_this()](Response response) {
        // Most replies come at once, on this strand; a reload's comes later from the control thread.
        net::dispatch(self->stream_.get_executor(),
                      [self, response = std::move(response)]() mutable { self->write(std::move(response)); });
    });
}

template <class Stream>
void HttpSession<Stream>::on_unreadable(beast::error_code ec) {
    reading_ = false;
    fail(ec, "http read", peer_.connection);
    auto reply = reply_to_unreadable(state_, ec, beast::buffers_to_string(buffer_.data()));
    if (!reply) return do_close();
    buffer_.consume(buffer_.size());
    write(std::move(*reply));
}

template <class Stream>
void HttpSession<Stream>::write(Response response) {
    response_ = std::move(response);
    const bool keep_alive = response_.keep_alive();
    beast::http::async_write(
        stream_, response_,
        beast::bind_front_handler(&HttpSession::on_write, this->shared_from_this(), keep_alive));
}

template <class Stream>
void HttpSession<Stream>::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "http write", peer_.connection);
    if (!keep_alive || draining_) return do_close();
    do_read();
}

template <class Stream>
void HttpSession<Stream>::do_close() {
    if constexpr (is_tls<Stream>) {
        beast::get_lowest_layer(stream_).expires_after(
            std::chrono::seconds(state_.config().handshake_timeout_s));
        stream_.async_shutdown([self = this->shared_from_this()](beast::error_code ec) {
            if (ec) fail(ec, "tls shutdown", self->peer_.connection);
        });
    } else {
        beast::error_code ec;
        stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    }
}

}  // namespace server
