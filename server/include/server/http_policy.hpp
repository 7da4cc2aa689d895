#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace server {

// A web origin as browsers send it: scheme, host and port, lower-case, the port filled in from the
// scheme (http 80, https 443). Nothing else: a path, user info, "null" or another scheme is no origin.
struct Origin {
    std::string scheme, host;
    std::uint16_t port = 0;
    bool operator==(const Origin&) const = default;
};
std::optional<Origin> parse_origin(std::string_view text);

// Whether a WebSocket handshake may proceed. Browsers send Origin; a page may open the chat when
// its origin is the server's own (Origin's host and port equal Host's, the port defaulting by the
// Origin's scheme) or is listed in `allowed` (--allowed-origin; scheme, host and port all compared).
// Programs that send no Origin are not browsers embedding us and may connect.
bool origin_allowed(std::string_view origin, std::string_view host, const std::vector<std::string>& allowed);

// Who may use /admin/* and /metrics, from what the request and the connection say.
struct AdminRequest {
    std::string_view authorization;  // the Authorization header
    std::string_view origin;         // the Origin header (browsers send it on cross-site POSTs)
    std::string_view host;           // the Host header
    std::string_view content_type;   // the Content-Type header
    bool loopback = false;           // the peer address is 127.0.0.0/8, ::1 or ::ffff:127.x
    bool forwarded = false;          // a proxy says it forwarded the request (Forwarded, X-Forwarded-For)
};
enum class AdminVerdict { allowed, needs_token, wrong_token, foreign_origin, browser_form, foreign_host };
// With a token configured, "Bearer TOKEN" is always required (compared in constant time): `needs_token`
// without an Authorization header, `wrong_token` with another one; without
// one, only a loopback client that is not a proxy forwarding someone else, asking for a loopback Host
// (a page whose name rebinds to 127.0.0.1 sends its own name). A foreign Origin and the content types a
// cross-site form may send without a preflight are refused either way.
AdminVerdict admin_access(const std::string& token, const AdminRequest& request);

// The Content-Security-Policy of our own pages: scripts only from us, no inline script.
std::string_view page_security_policy();

// A strong validator for a static file's bytes: "\"<16 hex digits>\"" (FNV-1a 64 of the content).
std::string entity_tag(std::string_view content);

// Whether an If-None-Match header value names `etag` (a list, or "*").
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// Whether an Accept-Encoding header value names `coding` ("br", "gzip": lower case) or "*", without q=0.
bool accepts_coding(std::string_view accept_encoding, std::string_view coding);

// gzip (RFC 1952) of `data` at the default level.
std::string gzip(std::string_view data);

// Brotli (RFC 7932) of `data` at quality 9: for widget.js 7% smaller than gzip in 27 ms; 11 would be 9%
// smaller again but twelve times slower, paid by the first visitor after each reload.
std::string brotli(std::string_view data);

}  // namespace server
