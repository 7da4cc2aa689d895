#pragma once

#include <cstdint>

#include "intents/answer.hpp"

namespace intents {

struct Advisor;

// How long a conversation's context stays usable for follow-ups.
struct ContextPolicy {
    int max_turns = 4;                         // answers that did not refresh it
    std::int64_t max_age_ms = 10 * 60 * 1000;  // since the last answer
    std::int64_t max_skew_ms = 60 * 1000;  // how far ahead of our clock its time may be (another server's)
};

// A context as it comes back from a client, reduced to what this advisor could have written
// itself, so nothing a client sends reaches the answer text (docs/protocol.md, "context"):
// - the intent must be a topic intent of the advisor, else the context is empty;
// - expired (empty) when `turns` >= max_turns, or when `updated_at_ms` is negative, more than
//   max_skew_ms ahead of `now_ms` or more than max_age_ms behind it (computed without overflow);
//   negative `turns` count as 0;
// - entities keep only kinds and values of the catalogue (entities.json) that answers show,
//   without repeats, and amounts of 1 to 9 digits (what the extractor finds in a question);
// - `shown` keeps only "id" and "id@N" naming a fact, N a whole number below its item count.
// Pure; respond() calls it on every context it is given.
Context sanitize(const Context& context, const Advisor& advisor, std::int64_t now_ms,
                 const ContextPolicy& policy = {});

// Whether a non-empty context is past its use by turns or by time, as sanitize() judges it (a context
// that names no intent has nothing to expire). Pure.
bool expired(const Context& context, std::int64_t now_ms, const ContextPolicy& policy = {});

}  // namespace intents
