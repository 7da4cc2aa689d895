#pragma once

#include <string>
#include <vector>

#include "server/app_state.hpp"
#include "server/router.hpp"

namespace server {

// The messaging platforms' webhooks (docs/channels.md). Each checks the platform's signature before it
// reads anything else: a missing, stale or wrong one is a 401 that never reaches the engine. A delivery
// the platform sends again (same id) gets the reply the first got. The router builds the HTTP reply.

struct ChannelReply {
    unsigned status = 200;
    std::string content_type;
    std::string body;
    const char* error_code = nullptr;  // set for a refusal: the body is then our JSON error object's message
};

// POST /channels/slack/command: a slash command, form-encoded; replies with Slack's JSON message.
ChannelReply slack_command(AppState& state, const Request& request);
// POST /channels/telegram/webhook: a Bot API update; replies with a sendMessage method.
ChannelReply telegram_webhook(AppState& state, const Request& request);
// POST /channels/twilio: an inbound SMS or WhatsApp message; replies with TwiML.
ChannelReply twilio_message(AppState& state, const Request& request);

// Whether the route `path` belongs to a channel that is off (no secret): answered 404 as an unknown path.
bool channel_off(const Config& config, std::string_view path);
bool any_channel_on(const Config& config);
// One start-up line per channel: on, and its path, or off and how to turn it on.
std::vector<std::string> channel_status_lines(const Config& config);

}  // namespace server
