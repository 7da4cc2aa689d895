#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <memory>
#include <string>

#include "intents/answer.hpp"
#include "server/app_state.hpp"

namespace server {

// One chat connection at /ws. Reads JSON text frames one at a time, answers each on the
// connection's strand (so answers leave in the order questions came) and queues the writes,
// because a WebSocket allows only one write in flight. Kept alive by its pending handlers.
class WebsocketSession : public std::enable_shared_from_this<WebsocketSession> {
public:
    WebsocketSession(boost::asio::ip::tcp::socket&& socket, AppState& state);

    // Takes over the upgrade request the HTTP session read.
    void run(boost::beast::http::request<boost::beast::http::string_body> upgrade);

private:
    void on_accept(boost::beast::error_code ec);
    void do_read();
    void on_read(boost::beast::error_code ec, std::size_t bytes);
    void send(std::string message);
    void do_write();
    void on_write(boost::beast::error_code ec, std::size_t bytes);

    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer buffer_;
    std::deque<std::string> queue_;
    AppState& state_;
    intents::Context context_;
    bool reading_paused_ = false;
    static constexpr std::size_t max_queued_replies = 32;
};

}  // namespace server
