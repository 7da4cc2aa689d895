#pragma once

#include <boost/beast/http.hpp>

#include "server/app_state.hpp"

namespace server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// What a handler may know about the connection besides the request.
struct Peer {
    bool loopback = false;
};

// Admin endpoints are for loopback clients, or anyone presenting "Bearer TOKEN" when a token is set.
bool admin_allowed(const std::string& token, std::string_view authorization, bool loopback);

// Answers one HTTP request (not the WebSocket upgrade, which the session handles). Every route is
// in one table in router.cpp; anything else is a static file from the web directory, or 404.
// Never throws: a handler's exception becomes a 500 with a log line.
Response route(AppState& state, const Request& request, const Peer& peer);

}  // namespace server
