#include "server/channel_routes.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "channels/form.hpp"
#include "channels/render.hpp"
#include "channels/signatures.hpp"
#include "knowledge/json_text.hpp"
#include "server/clock.hpp"
#include "server/reply_effects.hpp"

namespace server {

using nlohmann::json;

namespace {

// A WhatsApp answer's room, counted as SMS segments: an SMS answer's two, and two more for the sources'
// addresses.
constexpr std::size_t whatsapp_segments = 4;

// The channels, in one table: their path, the option that turns each on, and its secret.
struct ChannelSetting {
    const char* name;
    const char* path;
    const char* flag;
    const char* variable;
    std::string Config::*secret;
};

constexpr ChannelSetting channel_settings[] = {
    {"slack", "/channels/slack/command", "--slack-signing-secret", "CAREER_ADVISOR_SLACK_SIGNING_SECRET",
     &Config::slack_signing_secret},
    {"telegram", "/channels/telegram/webhook", "--telegram-secret", "CAREER_ADVISOR_TELEGRAM_SECRET",
     &Config::telegram_secret},
    {"twilio", "/channels/twilio", "--twilio-auth-token", "CAREER_ADVISOR_TWILIO_AUTH_TOKEN",
     &Config::twilio_auth_token},
};

std::string header(const Request& request, std::string_view name) {
    auto it = request.find(name);
    return it == request.end() ? std::string() : std::string(it->value());
}

std::string dump(const json& body) { return knowledge::json_text(body); }

ChannelReply json_reply(const json& body) { return {200, "application/json", dump(body), nullptr}; }

ChannelReply refusal(AppState& state, const char* channel, channels::Signature verdict) {
    state.metrics().channel_refused(channel, channels::to_string(verdict));
    // A stranger may send any number of these: one line a minute per channel and verdict.
    if (state.log_throttle().allow(std::string("channel ") + channel + " " + channels::to_string(verdict))) {
        spdlog::warn("{}: refused a delivery with a {} signature (logged at most once a minute)", channel,
                     channels::to_string(verdict));
    }
    return {401, "",
            std::string("the request's ") + channel + " signature is " + channels::to_string(verdict),
            "unauthorized"};
}

ChannelReply bad_request(const std::string& message) { return {400, "", message, "bad_request"}; }

// One delivery of a platform, claimed in the replay guard under `id` ("telegram:42"; "" when the platform
// named none). A retry of one claimed before gets the reply the first got (or, while the first is still being
// answered, `empty`); the first's reply is kept by answered(). One never answered (its handler threw) is
// released, so the platform's next retry is answered instead of getting nothing.
class Delivery {
  public:
    Delivery(AppState& state, std::string id) : state_(state), id_(std::move(id)) {}
    ~Delivery() {
        if (claimed_) state_.channel_deliveries().release(id_);
    }
    Delivery(const Delivery&) = delete;
    Delivery& operator=(const Delivery&) = delete;

    std::optional<ChannelReply> seen_before(const char* channel, const ChannelReply& empty) {
        if (id_.empty()) return std::nullopt;
        const auto claim = state_.channel_deliveries().claim(id_, wall_clock_ms());
        claimed_ = claim.first;
        if (claim.first) return std::nullopt;
        state_.metrics().channel_refused(channel, "replayed");
        ChannelReply reply = empty;
        if (claim.reply) reply.body = *claim.reply;
        return reply;
    }

    ChannelReply answered(ChannelReply reply) {
        if (claimed_) state_.channel_deliveries().answered(id_, reply.body, wall_clock_ms());
        claimed_ = false;
        return reply;
    }

