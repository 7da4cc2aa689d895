#pragma once

#include <string>

namespace intents {

// Replaces every `from` in `text` with `to`, left to right (what template placeholders need).
inline void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
    }
}

}  // namespace intents
