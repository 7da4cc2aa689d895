#include "connection.hpp"

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/websocket/error.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "reply_scan.hpp"

namespace load {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

void Stats::merge(const Stats& other) {
    latency_us.merge(other.latency_us);
    reply_bytes.merge(other.reply_bytes);
    answers += other.answers;
    error_frames += other.error_frames;
    bad_replies += other.bad_replies;
    closed += other.closed;
    for (const auto& [code, count] : other.close_codes) close_codes[code] += count;
    connect_failed += other.connect_failed;
    unanswered += other.unanswered;
    connected += other.connected;
    if (first_error.empty()) first_error = other.first_error;
}

Connection::Connection(net::io_context& ioc, const Plan& plan, Stats& stats, unsigned index,
                       std::atomic<unsigned>& settled)
    : ws_(ioc),
      timer_(ioc),
      plan_(plan),
      stats_(stats),
      settled_(settled),
      index_(index),
      next_question_(index % plan.questions.size()) {}

void Connection::connect() {
    beast::get_lowest_layer(ws_).async_connect(plan_.endpoint,
                                               beast::bind_front_handler(&Connection::on_connect, this));
}

void Connection::abort() {
    if (waiting_) ++stats_.unanswered;
    waiting_.reset();
    open_ = false;
    closing_ = true;
    timer_.cancel();
    beast::get_lowest_layer(ws_).close();
}

void Connection::note_error(const char* what, beast::error_code ec) {
    if (stats_.first_error.empty()) stats_.first_error = std::string(what) + ": " + ec.message();
}

void Connection::on_connect(beast::error_code ec) {
    if (closing_) return;
    if (ec) {
        ++stats_.connect_failed;
        ++settled_;
        return note_error("connect", ec);
    }
    // Our own asks must not wait for Nagle: the server's latency is what is measured.
    beast::get_lowest_layer(ws_).socket().set_option(net::ip::tcp::no_delay(true), ec);
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::request_type& req) { req.set(beast::http::field::user_agent, "advisor-load"); }));
    ws_.async_handshake(plan_.host, plan_.path, beast::bind_front_handler(&Connection::on_handshake, this));
}

void Connection::on_handshake(beast::error_code ec) {
    if (closing_) return;
    ++settled_;
    if (ec) {
        ++stats_.connect_failed;
        return note_error("handshake", ec);
    }
    ++stats_.connected;
    open_ = true;
    do_read();  // from now on, a close by the server is seen at once
    if (begun_) start_asking();
}

void Connection::begin() {
    begun_ = true;
    if (open_) start_asking();
}

void Connection::start_asking() {
    const Clock::time_point now = Clock::now();
    // Open loop: connection i's first ask is due i/N of an interval after the start, so the asks of
    // all connections are evenly spread in time rather than leaving in bursts.
    next_due_ = plan_.interval == Clock::duration::zero()
                    ? now
                    : plan_.start + plan_.interval * index_ / plan_.connections;
    schedule_next(now);
}

void Connection::do_read() { ws_.async_read(buffer_, beast::bind_front_handler(&Connection::on_read, this)); }

void Connection::on_read(beast::error_code ec, std::size_t) {
    if (closing_) return;  // the end of our close handshake, or abort()
    if (ec) {
        // The server closed (a close frame, whose code we keep) or the connection broke.
        ++stats_.closed;
        if (ec == websocket::error::closed) ++stats_.close_codes[ws_.reason().code];
        note_error("read", ec);
        waiting_.reset();
        open_ = false;
        timer_.cancel();
        return;
    }
    const Clock::time_point now = Clock::now();
    const char* data = static_cast<const char*>(buffer_.data().data());
    const bool was_awaited = check_reply(std::string_view(data, buffer_.size()), now);
    buffer_.consume(buffer_.size());
    do_read();
    if (!was_awaited) return;
    if (plan_.interval == Clock::duration::zero()) next_due_ = now;
    if (writing_) {
        answered_while_writing_ = true;
        return;
    }
    schedule_next(now);
}

// Counts the reply to the waiting ask; false when nothing was waiting for one.
bool Connection::check_reply(std::string_view reply, Clock::time_point now) {
    if (!waiting_) {
        ++stats_.bad_replies;
        return false;
    }
    const Ask ask = *waiting_;
    waiting_.reset();
    const ReplyFields fields = scan_reply(reply);
    if (fields.type == "error") {
        ++stats_.error_frames;
        return true;
    }
    if (fields.type != "answer" || fields.id != expected_id_) {
        ++stats_.bad_replies;
        return true;
    }
    if (ask.due >= plan_.measure_from && ask.due < plan_.measure_until) {
        ++stats_.answers;
        const auto us = std::chrono::duration_cast<std::chrono::microseconds>(now - ask.due).count();
        stats_.latency_us.record(static_cast<std::uint64_t>(std::max<std::int64_t>(us, 0)));
        stats_.reply_bytes.record(reply.size());
    }
    return true;
}

void Connection::schedule_next(Clock::time_point now) {
    if (!open_) return;
    if (next_due_ >= plan_.measure_until) return finish();
    if (next_due_ <= now) return ask(next_due_);
    timer_.expires_at(next_due_);
    timer_.async_wait([this](beast::error_code ec) {
        if (!ec && open_) ask(next_due_);
    });
}

void Connection::ask(Clock::time_point due) {
    expected_id_ = std::to_string(next_id_);
    waiting_ = Ask{next_id_++, due};
    frame_ = R"({"type":"ask","id":)" + expected_id_ + R"(,"text":)" + plan_.questions[next_question_] + "}";
    next_question_ = (next_question_ + 1) % plan_.questions.size();
    next_due_ += plan_.interval;  // open loop: the next turn, whenever this one is answered
    writing_ = true;
    ws_.async_write(net::buffer(frame_), beast::bind_front_handler(&Connection::on_write, this));
}

void Connection::on_write(beast::error_code ec, std::size_t) {
    writing_ = false;
    if (ec || closing_) return;  // a broken connection is counted by the read that fails with it
    if (answered_while_writing_) {
        answered_while_writing_ = false;
        schedule_next(Clock::now());
    }
}

// Every ask has been answered and no more are due: say goodbye as a client should. The pending read
// ends with websocket::error::closed when the server has answered the close frame.
void Connection::finish() {
    open_ = false;
    closing_ = true;
    timer_.cancel();
    ws_.async_close(websocket::close_code::normal, [this](beast::error_code ec) {
        if (ec) beast::get_lowest_layer(ws_).close();
    });
}

}  // namespace load
