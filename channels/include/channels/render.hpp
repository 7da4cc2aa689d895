#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "channels/wording.hpp"
#include "intents/answer.hpp"
#include "intents/composer.hpp"

namespace channels {

// How each platform shows an answer. Pure: the same answer and wording give the same bytes.

// A salary row's figure: "$140,000–$170,000", "$150,000–$200,000+", "about $125,000", "over $60,000".
// `compact` for SMS: "$140K-$170K", ASCII only.
std::string figure_text(const intents::DataRow& row, bool compact);

// The publishers of the answer's sources, in order, joined with ", ": "Noble Desktop, Truest"; with links,
// each followed by its page's address ("Noble Desktop https://…"), for clients that make addresses tappable.
std::string publishers(const intents::Answer& answer, bool with_links = false);

// Slack's slash-command response (docs.slack.dev "Handling slash commands"): `response_type`
// ephemeral, `text` (the notification's fallback) and blocks: the answer as a mrkdwn section, the salary
// rows as a compact table in a preformatted section, the sources as a context block. Our text is escaped
// as mrkdwn asks (&, <, >), so nothing in it becomes a mention or a link.
nlohmann::json slack_answer(const intents::Answer& answer, const Wording& wording);
// A reply that is only words (help, a refusal), ephemeral.
nlohmann::json slack_text(std::string_view text);
std::string slack_escape(std::string_view text);

// Telegram's reply in the webhook response (Bot API "Making requests when getting updates"): a
// `sendMessage` to `chat_id` with parse_mode HTML; our text escaped as the Bot API's HTML style asks
// (&, <, >), the rows in <pre>, the sources in <i>. At most 4096 characters, as sendMessage takes.
nlohmann::json telegram_answer(std::int64_t chat_id, const intents::Answer& answer, const Wording& wording);
nlohmann::json telegram_text(std::int64_t chat_id, std::string_view text);
std::string telegram_escape(std::string_view text);

// SMS. A segment holds 160 GSM-7 characters (153 when the message is split; ^{}\[~]|€ count twice), or 70
// UCS-2 characters (67 when split) as soon as one character is outside GSM-7.
struct Segments {
    bool gsm7 = true;
    std::size_t units = 0;  // septets, or UTF-16 code units
    std::size_t count = 0;  // segments the message takes (0 for empty text)
};
Segments sms_segments(std::string_view utf8);

// Typographic punctuation as GSM-7 has it ("–" "—" to "-", "…" to "...", curly quotes to straight ones,
// no-break space to a space), so a message stays GSM-7 when its letters allow.
std::string gsm_punctuation(std::string_view utf8);

// How long a brief answer may be, in SMS segments: an SMS's two (each is paid for); on WhatsApp two more, for
// the sources' addresses.
constexpr std::size_t sms_max_segments = 2;
constexpr std::size_t whatsapp_max_segments = 4;

// The brief rendering of any answer, for SMS and WhatsApp: plain text within `max_segments` segments. Salary
// answers give their rows ("Seattle: $140K-$170K"; after the sentence that says what the guides do not cover,
// if one does; pay per hour stays text, as it is our arithmetic); other answers their first whole sentences
// and list items, in order, as many as fit, then the next one cut at a word with "..." when enough of it fits
// (an intro that ends in ":" is not left without its list); then the sources' publishers, and the wording's
// "tell me more" hint when the answer offers `style.tell_me_more` (it held facts back). `with_links` adds
// each source's address (WhatsApp; an SMS keeps the names: two addresses would double what each answer
// costs).
std::string brief_text(const intents::Answer& answer, const Wording& wording,
                       const intents::AnswerStyle& style, std::size_t max_segments = sms_max_segments,
                       bool with_links = false);

// A TwiML response that sends `text` back (an empty `text` sends nothing), XML-escaped.
std::string twiml_message(std::string_view text);

}  // namespace channels
