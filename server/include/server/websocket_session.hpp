#pragma once

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "intents/answer.hpp"
#include "server/app_state.hpp"
#include "server/limits.hpp"
#include "server/router.hpp"
#include "server/streams.hpp"

namespace server {

// One chat connection at /ws. Reads JSON text frames one at a time, answers each on the
// connection's strand (so answers leave in the order questions came) and queues the writes,
// because a WebSocket allows only one write in flight. Kept alive by its pending handlers; holds
// its connection slot until it ends. A client over its message rate gets `rate_limited` errors,
// and is closed with 1008 if it goes on. Instantiated for PlainStream and TlsStream.
template <class Stream>
class WebsocketSession : public Drainable, public std::enable_shared_from_this<WebsocketSession<Stream>> {
  public:
    WebsocketSession(Stream&& stream, AppState& state, Peer peer, ConnectionLimits::Slot slot);
    ~WebsocketSession() override;
    // Takes over the upgrade request the HTTP session read.
    void run(Request upgrade);
    // Answers what has been received, then closes with 1001 (going away) once the client has been quiet for
    // quiet_before_close.
    void drain() override;
    bool done_talking() const override { return said_goodbye_.load(); }

  private:
    void on_accept(boost::beast::error_code ec);
    void do_read();
    void on_read(boost::beast::error_code ec, std::size_t bytes);
    std::string answer(std::string_view frame);
    void send(std::string message);
    void do_write();
    void on_write(boost::beast::error_code ec, std::size_t bytes);
    void close_when_written(boost::beast::websocket::close_code code);
    void maybe_close();
    bool ready_to_close();
    void close_when_quiet();

    boost::beast::websocket::stream<Stream> ws_;
    boost::beast::flat_buffer buffer_;
    std::deque<std::string> queue_;
    AppState& state_;
    Peer peer_;
    ConnectionLimits::Slot slot_;
    intents::Context context_;
    TokenBucket bucket_;
    unsigned refused_in_a_row_ = 0;
    bool reading_paused_ = false;
    bool accepted_ = false;
    bool registered_ = false;
    bool closing_ = false;  // the close frame is on its way: what arrives now is not answered
    std::atomic<bool> said_goodbye_{false};  // closing_, for the drain on the control thread
    std::optional<boost::beast::websocket::close_code> close_after_writes_;
    bool draining_ = false;
    boost::asio::steady_timer quiet_timer_;
    static constexpr std::size_t max_queued_replies = 32;
    // At a drain, the close waits until no message has come for this long: frames Beast has already read into
    // its own buffer, or half of one, cannot be seen from here, and a read that completes restarts the wait.
    // The drain's deadline (--drain-seconds) still bounds a client that never stops sending.
    static constexpr std::chrono::milliseconds quiet_before_close{250};
    static constexpr unsigned max_refused_in_a_row = 10;  // then the connection is closed (1008)
};

extern template class WebsocketSession<PlainStream>;
extern template class WebsocketSession<TlsStream>;

}  // namespace server