  private:
    AppState& state_;
    const std::string id_;
    bool claimed_ = false;
};

// What a question from a sender gets: an answer in the sender's conversation, counted and recorded as
// every answer is; or nullopt when the text is over --max-question-chars.
std::optional<intents::Answer> answer(AppState& state, const std::string& sender, std::string_view text,
                                      analytics::Channel channel) {
    if (utf8_length(text) > state.config().max_question_chars) return std::nullopt;
    const std::int64_t now = wall_clock_ms();
    const auto advisor = state.advisor();
    const intents::Context context = state.channel_contexts().load(sender, now);
    ChannelAnswer out = answer_from_channel(*advisor, context, text, now, state.recording(), channel);
    state.channel_contexts().save(sender, out.answer.context, now);
    settle(state, out.reply, 0, std::string(analytics::to_string(channel)) + ":" + sender);
    state.metrics().channel_answered(analytics::to_string(channel));
    return std::move(out.answer);
}

std::string too_long(const AppState& state) {
    return channels::fill(state.channel_wording().too_long, "max",
                          std::to_string(state.config().max_question_chars));
}

std::string trimmed(std::string text) {
    text.erase(0, text.find_first_not_of(" \t\r\n"));
    text.erase(text.find_last_not_of(" \t\r\n") + 1);
    return text;
}

// "/help", "/help@AdvisorBot", "help": the commands that ask what the advisor does.
bool asks_for_help(const std::string& text) {
    const std::string word = text.substr(0, text.find('@'));
    return word == "/start" || word == "/help" || word == "help";
}

// The URL Twilio requested, which it signed: --public-url (the server's root as seen from outside) and the
// request's path and query, or without it the scheme and Host this request came with.
std::string requested_url(const AppState& state, const Request& request) {
    const std::string target(request.target());
    if (target.starts_with("http://") || target.starts_with("https://")) return target;
    if (!state.config().public_url.empty()) return state.config().public_url + target;
    const std::string scheme = state.config().tls_cert.empty() ? "http://" : "https://";
    return scheme + header(request, "Host") + target;
}

}  // namespace

ChannelReply slack_command(AppState& state, const Request& request) {
    const auto verdict = channels::check_slack(
        state.config().slack_signing_secret, header(request, "X-Slack-Request-Timestamp"),
        header(request, "X-Slack-Signature"), request.body(), wall_clock_ms() / 1000);
    if (verdict != channels::Signature::valid) return refusal(state, "slack", verdict);
    const auto form = channels::parse_form(request.body());
    if (!form) return bad_request("the body is not form-encoded");
    const std::string trigger = channels::form_value(*form, "trigger_id");
    Delivery delivery(state, trigger.empty() ? "" : "slack:" + trigger);
    if (auto again = delivery.seen_before("slack", json_reply(json::object()))) return *again;
    const std::string text = trimmed(channels::form_value(*form, "text"));
    ChannelReply reply;
    if (text.empty() || asks_for_help(text)) {
        reply = json_reply(channels::slack_text(state.channel_wording().help));
    } else {
        const std::string sender = channels::form_value(*form, "team_id") + ":" +
                                   channels::form_value(*form, "user_id") + ":" +
                                   channels::form_value(*form, "channel_id");
        const auto given =
            answer(state, channels::sender_key("slack", sender), text, analytics::Channel::slack);
        reply = json_reply(given ? channels::slack_answer(*given, state.channel_wording())
                                 : channels::slack_text(too_long(state)));
    }
    return delivery.answered(std::move(reply));
}

ChannelReply telegram_webhook(AppState& state, const Request& request) {
    const auto verdict = channels::check_telegram(state.config().telegram_secret,
                                                  header(request, "X-Telegram-Bot-Api-Secret-Token"));
    if (verdict != channels::Signature::valid) return refusal(state, "telegram", verdict);
    const json update = json::parse(request.body(), nullptr, false);
    if (!update.is_object()) return bad_request("the body is not a Telegram update (a JSON object)");
    const ChannelReply nothing{200, "application/json", "", nullptr};
    const auto update_id = update.find("update_id");
    const bool named = update_id != update.end() && update_id->is_number_integer();
    Delivery delivery(state, named ? "telegram:" + std::to_string(update_id->get<std::int64_t>()) : "");
    if (auto again = delivery.seen_before("telegram", nothing)) return *again;
    // Only new messages are questions; edits, channel posts, callbacks and the rest get an empty 200.
    const json empty_object = json::object();
    const json& message =
        update.contains("message") && update.at("message").is_object() ? update.at("message") : empty_object;
    const json& chat =
        message.contains("chat") && message.at("chat").is_object() ? message.at("chat") : empty_object;
    // An id past INT64_MAX parses as unsigned and would wrap to a negative chat: not a Telegram chat id.
    if (!chat.contains("id") || !chat.at("id").is_number_integer() ||
        (chat.at("id").is_number_unsigned() &&
         chat.at("id").get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))) {
        return delivery.answered(nothing);
    }
    const std::int64_t chat_id = chat.at("id").get<std::int64_t>();
    const std::string text = message.contains("text") && message.at("text").is_string()
                                 ? trimmed(message.at("text").get<std::string>())
                                 : "";
    const channels::Wording& wording = state.channel_wording();
    ChannelReply reply;
    if (text.empty()) {
        reply = json_reply(channels::telegram_text(chat_id, wording.not_text));
    } else if (asks_for_help(text)) {
        reply = json_reply(channels::telegram_text(chat_id, wording.help));
    } else {
        const auto given = answer(state, channels::sender_key("telegram", std::to_string(chat_id)), text,
                                  analytics::Channel::telegram);
        reply = json_reply(given ? channels::telegram_answer(chat_id, *given, wording)
                                 : channels::telegram_text(chat_id, too_long(state)));
    }
    return delivery.answered(std::move(reply));
}

