#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "channels/render.hpp"

namespace channels {

// The salary rows as aligned plain-text lines, "Seattle    $140,000–$170,000", for a monospaced block
// (Slack's preformatted text, Telegram's <pre>); "" when the answer has none.
std::string rows_table(const intents::Answer& answer);

// "Title (Publisher, 2026-03-22); Title (Publisher)", each title a link to its page, for Slack and Telegram:
// `escape` writes text for the platform's markup and `link(escaped title, url)` a link in it. `wording` holds
// "{sources}" where the list goes.
std::string linked_source_list(
    const intents::Answer& answer, const std::string& wording,
    const std::function<std::string(std::string_view)>& escape,
    const std::function<std::string(const std::string&, const std::string&)>& link);

// `text` with &, < and > as entities (Slack's mrkdwn and Telegram's HTML ask for these three), and with
// `quotes` " and ' too (XML attribute-safe, for TwiML).
std::string escape_markup(std::string_view text, bool quotes = false);

}  // namespace channels
