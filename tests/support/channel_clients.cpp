#include "support/channel_clients.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <utility>
#include <vector>

namespace test_support {

using nlohmann::json;
namespace http = boost::beast::http;

namespace {

std::string hmac(const EVP_MD* md, const std::string& key, const std::string& data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), out, &n);
    return std::string(reinterpret_cast<const char*>(out), n);
}

std::string form_escape(const std::string& text) {
    std::string out;
    for (char byte : text) {
        const auto c = static_cast<unsigned char>(byte);
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            static constexpr char hex[] = "0123456789ABCDEF";
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// Twilio: base64 HMAC-SHA1 of the URL followed by the parameters sorted by name, each name then value.
std::string twilio_signature(const std::string& url, std::vector<std::pair<std::string, std::string>> params,
                             const std::string& token) {
    std::sort(params.begin(), params.end());
    std::string data = url;
    for (const auto& [name, value] : params) data += name + value;
    const std::string mac = hmac(EVP_sha1(), token, data);
    std::string out(4 * ((mac.size() + 2) / 3) + 1, '\0');
    out.resize(static_cast<std::size_t>(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                                        reinterpret_cast<const unsigned char*>(mac.data()),
                                                        static_cast<int>(mac.size()))));
    return out;
}

}  // namespace

std::int64_t now_s() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Slack: v0= hex HMAC-SHA256 of "v0:TIMESTAMP:BODY" with the signing secret.
HttpResult slack(std::uint16_t port, const std::string& text, const std::string& trigger,
                 const std::string& user, std::int64_t timestamp, const std::string& secret) {
    const std::string body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        "&channel_name=foobar&user_id=" +
        user + "&user_name=roadrunner&command=%2Fcareer&text=" + form_escape(text) +
        "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fx"
        "&trigger_id=" +
        trigger;
    const std::string ts = std::to_string(timestamp);
    static constexpr char digits[] = "0123456789abcdef";
    std::string signature = "v0=";
    for (char byte : hmac(EVP_sha256(), secret, "v0:" + ts + ":" + body)) {
        const auto c = static_cast<unsigned char>(byte);
        signature += digits[c >> 4];
        signature += digits[c & 15];
    }
    return http_request(port, http::verb::post, "/channels/slack/command", body,
                        {{"Content-Type", "application/x-www-form-urlencoded"},
                         {"X-Slack-Request-Timestamp", ts},
                         {"X-Slack-Signature", signature}});
}

json telegram_update(std::int64_t update_id, std::int64_t chat_id, const std::string& text) {
    return {{"update_id", update_id},
            {"message",
             {{"message_id", update_id + 1000},
              {"date", 1700000000},
              {"text", text},
              {"chat", {{"id", chat_id}, {"type", "private"}}},
              {"from", {{"id", chat_id}, {"is_bot", false}, {"first_name", "Ada"}}}}}};
}

HttpResult telegram(std::uint16_t port, const json& update, const std::string& secret) {
    std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
    if (!secret.empty()) headers["X-Telegram-Bot-Api-Secret-Token"] = secret;
    return http_request(port, http::verb::post, "/channels/telegram/webhook", update.dump(), headers);
}

namespace {

using FormParams = std::vector<std::pair<std::string, std::string>>;

FormParams twilio_params(const std::string& from, const std::string& text, const std::string& sid) {
    return {{"ToCountry", "US"},  {"SmsMessageSid", sid},
            {"NumMedia", "0"},    {"Body", text},
            {"From", from},       {"To", "+18005551212"},
            {"MessageSid", sid},  {"AccountSid", "AC0123456789abcdef0123456789abcdef"},
            {"NumSegments", "1"}, {"ApiVersion", "2010-04-01"}};
}

// Posts `sent` with the signature of `signed_params`.
HttpResult post_twilio(std::uint16_t port, const FormParams& sent, const FormParams& signed_params,
                       const std::string& signed_url, const std::string& token) {
    std::string body;
    for (const auto& [name, value] : sent)
        body += (body.empty() ? "" : "&") + form_escape(name) + "=" + form_escape(value);
    const std::string url =
        signed_url.empty() ? "http://127.0.0.1:" + std::to_string(port) + "/channels/twilio" : signed_url;
    return http_request(port, http::verb::post, "/channels/twilio", body,
                        {{"Content-Type", "application/x-www-form-urlencoded"},
                         {"Host", "127.0.0.1:" + std::to_string(port)},
                         {"X-Twilio-Signature", twilio_signature(url, signed_params, token)}});
}

}  // namespace

HttpResult twilio(std::uint16_t port, const std::string& from, const std::string& text,
                  const std::string& sid, const std::string& signed_url, const std::string& token) {
    const FormParams params = twilio_params(from, text, sid);
    return post_twilio(port, params, params, signed_url, token);
}

HttpResult twilio_resplit(std::uint16_t port, const std::string& from, const std::string& text,
                          const std::string& sid) {
    const FormParams params = twilio_params(from, text, sid);
    FormParams resplit = params;
    for (auto& [name, value] : resplit) {
        if (name == "MessageSid" && !value.empty()) {
            name += value.front();
            value.erase(0, 1);
        }
    }
    return post_twilio(port, resplit, params, "", twilio_token);
}

// The text of a TwiML <Message>, unescaped.
std::string twiml_text(const std::string& body) {
    const std::size_t start = body.find("<Message>");
    const std::size_t end = body.find("</Message>");
    if (start == std::string::npos || end == std::string::npos) return {};
    std::string text = body.substr(start + 9, end - start - 9);
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
        for (std::size_t at = text.find(from); at != std::string::npos;
             at = text.find(from, at + to.size())) {
            text.replace(at, from.size(), to);
        }
    }
    return text;
}

}  // namespace test_support
