#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "histogram.hpp"

namespace load {

using Clock = std::chrono::steady_clock;

// What every connection of a run shares: fixed before the first connection starts, but for the times.
struct Plan {
    boost::asio::ip::tcp::endpoint endpoint;
    std::string host;  // the Host header
    std::string path;
    std::vector<std::string> questions;  // JSON-encoded strings
    // Set once every connection is open or has failed, before Connection::begin:
    Clock::time_point start;          // the asks begin: the warm-up, then the measured window
    Clock::time_point measure_from;   // asks due in [measure_from, measure_until) are measured
    Clock::time_point measure_until;  // and no ask is due after it
    Clock::duration interval{};       // open loop: the time between one connection's asks; zero: closed loop
    unsigned connections = 1;
};

// What one thread's connections saw. Not thread-safe: each thread has its own, summed at the end.
struct Stats {
    Histogram latency_us;            // measured answers, from the scheduled send to the whole reply read
    Histogram reply_bytes;           // measured answers
    std::uint64_t answers = 0;       // measured answers (type "answer", the right id)
    std::uint64_t error_frames = 0;  // type "error" (rate_limited, bad_request, ...), measured or not
    std::uint64_t bad_replies = 0;   // another type, a wrong id, or a reply to nothing asked
    std::uint64_t closed = 0;        // connections the server closed or reset while we were asking
    std::map<int, std::uint64_t> close_codes;  // of those that sent a close frame
    std::uint64_t connect_failed = 0;          // TCP connect or WebSocket handshake refused
    std::uint64_t unanswered = 0;              // asks still waiting for their reply when the run ended
    std::uint64_t connected = 0;
    std::string first_error;  // what went wrong first (connect, handshake, read), for the report

    void merge(const Stats& other);
};

// One WebSocket client connection of the load: `connect` connects and does the handshake; `begin`
// (once all connections have, so that the load does not slow the connecting down) asks the plan's
// questions in turn (starting at its own index, so the connections spread over the file), one at a
// time, each with a fresh numeric "id" that the reply must echo. Closed loop: the next ask leaves
// when the reply has arrived. Open loop: asks are due every plan.interval, starting at an offset
// that spreads the connections evenly; an ask whose turn comes while the previous one is unanswered
// leaves as soon as that is answered, and its latency still counts from when it was due (as wrk2
// does), so a slow server cannot hide its queue by slowing the client down (coordinated omission).
//
// Runs on one io_context driven by one thread (no strand needed). The owner keeps the object alive
// until that io_context has run out of work; `abort` (posted to the same io_context) ends it early.
class Connection {
  public:
    // `settled` is counted up (from this io_context's thread) when the handshake has finished or failed.
    Connection(boost::asio::io_context& ioc, const Plan& plan, Stats& stats, unsigned index,
               std::atomic<unsigned>& settled);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void connect();
    // Starts asking, now or as soon as the handshake is done. Post it after filling in the plan's times.
    void begin();
    // Counts an ask still waiting as unanswered and closes the socket at once.
    void abort();

  private:
    void on_connect(boost::beast::error_code ec);
    void on_handshake(boost::beast::error_code ec);
    void start_asking();
    void do_read();
    void on_read(boost::beast::error_code ec, std::size_t bytes);
    bool check_reply(std::string_view reply, Clock::time_point now);
    void schedule_next(Clock::time_point now);
    void ask(Clock::time_point due);
    void on_write(boost::beast::error_code ec, std::size_t bytes);
    void finish();
    void note_error(const char* what, boost::beast::error_code ec);

    struct Ask {
        std::uint64_t id;
        Clock::time_point due;
    };

    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::asio::steady_timer timer_;
    boost::beast::flat_buffer buffer_;
    std::string frame_;
    std::string expected_id_;
    const Plan& plan_;
    Stats& stats_;
    std::atomic<unsigned>& settled_;
    unsigned index_;
    std::size_t next_question_;
    std::uint64_t next_id_ = 1;
    Clock::time_point next_due_;
    std::optional<Ask> waiting_;           // the ask whose reply is due
    bool writing_ = false;                 // a write is in flight (Beast allows one)
    bool answered_while_writing_ = false;  // the reply overtook its write's completion: ask next in on_write
    bool begun_ = false;                   // begin() was called
    bool open_ = false;                    // handshake done, not yet closing
    bool closing_ = false;                 // we are closing: errors from here on are ours
};

}  // namespace load
