#include "server/websocket_session.hpp"

#include <chrono>

#include "server/fail.hpp"
#include "server/protocol.hpp"

namespace server {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

WebsocketSession::WebsocketSession(boost::asio::ip::tcp::socket&& socket, AppState& state)
    : ws_(std::move(socket)), state_(state) {}

void WebsocketSession::run(beast::http::request<beast::http::string_body> upgrade) {
    // The HTTP session's timer must not close the upgraded stream: the WebSocket has its own.
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "career-advisor"); }));
    ws_.read_message_max(state_.config().max_message_bytes);
    ws_.async_accept(upgrade, beast::bind_front_handler(&WebsocketSession::on_accept, shared_from_this()));
}

void WebsocketSession::on_accept(beast::error_code ec) {
    if (ec) return fail(ec, "websocket accept");
    do_read();
}

void WebsocketSession::do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&WebsocketSession::on_read, shared_from_this()));
}

void WebsocketSession::on_read(beast::error_code ec, std::size_t) {
    if (ec == websocket::error::message_too_big) {
        // Beast closes the connection with 1009 (message too big) itself; nothing else to do.
        return fail(ec, "websocket read");
    }
    if (ec) return fail(ec, "websocket read");
    std::string reply;
    if (!ws_.got_text()) {
        reply = error_object(nullptr, ErrorCode::binary_frame, "send questions as JSON text frames, not binary")
                    .dump();
    } else {
        using namespace std::chrono;
        const auto now = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
        const auto advisor = state_.advisor();  // this message is answered on this snapshot, whatever reloads
        const ProtocolLimits limits{state_.config().max_question_chars};
        reply = reply_to_frame(*advisor, context_, beast::buffers_to_string(buffer_.data()), now, limits);
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

void WebsocketSession::send(std::string message) {
    queue_.push_back(std::move(message));
    if (queue_.size() > 1) return;  // a write is already in flight; on_write continues the queue
    do_write();
}

void WebsocketSession::do_write() {
    ws_.text(true);
    ws_.async_write(boost::asio::buffer(queue_.front()),
                    beast::bind_front_handler(&WebsocketSession::on_write, shared_from_this()));
}

void WebsocketSession::on_write(beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "websocket write");
    queue_.pop_front();
    if (!queue_.empty()) do_write();
    if (reading_paused_ && queue_.size() < max_queued_replies) {
        reading_paused_ = false;
        do_read();
    }
}

}  // namespace server
