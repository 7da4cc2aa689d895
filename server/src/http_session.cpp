#include "server/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>

#include "server/fail.hpp"
#include "server/http_policy.hpp"
#include "server/protocol.hpp"
#include "server/router.hpp"
#include "server/websocket_session.hpp"

namespace server {

namespace beast = boost::beast;
namespace net = boost::asio;

namespace {
constexpr auto request_timeout = std::chrono::seconds(30);
}

HttpSession::HttpSession(net::ip::tcp::socket&& socket, AppState& state) : stream_(std::move(socket)), state_(state) {
    beast::error_code ec;
    const auto remote = stream_.socket().remote_endpoint(ec);
    loopback_peer_ = !ec && remote.address().is_loopback();
}

void HttpSession::run() {
    // Start on the connection's strand: all of this session's handlers run there.
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
}

void HttpSession::do_read() {
    parser_.emplace();
    parser_->body_limit(state_.config().max_message_bytes);  // chat messages are short
    parser_->header_limit(8 * 1024);
    stream_.expires_after(request_timeout);
    beast::http::async_read(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::on_read(beast::error_code ec, std::size_t) {
    if (ec == beast::http::error::end_of_stream) return do_close();
    if (ec == beast::http::error::body_limit) {
        Request request = parser_->release();
        response_ = Response{beast::http::status::payload_too_large, request.version()};
        response_.set(beast::http::field::content_type, "application/json");
        response_.body() =
            error_object(nullptr, ErrorCode::too_long, "the request body is larger than the limit").dump();
        response_.keep_alive(false);
        response_.prepare_payload();
        beast::http::async_write(stream_, response_,
                                 beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), false));
        return;
    }
    if (ec) return fail(ec, "http read");

    Request request = parser_->release();
    if (beast::websocket::is_upgrade(request)) {
        const auto origin = request.find(beast::http::field::origin);
        const auto host = request.find(beast::http::field::host);
        const bool allowed = origin_allowed(origin == request.end() ? "" : std::string_view(origin->value()),
                                            host == request.end() ? "" : std::string_view(host->value()),
                                            state_.config().allowed_origins);
        if (request.target() == "/ws" && !allowed) {
            response_ = Response{beast::http::status::forbidden, request.version()};
            response_.set(beast::http::field::content_type, "application/json");
            response_.body() = error_object(nullptr, ErrorCode::forbidden,
                                            "this site may not open the chat (see --allowed-origin)")
                                   .dump();
            response_.keep_alive(false);
            response_.prepare_payload();
            beast::http::async_write(stream_, response_,
                                     beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), false));
            return;
        }
        if (request.target() == "/ws") {
            std::make_shared<WebsocketSession>(stream_.release_socket(), state_)->run(std::move(request));
            return;
        }
        response_ = route(state_, request, Peer{loopback_peer_});  // 404 for an upgrade elsewhere
    } else {
        response_ = route(state_, request, Peer{loopback_peer_});
    }
    const bool keep_alive = response_.keep_alive();
    beast::http::async_write(stream_, response_,
                             beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), keep_alive));
}

void HttpSession::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "http write");
    if (!keep_alive) return do_close();
    do_read();
}

void HttpSession::do_close() {
    beast::error_code ec;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
}

}  // namespace server
