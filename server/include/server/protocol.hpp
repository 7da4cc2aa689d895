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
                       forbidden, reload_failed };

const char* to_string(ErrorCode code);

// {"type":"error","id":ID,"code":"...","message":"..."}; id is null when the client sent none.
nlohmann::json error_object(const nlohmann::json& id, ErrorCode code, const std::string& message);

// Limits that protect the answer path; the transports set the byte limits themselves.
struct ProtocolLimits {
    std::size_t max_question_chars = 1000;
};

// One WebSocket text frame in, one frame out. `context` is the connection's conversation
// context, updated by a successful answer. Pure apart from that in/out parameter.
std::string reply_to_frame(const intents::Advisor& advisor, intents::Context& context, std::string_view frame,
                           std::int64_t now_ms, const ProtocolLimits& limits);

// POST /api/v1/ask: body {"text": "...", "context": {...}?} -> status and JSON body. Stateless:
// the context comes from the body (what the previous answer returned).
struct HttpReply {
    unsigned status = 200;
    std::string body;
};
HttpReply reply_to_ask(const intents::Advisor& advisor, std::string_view body, std::int64_t now_ms,
                       const ProtocolLimits& limits);

}  // namespace server
