#pragma once

#include <string>
#include <string_view>

#include "channels/render.hpp"

namespace channels {

// The salary rows as aligned plain-text lines, "Seattle    $140,000–$170,000", for a monospaced block
// (Slack's preformatted text, Telegram's <pre>); "" when the answer has none.
std::string rows_table(const intents::Answer& answer);

// "Title (Publisher, 2026-03-22); Title (Publisher)": the sources, for Slack and Telegram.
std::string source_list(const intents::Answer& answer);

// `text` with &, < and > as entities (Slack's mrkdwn and Telegram's HTML ask for these three), and with
// `quotes` " and ' too (XML attribute-safe, for TwiML).
std::string escape_markup(std::string_view text, bool quotes = false);

}  // namespace channels
