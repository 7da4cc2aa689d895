#include "server/fail.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>

namespace server {

void fail(const boost::system::error_code& ec, const char* what) {
    namespace net = boost::asio;
    namespace beast = boost::beast;
    if (ec == net::error::operation_aborted || ec == net::error::eof || ec == net::error::connection_reset ||
        ec == net::error::broken_pipe || ec == net::error::not_connected || ec == beast::error::timeout || ec == beast::websocket::error::closed ||
        ec == beast::http::error::end_of_stream) {
        spdlog::debug("{}: {}", what, ec.message());
        return;
    }
    spdlog::warn("{}: {}", what, ec.message());
}

}  // namespace server
