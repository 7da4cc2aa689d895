#pragma once

#include <cstdint>

#include "server/app_state.hpp"
#include "server/protocol.hpp"

namespace server {

// What a reply changes besides the bytes sent, the same for both transports: the counters, the
// --log-questions line, and the answer or feedback event handed to the recorder (moved out of `reply`).
// Never blocks: recording only queues.
void settle(AppState& state, Reply& reply, std::uint64_t connection);

}  // namespace server
