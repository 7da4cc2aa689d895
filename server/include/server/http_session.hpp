#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

#include "server/app_state.hpp"
#include "server/router.hpp"

namespace server {

// One HTTP connection: reads requests (keep-alive) within the header and body limits, answers each
// through the router, and hands the socket to a WebsocketSession when the router lets a request to
// /ws upgrade. Registered with the AppState's sessions while it lives, so SIGTERM can drain it.
class HttpSession : public Drainable, public std::enable_shared_from_this<HttpSession> {
public:
    HttpSession(boost::asio::ip::tcp::socket&& socket, AppState& state, Peer peer);
    ~HttpSession() override;
    void run();
    // Finishes the response in progress and closes; an idle keep-alive connection closes at once.
    void drain() override;

private:
    void do_read();
    void on_header(boost::beast::error_code ec, std::size_t bytes);
    void on_read(boost::beast::error_code ec, std::size_t bytes);
    void on_unreadable(boost::beast::error_code ec);
    void write(Response response);
    void on_write(bool keep_alive, boost::beast::error_code ec, std::size_t bytes);
    void do_close();

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    Response response_;
    AppState& state_;
    Peer peer_;
    bool reading_ = false;
    bool draining_ = false;
    bool registered_ = false;
    static constexpr std::size_t header_limit = 8 * 1024;
};

}  // namespace server
