#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "support/clients.hpp"

namespace test_support {

// The messaging platforms as they call our webhooks (docs/channels.md), each request signed as the platform
// documents it, with OpenSSL here and not with the server's code.

inline constexpr const char* slack_secret = "8f742231b10e8888abcd99yyyzzz85a5";  // Slack's documented example
inline constexpr const char* telegram_secret = "telegram-secret_42";
inline constexpr const char* twilio_token = "12345";  // Twilio's documented example

std::int64_t now_s();

// A slash command's form body, signed: "v0=" hex HMAC-SHA256 of "v0:TIMESTAMP:BODY".
HttpResult slack(std::uint16_t port, const std::string& text, const std::string& trigger,
                 const std::string& user = "U2CERLKJA", std::int64_t timestamp = now_s(),
                 const std::string& secret = slack_secret);

// A Bot API update holding a private chat's text message, and its delivery with the secret token header
// (none when `secret` is empty).
nlohmann::json telegram_update(std::int64_t update_id, std::int64_t chat_id, const std::string& text);
HttpResult telegram(std::uint16_t port, const nlohmann::json& update,
                    const std::string& secret = telegram_secret);

// An inbound message as Twilio posts it, signed: base64 HMAC-SHA1 of `signed_url` (default: the URL the
// request goes to) and the parameters sorted by name.
HttpResult twilio(std::uint16_t port, const std::string& from, const std::string& text,
                  const std::string& sid, const std::string& signed_url = "",
                  const std::string& token = twilio_token);

// The same message with "MessageSid=SM1" re-sent as "MessageSidS=M1" under the signature of the first: Twilio
// signs names and values joined without separators, so the signature still verifies.
HttpResult twilio_resplit(std::uint16_t port, const std::string& from, const std::string& text,
                          const std::string& sid);

// The text of a TwiML <Message>, unescaped ("" without one).
std::string twiml_text(const std::string& body);

}  // namespace test_support
