#pragma once

#include <boost/system/error_code.hpp>
#include <cstdint>

namespace server {

// Logs an async operation's error on a client connection, at debug level: whatever a client does
// (vanish, time out, send garbage) is the client's business and must not flood the log. Server-side
// trouble (accepting, loading data) is logged where it happens, at warn or error.
void fail(const boost::system::error_code& ec, const char* what, std::uint64_t connection);

}  // namespace server
