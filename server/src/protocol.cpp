#include "server/protocol.hpp"

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

// The checks both transports share: a JSON object with a non-empty, not too long `text`.
// Returns the error object, or null when the request is good.
json check_question(const json& request, const json& id, const ProtocolLimits& limits) {
    auto text = request.find("text");
    if (text == request.end()) return error_object(id, ErrorCode::bad_request, "the message needs a \"text\" field");
    if (!text->is_string()) return error_object(id, ErrorCode::bad_request, "\"text\" must be a string");
    const auto& s = text->get_ref<const std::string&>();
    if (is_blank(s)) return error_object(id, ErrorCode::bad_request, "\"text\" is empty: type a question");
    if (utf8_length(s) > limits.max_question_chars) {
        return error_object(id, ErrorCode::too_long,
                            "the question is longer than " + std::to_string(limits.max_question_chars) + " characters");
    }
    return nullptr;
}

}  // namespace

std::string reply_to_frame(const intents::Advisor& advisor, intents::Context& context, std::string_view frame,
                           std::int64_t now_ms, const ProtocolLimits& limits) {
    const json request = json::parse(frame, nullptr, false);
    if (request.is_discarded()) {
        return error_object(nullptr, ErrorCode::bad_json, "the message is not valid JSON").dump();
    }
    if (!request.is_object()) {
        return error_object(nullptr, ErrorCode::bad_request, "the message must be a JSON object").dump();
    }
    json id = nullptr;
    if (auto it = request.find("id"); it != request.end()) {
        if (!it->is_string() && !it->is_number()) {
            return error_object(nullptr, ErrorCode::bad_request, "\"id\" must be a string or a number").dump();
        }
        id = *it;
    }
    auto type = request.find("type");
    if (type == request.end() || !type->is_string()) {
        return error_object(id, ErrorCode::bad_request, "the message needs a \"type\" (\"ask\")").dump();
    }
    if (*type != "ask") {
        return error_object(id, ErrorCode::unknown_type, "unknown type " + type->dump() + "; known: \"ask\"").dump();
    }
    if (json error = check_question(request, id, limits); !error.is_null()) return error.dump();
    // A client that reconnected sends back the context of its last answer; it replaces the connection's.
    if (auto it = request.find("context"); it != request.end()) {
        std::string message;
        auto sent = intents::context_from_json(*it, message);
        if (!sent) return error_object(id, ErrorCode::bad_request, message).dump();
        context = *sent;
    }

    const intents::Answer answer = intents::respond(advisor, context, request["text"].get<std::string>(), now_ms);
    context = answer.context;
    json out = {{"type", "answer"}, {"id", id}};
    out.update(intents::to_json(answer));
    return out.dump();
}

HttpReply reply_to_ask(const intents::Advisor& advisor, std::string_view body, std::int64_t now_ms,
                       const ProtocolLimits& limits) {
    const json request = json::parse(body, nullptr, false);
    if (request.is_discarded()) {
        return {400, error_object(nullptr, ErrorCode::bad_json, "the body is not valid JSON").dump()};
    }
    if (!request.is_object()) {
        return {400, error_object(nullptr, ErrorCode::bad_request, "the body must be a JSON object").dump()};
    }
    if (json error = check_question(request, nullptr, limits); !error.is_null()) return {400, error.dump()};
    intents::Context context;
    if (auto it = request.find("context"); it != request.end()) {
        std::string message;
        auto parsed = intents::context_from_json(*it, message);
        if (!parsed) return {400, error_object(nullptr, ErrorCode::bad_request, message).dump()};
        context = *parsed;
    }
    const intents::Answer answer = intents::respond(advisor, context, request["text"].get<std::string>(), now_ms);
    json out = {{"type", "answer"}, {"id", nullptr}};
    out.update(intents::to_json(answer));
    return {200, out.dump()};
}

}  // namespace server
