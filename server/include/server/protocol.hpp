#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "intents/advisor.hpp"
#include "intents/answer.hpp"

namespace server {

// Error codes of the protocol (docs/protocol.md).
enum class ErrorCode { bad_json, bad_request, unknown_type, too_long, binary_frame, not_found, method_not_allowed,
                       forbidden, reload_failed, rate_limited, unavailable, internal, length_required,
                       headers_too_large, uri_too_long, unsupported_media_type };

const char* to_string(ErrorCode code);

// {"type":"error","id":ID,"code":"...","message":"..."}; id is null when the client sent none.
nlohmann::json error_object(const nlohmann::json& id, ErrorCode code, const std::string& message);

// Limits that protect the answer path; the transports set the byte limits themselves.
struct ProtocolLimits {
    std::size_t max_question_chars = 1000;
};

// What one request produced: the JSON text to send, and for the logs and metrics what it was.
struct Reply {
    std::string body;
    std::string intent;                 // the answer's intent ("fallback" included); empty for an error
    const char* error_code = nullptr;   // set when the reply is an error
    std::string question;               // the question answered, for --log-questions
    double answer_seconds = 0;          // time spent composing the answer
};

// One WebSocket text frame in, one frame out. `context` is the connection's conversation
// context, updated by a successful answer. Pure apart from that in/out parameter and the clock
// read for answer_seconds.
Reply reply_to_frame(const intents::Advisor& advisor, intents::Context& context, std::string_view frame,
                     std::int64_t now_ms, const ProtocolLimits& limits);

// POST /api/v1/ask: body {"text": "...", "context": {...}?} -> status and JSON body. Stateless:
// the context comes from the body (what the previous answer returned).
struct HttpReply {
    unsigned status = 200;
    Reply reply;
};
HttpReply reply_to_ask(const intents::Advisor& advisor, std::string_view body, std::int64_t now_ms,
                       const ProtocolLimits& limits);

}  // namespace server
