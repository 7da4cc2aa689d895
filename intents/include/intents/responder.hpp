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
// Bounded whatever the text's length (message_bounds.hpp): only its first max_message_words words
// and max_message_clauses clauses are read, the rest is ignored; so are values of one entity kind
// beyond max_values_per_kind, in the text and in the context.
Answer respond(const Advisor& advisor, const Context& context, std::string_view text, std::int64_t now_ms,
               const ContextPolicy& policy = {});

}  // namespace intents
