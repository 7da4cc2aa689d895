#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/load_result.hpp"

namespace channels {

// What the channels say besides answers (channels/data/wording.json; docs/channels.md). Every field is
// required and non-empty; `{name}` marks what is filled in.
struct Wording {
    std::string help;         // /start, /help, an empty slash command
    std::string not_text;     // a message without text (a photo, a sticker)
    std::string too_long;     // a question over --max-question-chars: {max}
    std::string sources;      // Slack and Telegram, after the answer: {sources}
    std::string sms_sources;  // the brief rendering's tail: {sources}
    std::string sms_more;     // the brief rendering left something out
    std::string table_title;  // above the salary rows
};

// Reads wording.json; every problem comes back as an error line naming the file and the field.
knowledge::LoadResult<Wording> load_wording(const std::filesystem::path& file);

// `text` with each "{name}" replaced by `value`.
std::string fill(std::string text, std::string_view name, std::string_view value);

}  // namespace channels
