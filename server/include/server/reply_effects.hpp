#pragma once

#include <cstdint>
#include <string>

#include "server/app_state.hpp"
#include "server/protocol.hpp"

namespace server {

// What a reply changes besides the bytes sent, the same for both transports: the counters, the
// --log-questions line, and the answer or feedback event handed to the recorder (moved out of `reply`).
// Never blocks: recording only queues. `asker` (a client address, or a channel's sender) has a share of the
// question texts the store keeps (--stored-questions-per-address): past it an answer is recorded without
// its text, so no one client fills the report's window of unanswered questions.
void settle(AppState& state, Reply& reply, std::uint64_t connection, const std::string& asker);

}  // namespace server