ChannelReply twilio_message(AppState& state, const Request& request) {
    // The parameters are part of what Twilio signs, so they are read first; nothing acts on them before the
    // check.
    const auto form = channels::parse_form(request.body());
    if (!form) return refusal(state, "twilio", channels::Signature::wrong);
    const auto verdict =
        channels::check_twilio(state.config().twilio_auth_token, requested_url(state, request), *form,
                               header(request, "X-Twilio-Signature"));
    if (verdict != channels::Signature::valid) return refusal(state, "twilio", verdict);
    const ChannelReply nothing{200, "text/xml; charset=utf-8", channels::twiml_message(""), nullptr};
    Delivery delivery(state, "twilio:" + channels::twilio_delivery_key(*form));
    if (auto again = delivery.seen_before("twilio", nothing)) return *again;
    const std::string from = channels::form_value(*form, "From");
    const bool whatsapp = from.starts_with("whatsapp:");
    const std::string text = trimmed(channels::form_value(*form, "Body"));
    const channels::Wording& wording = state.channel_wording();
    std::string said;
    if (text.empty()) {
        said = wording.not_text;
    } else {
        const auto given = answer(state, channels::sender_key(whatsapp ? "whatsapp" : "sms", from), text,
                                  whatsapp ? analytics::Channel::whatsapp : analytics::Channel::sms);
        // WhatsApp makes the guides' addresses tappable and has room for them (no SMS segments to pay for).
        said = !given     ? too_long(state)
               : whatsapp ? channels::brief_text(*given, wording, state.advisor()->style,
                                                 channels::whatsapp_max_segments, true)
                          : channels::brief_text(*given, wording, state.advisor()->style,
                                                 channels::sms_max_segments);
    }
    ChannelReply reply = nothing;
    reply.body = channels::twiml_message(channels::gsm_punctuation(said));
    return delivery.answered(std::move(reply));
}

bool channel_off(const Config& config, std::string_view path) {
    for (const ChannelSetting& channel : channel_settings) {
        if (path == channel.path) return (config.*channel.secret).empty();
    }
    return false;
}

bool any_channel_on(const Config& config) {
    for (const ChannelSetting& channel : channel_settings) {
        if (!(config.*channel.secret).empty()) return true;
    }
    return false;
}

std::vector<std::string> channel_status_lines(const Config& config) {
    std::vector<std::string> lines;
    for (const ChannelSetting& channel : channel_settings) {
        if ((config.*channel.secret).empty()) {
            lines.push_back(std::string("channel ") + channel.name + " off: no " + channel.flag + " (or " +
                            channel.variable + "), so POST " + channel.path + " answers 404");
        } else {
            lines.push_back(std::string("channel ") + channel.name + " on: POST " + channel.path);
        }
    }
    return lines;
}

}  // namespace server
