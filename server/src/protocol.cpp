#include "server/protocol.hpp"

#include <chrono>
#include <optional>
#include <variant>

#include "intents/answer_json.hpp"
#include "intents/responder.hpp"

namespace server {

using nlohmann::json;

const char* to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::bad_json: return "bad_json";
        case ErrorCode::bad_request: return "bad_request";
        case ErrorCode::unknown_type: return "unknown_type";
        case ErrorCode::too_long: return "too_long";
        case ErrorCode::binary_frame: return "binary_frame";
        case ErrorCode::not_found: return "not_found";
        case ErrorCode::method_not_allowed: return "method_not_allowed";
        case ErrorCode::forbidden: return "forbidden";
        case ErrorCode::reload_failed: return "reload_failed";
        case ErrorCode::rate_limited: return "rate_limited";
        case ErrorCode::unavailable: return "unavailable";
        case ErrorCode::internal: return "internal";
        case ErrorCode::length_required: return "length_required";
        case ErrorCode::headers_too_large: return "headers_too_large";
        case ErrorCode::uri_too_long: return "uri_too_long";
        case ErrorCode::unsupported_media_type: return "unsupported_media_type";
    }
    return "bad_request";
}

json error_object(const json& id, ErrorCode code, const std::string& message) {
    return {{"type", "error"}, {"id", id}, {"code", to_string(code)}, {"message", message}};
}

namespace {

// Counts code points; the caller has valid UTF-8 (the WebSocket layer and the JSON parser check).
std::size_t utf8_length(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

Reply error_reply(const json& id, ErrorCode code, const std::string& message) {
    return {error_object(id, code, message).dump(), {}, to_string(code), {}, 0};
}

// A question as both transports receive it, checked.
struct Ask {
    json id = nullptr;
    std::string text;
    std::optional<intents::Context> context;  // absent: keep the connection's (WebSocket) or start afresh
};

// Reads and checks one request. `framed` is the WebSocket form, which needs "type":"ask" and may carry
// an "id"; `noun` names what was sent, for the messages ("message" or "body").
std::variant<Reply, Ask> parse_ask(std::string_view text, bool framed, const char* noun, const ProtocolLimits& limits) {
    const std::string what = noun;
    const json request = json::parse(text, nullptr, false);
    if (request.is_discarded()) return error_reply(nullptr, ErrorCode::bad_json, "the " + what + " is not valid JSON");
    if (!request.is_object()) {
        return error_reply(nullptr, ErrorCode::bad_request, "the " + what + " must be a JSON object");
    }
    Ask ask;
    if (framed) {
        if (auto it = request.find("id"); it != request.end()) {
            if (!it->is_string() && !it->is_number()) {
                return error_reply(nullptr, ErrorCode::bad_request, "\"id\" must be a string or a number");
            }
            ask.id = *it;
        }
        auto type = request.find("type");
        if (type == request.end() || !type->is_string()) {
            return error_reply(ask.id, ErrorCode::bad_request, "the message needs a \"type\" (\"ask\")");
        }
        if (*type != "ask") {
            return error_reply(ask.id, ErrorCode::unknown_type, "unknown type " + type->dump() + "; known: \"ask\"");
        }
    }
    auto text_field = request.find("text");
    if (text_field == request.end()) return error_reply(ask.id, ErrorCode::bad_request, "the " + what + " needs a \"text\" field");
    if (!text_field->is_string()) return error_reply(ask.id, ErrorCode::bad_request, "\"text\" must be a string");
    ask.text = text_field->get<std::string>();
    if (is_blank(ask.text)) return error_reply(ask.id, ErrorCode::bad_request, "\"text\" is empty: type a question");
    if (utf8_length(ask.text) > limits.max_question_chars) {
        return error_reply(ask.id, ErrorCode::too_long,
                           "the question is longer than " + std::to_string(limits.max_question_chars) + " characters");
    }
    if (auto it = request.find("context"); it != request.end()) {
        std::string message;
        ask.context = intents::context_from_json(*it, message);
        if (!ask.context) return error_reply(ask.id, ErrorCode::bad_request, message);
    }
    return ask;
}

Reply answer(const intents::Advisor& advisor, intents::Context& context, const Ask& ask, std::int64_t now_ms) {
    const auto started = std::chrono::steady_clock::now();
    const intents::Answer answer = intents::respond(advisor, context, ask.text, now_ms);
    context = answer.context;
    // Written as text directly: a nlohmann tree of the answer cost more than finding it (docs/performance.md).
    std::string body;
    body.reserve(answer.text.size() * 2 + 1024);
    intents::JsonWriter out(body);
    out.begin_object();
    out.key("type").string("answer");
    out.key("id").raw(ask.id.dump());
    intents::write_answer_members(out, answer);
    out.end_object();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    return {std::move(body), answer.intent, nullptr, ask.text, took.count()};
}

}  // namespace

Reply reply_to_frame(const intents::Advisor& advisor, intents::Context& context, std::string_view frame,
                     std::int64_t now_ms, const ProtocolLimits& limits) {
    auto parsed = parse_ask(frame, true, "message", limits);
    if (auto* error = std::get_if<Reply>(&parsed)) return std::move(*error);
    Ask& ask = std::get<Ask>(parsed);
    // A client that reconnected sends back the context of its last answer; it replaces the connection's.
    if (ask.context) context = *ask.context;
    return answer(advisor, context, ask, now_ms);
}

HttpReply reply_to_ask(const intents::Advisor& advisor, std::string_view body, std::int64_t now_ms,
                       const ProtocolLimits& limits) {
    auto parsed = parse_ask(body, false, "body", limits);
    if (auto* error = std::get_if<Reply>(&parsed)) return {400, std::move(*error)};
    Ask& ask = std::get<Ask>(parsed);
    intents::Context context = ask.context.value_or(intents::Context{});
    return {200, answer(advisor, context, ask, now_ms)};
}

}  // namespace server
