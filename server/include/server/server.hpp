#pragma once

#include "server/config.hpp"

namespace server {

// Loads the data, listens, prints "listening on http://HOST:PORT/" on stdout once ready, and
// serves until SIGINT or SIGTERM (SIGHUP reloads the data). Returns the process exit code.
int run_server(const Config& config);

}  // namespace server
