#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "intents/advisor.hpp"
#include "intents/answer.hpp"
#include "intents/context_policy.hpp"

namespace intents {

// Answers one message: the whole path from raw text to the answer object. Pure: the same
// advisor, context, text and time give the same answer; it never blocks or touches I/O. The
// context may come from a client: only what sanitize() keeps of it is used.
Answer respond(const Advisor& advisor, const Context& context, std::string_view text, std::int64_t now_ms,
               const ContextPolicy& policy = {});

}  // namespace intents
