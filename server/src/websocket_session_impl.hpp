// The definitions of WebsocketSession, included by one source file per stream type
// (websocket_session_plain.cpp, websocket_session_tls.cpp): each instantiation is the longest compile in the
// tree, and apart the two build side by side.
#pragma once

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <chrono>

#include "knowledge/json_text.hpp"
#include "server/clock.hpp"
#include "server/fail.hpp"
#include "server/protocol.hpp"
#include "server/reply_effects.hpp"
#include "server/websocket_session.hpp"

namespace server {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

template <class Stream>
WebsocketSession<Stream>::WebsocketSession(Stream&& stream, AppState& state, Peer peer,
                                           ConnectionLimits::Slot slot)
    : ws_(std::move(stream)),
      state_(state),
      peer_(std::move(peer)),
      slot_(std::move(slot)),
      bucket_(state.config().message_rate, state.config().message_burst),
      quiet_timer_(ws_.get_executor()) {}

template <class Stream>
WebsocketSession<Stream>::~WebsocketSession() {
    if (!registered_) return;
    state_.sessions().remove(this);
    state_.metrics().connection_closed(true);
}

template <class Stream>
void WebsocketSession<Stream>::run(Request upgrade) {
    state_.sessions().add(this, this->weak_from_this());
    state_.metrics().connection_opened(true);
    registered_ = true;
    // The HTTP session's timer must not close the upgraded stream: the WebSocket has its own.
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeout{};
    timeout.handshake_timeout = std::chrono::seconds(state_.config().handshake_timeout_s);
    timeout.idle_timeout = std::chrono::seconds(state_.config().idle_timeout_s);
    timeout.keep_alive_pings = true;  // a ping at half the idle time; no pong by the end closes
    ws_.set_option(timeout);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "career-advisor"); }));
    ws_.read_message_max(state_.config().max_message_bytes);
    ws_.async_accept(
        upgrade, beast::bind_front_handler(&WebsocketSession<Stream>::on_accept, this->shared_from_this()));
}

template <class Stream>
void WebsocketSession<Stream>::drain() {
    boost::asio::post(ws_.get_executor(), [self = this->shared_from_this()] {
        self->draining_ = true;
        self->close_when_quiet();
    });
}

// (Re)starts the wait for a quiet client; expires_after cancels the wait before, whose handler then sees
// operation_aborted.
template <class Stream>
void WebsocketSession<Stream>::close_when_quiet() {
    quiet_timer_.expires_after(quiet_before_close);
    quiet_timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
        if (!ec) self->close_when_written(websocket::close_code::going_away);
    });
}

template <class Stream>
void WebsocketSession<Stream>::on_accept(beast::error_code ec) {
    if (ec) return fail(ec, "websocket accept", peer_.connection);
    accepted_ = true;
    do_read();
    maybe_close();  // drained during the handshake
}

template <class Stream>
void WebsocketSession<Stream>::do_read() {
    ws_.async_read(buffer_,
                   beast::bind_front_handler(&WebsocketSession<Stream>::on_read, this->shared_from_this()));
}

template <class Stream>
void WebsocketSession<Stream>::on_read(beast::error_code ec, std::size_t) {
    // Beast itself closes with 1009 a message over the limit, and with 1007 one that is not UTF-8.
    if (ec) return fail(ec, "websocket read", peer_.connection);
    state_.metrics().message_received();
    if (draining_ && !close_after_writes_) close_when_quiet();
    if (closing_ || close_after_writes_ == websocket::close_code::policy_error) {
        buffer_.consume(buffer_.size());  // after our close frame: the client resends it elsewhere
        return do_read();
    }
    std::string reply;
    const double now_s = steady_seconds();
    // Both buckets are charged: the connection's, and its address's shared with its other connections.
    const bool within_rate = bucket_.take(now_s) && state_.address_rates().take(peer_.limit_key, now_s);
    if (!within_rate) {
        state_.metrics().refused(Refusal::rate_limited);
        state_.metrics().error(to_string(ErrorCode::rate_limited));
        // With its id, so the client can tell which question or vote to fail.
        const nlohmann::json id =
            ws_.got_text() ? id_of_frame(beast::buffers_to_string(buffer_.data())) : nullptr;
        reply = knowledge::json_text(
            error_object(id, ErrorCode::rate_limited, "too many messages: wait a moment, then ask again"));
        if (++refused_in_a_row_ >= max_refused_in_a_row)
            close_when_written(websocket::close_code::policy_error);
    } else if (!ws_.got_text()) {
        refused_in_a_row_ = 0;
        state_.metrics().error(to_string(ErrorCode::binary_frame));
        reply = knowledge::json_text(
            error_object(nullptr, ErrorCode::binary_frame, "send questions as JSON text frames, not binary"));
    } else {
        refused_in_a_row_ = 0;
        reply = answer(beast::buffers_to_string(buffer_.data()));
    }
    buffer_.consume(buffer_.size());
    send(std::move(reply));
    // Back-pressure: a client that sends but does not read stops being read from until it catches up.
    if (queue_.size() < max_queued_replies) {
        do_read();
    } else {
        reading_paused_ = true;
    }
}

