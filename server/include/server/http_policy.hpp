#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace server {

// Whether a WebSocket handshake may proceed. Browsers send Origin; a page may open the chat when
// its origin is the server's own (Origin's host equals Host) or is listed in `allowed`
// (--allowed-origin). Programs that send no Origin are not browsers embedding us and may connect.
bool origin_allowed(std::string_view origin, std::string_view host, const std::vector<std::string>& allowed);

// The Content-Security-Policy of our own pages: scripts only from us, no inline script.
std::string_view page_security_policy();

// A strong validator for a static file's bytes: "\"<16 hex digits>\"" (FNV-1a 64 of the content).
std::string entity_tag(std::string_view content);

// Whether an If-None-Match header value names `etag` (a list, or "*").
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// Whether an Accept-Encoding header value accepts gzip (and does not refuse it with q=0).
bool accepts_gzip(std::string_view accept_encoding);

// gzip (RFC 1952) of `data` at the default level.
std::string gzip(std::string_view data);

}  // namespace server
