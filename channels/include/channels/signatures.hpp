#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "channels/form.hpp"

namespace channels {

// How a webhook's signature was found. Only `valid` may reach the engine; the rest are a 401.
enum class Signature { valid, missing, stale, wrong };
const char* to_string(Signature verdict);

// Slack (docs.slack.dev, "Verifying requests from Slack"): X-Slack-Signature is "v0=" and the hex
// HMAC-SHA256, keyed with the signing secret, of "v0:" TIMESTAMP ":" BODY (the raw body, as received);
// X-Slack-Request-Timestamp (Unix seconds) must be within `max_skew_s` of `now_s`, either way, so a
// captured request cannot be replayed later.
std::string slack_signature(std::string_view secret, std::string_view timestamp, std::string_view body);
Signature check_slack(std::string_view secret, std::string_view timestamp, std::string_view signature,
                      std::string_view body, std::int64_t now_s, std::int64_t max_skew_s = 300);

// Twilio ("Webhooks security"): X-Twilio-Signature is the base64 HMAC-SHA1, keyed with the auth token,
// of the full URL Twilio requested (scheme, host, path and query) followed by every POST parameter
// sorted by name, each as name then value with nothing between. Twilio sends no timestamp: its
// retries are caught by twilio_delivery_key (replay_guard.hpp).
std::string twilio_signature(std::string_view auth_token, std::string_view url, const FormFields& params);
// The name a delivery is claimed under: a digest of the parameters exactly as they are signed. Not the
// MessageSid: without separators, a captured message re-sent as "MessageSidS=M1" for "MessageSid=SM1"
// still verifies; not the signature either, which covers the URL, different at each replica behind a
// proxy without --public-url.
std::string twilio_delivery_key(const FormFields& params);
Signature check_twilio(std::string_view auth_token, std::string_view url, const FormFields& params,
                       std::string_view signature);

// Telegram (Bot API setWebhook `secret_token`): X-Telegram-Bot-Api-Secret-Token carries the secret itself.
Signature check_telegram(std::string_view secret, std::string_view header);

// Whether two strings are equal, in time that depends on their lengths only (CRYPTO_memcmp).
bool equal_constant_time(std::string_view a, std::string_view b);

// The hex SHA-256 of `text`: how sender ids are kept (context_store.hpp).
std::string sha256_hex(std::string_view text);

}  // namespace channels