// The answer path's exception boundary, as the router's is for HTTP: one bad message cannot end the session.
template <class Stream>
std::string WebsocketSession<Stream>::answer(std::string_view frame) {
    try {
        const auto advisor = state_.advisor();  // this message is answered on this snapshot, whatever reloads
        const ProtocolLimits limits{state_.config().max_question_chars};
        Reply reply = reply_to_frame(*advisor, context_, frame, wall_clock_ms(), limits, state_.recording());
        settle(state_, reply, peer_.connection, peer_.limit_key);
        return std::move(reply.body);
    } catch (const std::exception& e) {
        spdlog::error("conn {}: answering failed: {}", peer_.connection, e.what());
        state_.metrics().error(to_string(ErrorCode::internal));
        return knowledge::json_text(
            error_object(nullptr, ErrorCode::internal, "internal error: please ask again"));
    }
}

template <class Stream>
void WebsocketSession<Stream>::send(std::string message) {
    queue_.push_back(std::move(message));
    if (queue_.size() > 1) return;  // a write is already in flight; on_write continues the queue
    do_write();
}

template <class Stream>
void WebsocketSession<Stream>::do_write() {
    ws_.text(true);
    ws_.async_write(boost::asio::buffer(queue_.front()),
                    beast::bind_front_handler(&WebsocketSession<Stream>::on_write, this->shared_from_this()));
}

template <class Stream>
void WebsocketSession<Stream>::on_write(beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "websocket write", peer_.connection);
    state_.metrics().message_sent();
    queue_.pop_front();
    if (!queue_.empty()) do_write();
    if (reading_paused_ && queue_.size() < max_queued_replies) {
        reading_paused_ = false;
        do_read();
    }
    maybe_close();
}

template <class Stream>
void WebsocketSession<Stream>::close_when_written(websocket::close_code code) {
    if (!close_after_writes_ || code == websocket::close_code::policy_error) close_after_writes_ = code;
    maybe_close();
}

// Sends the close frame once every queued answer has left (only one write may be in flight) and,
// when draining, once every question already received is answered: bytes waiting in the socket are
// questions the client sent before it could know we were going. The last check runs from a handler
// posted behind any read completion already queued on the strand, so a question on its way in
// from the socket is answered, not dropped.
template <class Stream>
void WebsocketSession<Stream>::maybe_close() {
    if (!ready_to_close()) return;
    boost::asio::post(ws_.get_executor(), [self = this->shared_from_this()] {
        if (!self->ready_to_close()) return;
        self->closing_ = true;
        self->said_goodbye_.store(true);
        if (*self->close_after_writes_ == websocket::close_code::policy_error) {
            // An abusive client is not waited for: whatever it streams after our close costs us a second at
            // most.
            websocket::stream_base::timeout short_close{};
            short_close.handshake_timeout = std::chrono::seconds(1);
            short_close.idle_timeout = websocket::stream_base::none();
            self->ws_.set_option(short_close);
        }
        self->ws_.async_close(*self->close_after_writes_, [self](beast::error_code ec) {
            if (ec) fail(ec, "websocket close", self->peer_.connection);
        });
    });
}

template <class Stream>
bool WebsocketSession<Stream>::ready_to_close() {
    if (!close_after_writes_ || closing_ || !accepted_ || !queue_.empty()) return false;
    if (close_after_writes_ != websocket::close_code::going_away)
        return true;  // an abusive client gets no more answers
    beast::error_code ec;
    return buffer_.size() == 0 && beast::get_lowest_layer(ws_).socket().available(ec) == 0;
}

}  // namespace server
