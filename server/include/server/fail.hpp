#pragma once

#include <boost/system/error_code.hpp>

namespace server {

// Logs an async operation's error, except the expected ends of a connection (peer closed,
// operation cancelled at shutdown, timeout of an idle client), which are normal.
void fail(const boost::system::error_code& ec, const char* what);

}  // namespace server
