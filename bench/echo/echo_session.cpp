#include "echo_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <chrono>

namespace echo {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace websocket = beast::websocket;

namespace {

// The advisor's defaults (server/include/server/config.hpp), so both servers run the same timers.
constexpr auto handshake_timeout = std::chrono::seconds(10);
constexpr auto idle_timeout = std::chrono::seconds(60);
constexpr std::size_t max_message_bytes = 4096;
constexpr std::size_t header_limit = 8192;

// The raw value of the message's first "id" (a number or a string, as advisor-load sends it), or
// "null". Escaped quotes inside the question cannot match: they are written \".
std::string_view id_of(std::string_view message) {
    constexpr std::string_view key = "\"id\":";
    const auto at = message.find(key);
    if (at == std::string_view::npos) return "null";
    const std::size_t start = at + key.size();
    std::size_t end = start;
    if (end < message.size() && message[end] == '"') {
        for (++end; end < message.size() && message[end] != '"'; ++end) {
            if (message[end] == '\\') ++end;
        }
        ++end;
    } else {
        while (end < message.size() && message[end] != ',' && message[end] != '}') ++end;
    }
    if (end > message.size() || end == start) return "null";
    return message.substr(start, end - start);
}

}  // namespace

std::string reply_to(std::string_view message, std::size_t bytes) {
    constexpr std::string_view head = R"({"type":"answer","id":)";
    constexpr std::string_view text = R"(,"text":")";
    constexpr std::string_view tail = R"("})";
    const std::string_view id = id_of(message);
    const std::size_t frame = head.size() + id.size() + text.size() + tail.size();
    std::string reply;
    reply.reserve(std::max(bytes, frame));
    reply.append(head).append(id).append(text);
    reply.append(bytes > frame ? bytes - frame : 0, 'x');
    reply.append(tail);
    return reply;
}

UpgradeSession::UpgradeSession(beast::tcp_stream&& stream, std::size_t reply_bytes)
    : stream_(std::move(stream)),
      buffer_(header_limit + max_message_bytes + 1024),
      reply_bytes_(reply_bytes) {}

void UpgradeSession::run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&UpgradeSession::do_read, shared_from_this()));
}

void UpgradeSession::do_read() {
    parser_.emplace();
    parser_->body_limit(max_message_bytes);
    parser_->header_limit(header_limit);
    stream_.expires_after(handshake_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&UpgradeSession::on_read, shared_from_this()));
}

void UpgradeSession::on_read(beast::error_code ec, std::size_t) {
    if (ec) return;  // the client went away or timed out: nothing to say
    http::request<http::string_body> request = parser_->release();
    if (!websocket::is_upgrade(request)) {
        stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
        return;
    }
    std::make_shared<EchoSession>(std::move(stream_), reply_bytes_)->run(std::move(request));
}

EchoSession::EchoSession(beast::tcp_stream&& stream, std::size_t reply_bytes)
    : ws_(std::move(stream)), reply_bytes_(reply_bytes) {}

void EchoSession::run(http::request<http::string_body> upgrade) {
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeout{};
    timeout.handshake_timeout = handshake_timeout;
    timeout.idle_timeout = idle_timeout;
    timeout.keep_alive_pings = true;
    ws_.set_option(timeout);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "advisor-echo"); }));
    ws_.read_message_max(max_message_bytes);
    ws_.async_accept(upgrade, beast::bind_front_handler(&EchoSession::on_accept, shared_from_this()));
}

void EchoSession::on_accept(beast::error_code ec) {
    if (ec) return;
    do_read();
}

void EchoSession::do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&EchoSession::on_read, shared_from_this()));
}

void EchoSession::on_read(beast::error_code ec, std::size_t) {
    if (ec) return;  // closed by the client, or broken
    const auto data = buffer_.data();
    send(reply_to(std::string_view(static_cast<const char*>(data.data()), data.size()), reply_bytes_));
    buffer_.consume(buffer_.size());
    if (queue_.size() < max_queued_replies) {
        do_read();
    } else {
        reading_paused_ = true;
    }
}

void EchoSession::send(std::string message) {
    queue_.push_back(std::move(message));
    if (queue_.size() > 1) return;  // a write is in flight; on_write continues the queue
    do_write();
}

void EchoSession::do_write() {
    ws_.text(true);
    ws_.async_write(net::buffer(queue_.front()),
                    beast::bind_front_handler(&EchoSession::on_write, shared_from_this()));
}

void EchoSession::on_write(beast::error_code ec, std::size_t) {
    if (ec) return;
    queue_.pop_front();
    if (!queue_.empty()) do_write();
    if (reading_paused_ && queue_.size() < max_queued_replies) {
        reading_paused_ = false;
        do_read();
    }
}

}  // namespace echo
