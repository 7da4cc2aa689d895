// The messaging webhooks past their signature check: the input's first byte picks the platform (Slack,
// Telegram, Twilio), the rest is the delivery's body as the platform would post it (a form, or a Bot API
// update). The fuzzer signs each body as the platform does, with the secrets the server is configured
// with, so every input reaches the form and JSON readers, the replay guard, the sender's context, the
// engine and the platform's rendering. Besides the sanitizers' findings it checks what channel_routes.hpp
// and render.hpp promise: one well-formed reply, never a 500; Slack and Telegram replies are JSON, a
// Telegram message is at most 4,096 characters, and an SMS or WhatsApp reply is TwiML within two segments.
#include <algorithm>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "channels/form.hpp"
#include "channels/render.hpp"
#include "channels/signatures.hpp"
#include "fuzz_support.hpp"
#include "server/app_state.hpp"
#include "server/clock.hpp"
#include "server/router.hpp"

namespace {

namespace http = boost::beast::http;
using nlohmann::json;

constexpr const char* slack_secret = "fuzz-slack-8f14e45fceea167a5a36dedd4bea2543";
constexpr const char* telegram_secret = "fuzz-telegram-c9f0f895fb98ab91";
constexpr const char* twilio_token = "fuzz-twilio-45c48cce2e2d7fbdea1afc51c7c6ad26";
constexpr const char* public_url = "https://advisor.example";

server::AppState& app_state() {
    static server::AppState state = [] {
        server::Config config = fuzz::project_config();
        config.slack_signing_secret = slack_secret;
        config.telegram_secret = telegram_secret;
        config.twilio_auth_token = twilio_token;
        config.public_url = public_url;
        return server::AppState(std::move(config), fuzz::project_advisor());
    }();
    return state;
}

const server::Peer peer{"127.0.0.1", true, 1, {}, "127.0.0.1"};

enum class Platform { slack, telegram, twilio };

// The request the platform would send with `body`, signed as it signs.
server::Request delivery(Platform platform, std::string_view body) {
    server::Request request{http::verb::post, "/", 11};
    request.set(http::field::host, "advisor.example");
    request.body() = std::string(body);
    switch (platform) {
        case Platform::slack: {
            const std::string timestamp = std::to_string(server::wall_clock_ms() / 1000);
            request.target("/channels/slack/command");
            request.set(http::field::content_type, "application/x-www-form-urlencoded");
            request.set("X-Slack-Request-Timestamp", timestamp);
            request.set("X-Slack-Signature", channels::slack_signature(slack_secret, timestamp, body));
            break;
        }
        case Platform::telegram:
            request.target("/channels/telegram/webhook");
            request.set(http::field::content_type, "application/json");
            request.set("X-Telegram-Bot-Api-Secret-Token", telegram_secret);
            break;
        case Platform::twilio: {
            request.target("/channels/twilio");
            request.set(http::field::content_type, "application/x-www-form-urlencoded");
            // A body that is no form cannot be signed: it is sent unsigned and must be refused.
            if (const auto form = channels::parse_form(body)) {
                request.set("X-Twilio-Signature",
                            channels::twilio_signature(twilio_token,
                                                       std::string(public_url) + "/channels/twilio", *form));
            }
            break;
        }
    }
    request.prepare_payload();
    return request;
}

// The characters Telegram counts in an HTML message: after its tags are dropped and each entity is one.
std::size_t telegram_characters(std::string_view html) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < html.size(); ++i) {
        if (html[i] == '<') {
            i = std::min(html.find('>', i), html.size());
        } else if (html[i] == '&') {
            i = std::min(html.find(';', i), html.size());
            ++count;
        } else {
            count += (static_cast<unsigned char>(html[i]) & 0xC0) != 0x80;
        }
    }
    return count;
}

// The text of a TwiML reply's <Message>, unescaped ("" when it sends nothing).
std::string twiml_text(const std::string& twiml) {
    const std::size_t open = twiml.find("<Message>");
    if (open == std::string::npos) return "";
    const std::size_t start = open + 9;
    const std::size_t end = twiml.find("</Message>", start);
    fuzz::require(end != std::string::npos, "a TwiML <Message> is closed:\n" + twiml);
    std::string text;
    for (std::size_t i = start; i < end; ++i) {
        if (twiml[i] != '&') {
            text += twiml[i];
            continue;
        }
        static constexpr std::pair<std::string_view, char> entities[] = {
            {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
        bool known = false;
        for (const auto& [entity, c] : entities) {
            if (std::string_view(twiml).substr(i, entity.size()) == entity) {
                text += c;
                i += entity.size() - 1;
                known = true;
                break;
            }
        }
        fuzz::require(known, "TwiML escapes only & < > \" ':\n" + twiml);
    }
    return text;
}

void check_reply(Platform platform, std::string_view body_sent, const server::Response& reply) {
    fuzz::require(reply.result() != http::status::internal_server_error, "no handler throws");
    if (reply.result() != http::status::ok) return;
    const std::string& body = reply.body();
    if (platform == Platform::twilio) {
        fuzz::require(body.starts_with("<?xml") && body.ends_with("</Response>"),
                      "Twilio gets TwiML:\n" + body);
        const std::string text = twiml_text(body);
        for (char ch : text) {
            const auto c = static_cast<unsigned char>(ch);
            fuzz::require(c >= 0x20 || c == '\n', "an SMS holds no control characters:\n" + text);
        }
        // WhatsApp has room for the sources' addresses; an SMS is paid by the segment.
        const auto form = channels::parse_form(body_sent);
        const bool whatsapp = form && channels::form_value(*form, "From").starts_with("whatsapp:");
        const std::size_t budget = whatsapp ? channels::whatsapp_max_segments : channels::sms_max_segments;
        fuzz::require(channels::sms_segments(text).count <= budget,
                      "a reply fits its segments (" + std::to_string(budget) + "):\n" + text);
        return;
    }
    if (body.empty()) return;  // Telegram: an update that asks nothing
    const json sent = json::parse(body, nullptr, false);
    fuzz::require(sent.is_object(), "a Slack or Telegram reply is a JSON object:\n" + body);
    if (platform == Platform::telegram && sent.contains("text")) {
        fuzz::require(telegram_characters(sent.at("text").get<std::string>()) <= 4096,
                      "a Telegram message is at most 4,096 characters");
    }
}

}  // namespace

// Loads the data before the first input, so its time does not count against -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)app_state();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto platform = static_cast<Platform>(data[0] % 3);
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    server::AppState& state = app_state();
    state.forget_channel_state();  // a retry's cached reply would hide the input: each starts afresh
    int replies = 0;
    std::optional<server::Response> reply;
    server::route(state, delivery(platform, body), peer, [&](server::Response r) {
        ++replies;
        reply = std::move(r);
    });
    fuzz::require(replies == 1, "route() replies exactly once, at once");
    check_reply(platform, body, *reply);
    return 0;
}
