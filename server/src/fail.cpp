#include "server/fail.hpp"

#include <spdlog/spdlog.h>

namespace server {

void fail(const boost::system::error_code& ec, const char* what, std::uint64_t connection) {
    spdlog::debug("conn {}: {}: {}", connection, what, ec.message());
}

}  // namespace server
