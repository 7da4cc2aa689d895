#pragma once

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

#include "server/app_state.hpp"
#include "server/router.hpp"
#include "server/streams.hpp"

namespace server {

// One HTTP connection, plain or TLS: (TLS handshake,) reads requests (keep-alive) within the header
// and body limits, answers each through the router, and hands the stream to a WebsocketSession
// when the router lets a request to /ws upgrade. Registered with the AppState's sessions while it
// lives, so SIGTERM can drain it. Instantiated for PlainStream and TlsStream.
template <class Stream>
class HttpSession : public Drainable, public std::enable_shared_from_this<HttpSession<Stream>> {
  public:
    // `slot` is the connection's place under the caps (none when over them); an upgrade passes it on.
    HttpSession(Stream&& stream, AppState& state, Peer peer, std::optional<ConnectionLimits::Slot> slot);
    ~HttpSession() override;
    void run();
    // Finishes the response in progress and closes; an idle keep-alive connection closes at once.
    void drain() override;

  private:
    void on_handshake(boost::beast::error_code ec);
    void do_read();
    void on_header(boost::beast::error_code ec, std::size_t bytes);
    void on_read(boost::beast::error_code ec, std::size_t bytes);
    void on_unreadable(boost::beast::error_code ec);
    void write(Response response);
    void on_write(bool keep_alive, boost::beast::error_code ec, std::size_t bytes);
    void do_close();

    Stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    Response response_;
    AppState& state_;
    Peer peer_;
    std::optional<ConnectionLimits::Slot> slot_;
    bool reading_ = false;
    bool draining_ = false;
    bool registered_ = false;
    static constexpr std::size_t header_limit = 8 * 1024;
};

extern template class HttpSession<PlainStream>;
extern template class HttpSession<TlsStream>;

}  // namespace server
