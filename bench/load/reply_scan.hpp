#pragma once

#include <string_view>

namespace load {

// The two top-level fields of a server message the load generator checks, as raw JSON text:
// `type` without its quotes ("answer", "error"), `id` as written (`17`, `"c1"`, `null`). Empty when
// absent, or when the message is not a JSON object.
struct ReplyFields {
    std::string_view type;
    std::string_view id;
};

// One pass over the message, tracking strings and nesting only (it does not validate the JSON, nor
// unescape strings): nested objects have ids too (the sources'), so a plain search would not do,
// and a full parse of every reply would cost the load generator more than the server's answer.
// The views point into `message`.
ReplyFields scan_reply(std::string_view message);

}  // namespace load
