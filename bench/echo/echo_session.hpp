#pragma once

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace echo {

// The reply to a message: a JSON answer object of exactly `bytes` bytes (or the shortest such
// object, when `bytes` is smaller), carrying the message's "id" so that advisor-load can check it:
//   {"type":"answer","id":<id>,"text":"xxxx…"}
std::string reply_to(std::string_view message, std::size_t bytes);

// Reads the HTTP upgrade request on a new connection, as the advisor's HttpSession does (a bounded
// parser, a handshake deadline), and hands the connection to an EchoSession; anything else is
// closed. Kept alive by its pending handlers; all of them run on the connection's strand.
class UpgradeSession : public std::enable_shared_from_this<UpgradeSession> {
  public:
    UpgradeSession(boost::beast::tcp_stream&& stream, std::size_t reply_bytes);
    void run();

  private:
    void do_read();
    void on_read(boost::beast::error_code ec, std::size_t bytes);

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    std::size_t reply_bytes_;
};

// One WebSocket connection, built as the advisor's WebsocketSession is (the same timeouts and
// message limit, one read at a time, a write queue because only one write may be in flight, reading
// paused while 32 replies wait) but answering every message with reply_to() instead of the advisor:
// what is left is the cost of Beast, Asio and the kernel.
class EchoSession : public std::enable_shared_from_this<EchoSession> {
  public:
    EchoSession(boost::beast::tcp_stream&& stream, std::size_t reply_bytes);
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
    std::size_t reply_bytes_;
    bool reading_paused_ = false;
    static constexpr std::size_t max_queued_replies = 32;
};

}  // namespace echo
