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
    std::string address;           // the client's IP address (an IPv4-mapped IPv6 address as IPv4)
    bool loopback = false;         // 127.0.0.0/8 or ::1
    std::uint64_t connection = 0;  // the connection id the logs use
    // Whether the connection was within --max-connections(-per-ip) when accepted. One over them is
    // answered 503 (except /healthz) and closed.
    ConnectionLimits::Verdict admission = ConnectionLimits::Verdict::ok;
    std::string limit_key;  // what the per-address limits count it under: limit_key(address, --ipv6-prefix)
};

// The router decides every reply the server sends over HTTP; sessions only move bytes.

// Answers one HTTP request (not a WebSocket upgrade to /ws). Calls `reply` exactly once: at once,
// or for /admin/reload later, from the control thread, and for /admin/report (and the /channels/ webhooks
// when their contexts are in a shared database) from the background thread. Every route is in one table in
// router.cpp; anything else is a static file from the web directory, or 404. A handler's exception becomes a
// 500 with a log line. HEAD is answered as GET without the body.
using Respond = std::function<void(Response)>;
void route(AppState& state, const Request& request, const Peer& peer, Respond reply);

// Whether the request asks to upgrade to the chat WebSocket (/ws, any query string).
bool is_chat_upgrade(const Request& request);

// Whether a chat upgrade may go ahead: nullopt, or the refusal to send (foreign origin 403, draining
// or a connection over the caps 503).
std::optional<Response> refuse_upgrade(AppState& state, const Request& request, const Peer& peer);

// A request that could not be read whole (too large, malformed, chunked): the reply that says why,
// after which the connection closes; nullopt when the client simply went away or timed out.
// `unparsed` is what was buffered, to tell a too-long request line (414) from too many headers (431).
std::optional<Response> reply_to_unreadable(AppState& state, const boost::beast::error_code& ec,
                                            std::string_view unparsed);

// Checks a request's header before its body is read: any Transfer-Encoding (chunked gets 411: a bound
// on what one request may make the server buffer; any other coding 400, as RFC 9112 asks), two
// Content-Length or Host fields (400). The refusal closes the connection; nullopt when the header is fine.
std::optional<Response> refuse_framing(AppState& state, const Request& header_only);

}  // namespace server
