#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace intents {

// The length of the valid UTF-8 sequence that starts at s[i] (a byte of 0x80 or more), or 0 when it is
// not one: overlong forms, surrogates and code points over U+10FFFF are invalid, as RFC 3629 says.
std::size_t utf8_sequence(std::string_view s, std::size_t i);

// `text` as valid UTF-8: each byte that starts no valid sequence becomes U+FFFD, the rest is kept.
std::string repaired_utf8(std::string_view text);

}  // namespace intents
