#pragma once

#include <boost/beast/core/error.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "server/app_state.hpp"
#include "server/limits.hpp"

namespace server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// What a handler may know about the connection besides the request.
struct Peer {
    std::string address;         // the client's IP address (an IPv4-mapped IPv6 address as IPv4)
    bool loopback = false;       // 127.0.0.0/8 or ::1
    std::uint64_t connection = 0;  // the connection id the logs use
};

// The router decides every reply the server sends over HTTP; sessions only move bytes.

// Answers one HTTP request (not a WebSocket upgrade to /ws). Calls `reply` exactly once: at once,
// or for /admin/reload later, from the control thread. Every route is in one table in router.cpp;
// anything else is a static file from the web directory, or 404. A handler's exception becomes a
// 500 with a log line. HEAD is answered as GET without the body.
using Respond = std::function<void(Response)>;
void route(AppState& state, const Request& request, const Peer& peer, Respond reply);

// Whether the request asks to upgrade to the chat WebSocket (/ws, any query string).
bool is_chat_upgrade(const Request& request);

// Whether a chat upgrade may go ahead: a refusal to send (foreign origin 403, draining or over the
// connection caps 503), or the connection slot the WebSocket keeps while it is open.
struct UpgradeDecision {
    std::optional<Response> refusal;
    std::optional<ConnectionLimits::Slot> slot;
};
UpgradeDecision decide_upgrade(AppState& state, const Request& request, const Peer& peer);

// A request that could not be read whole (too large, malformed, chunked): the reply that says why,
// after which the connection closes; nullopt when the client simply went away or timed out.
// `unparsed` is what was buffered, to tell a too-long request line (414) from too many headers (431).
std::optional<Response> reply_to_unreadable(AppState& state, const boost::beast::error_code& ec,
                                            std::string_view unparsed);

// The reply to a chunked request body, which our endpoints do not take (a bound on what one
// request may make the server buffer).
Response reply_to_chunked(AppState& state, const Request& header_only);

}  // namespace server
