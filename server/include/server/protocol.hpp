#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "analytics/answer_ids.hpp"
#include "analytics/events.hpp"
#include "intents/advisor.hpp"
#include "intents/answer.hpp"

namespace server {

// Error codes of the protocol (docs/protocol.md).
enum class ErrorCode {
    bad_json,
    bad_request,
    unknown_type,
    too_long,
    binary_frame,
    not_found,
    method_not_allowed,
    forbidden,
    reload_failed,
    rate_limited,
    unavailable,
    internal,
    length_required,
    headers_too_large,
    uri_too_long,
    unknown_answer,
    unauthorized
};

const char* to_string(ErrorCode code);

// {"type":"error","id":ID,"code":"...","message":"..."}; id is null when the client sent none.
nlohmann::json error_object(const nlohmann::json& id, ErrorCode code, const std::string& message);

// The "id" a WebSocket message names, for replies that refuse it unread (over the rate): null when the
// message is not a JSON object or its id is not a string or a number.
nlohmann::json id_of_frame(std::string_view frame);

// Limits that protect the answer path; the transports set the byte limits themselves.
struct ProtocolLimits {
    std::size_t max_question_chars = 1000;
};

// How answers are told apart for feedback. Without `ids` (tools, fuzzers) answers carry no
// `answer_id` and every feedback's id is unknown.
struct Recording {
    const analytics::AnswerIds* ids = nullptr;
    std::int64_t id_max_age_ms = 0;  // the retention: older answers are gone, feedback on them is refused
};

// What one request produced: the JSON text to send, and for the logs, metrics and store what it was.
struct Reply {
    std::string body;
    std::string intent;                // the answer's intent ("fallback" included); empty for an error
    const char* error_code = nullptr;  // set when the reply is an error
    std::string question;              // the question answered, for --log-questions
    double answer_seconds = 0;         // time spent composing the answer
    std::optional<analytics::AnswerEvent> answer;      // an answer with an answer_id: what to record
    std::optional<analytics::FeedbackEvent> feedback;  // feedback accepted: what to record
};

// One WebSocket text frame in, one frame out: an `ask` gets an answer, a `feedback` its receipt.
// `context` is the connection's conversation context, updated by a successful answer. Pure apart from
// that in/out parameter, the clock read for answer_seconds and the random part of answer ids.
Reply reply_to_frame(const intents::Advisor& advisor, intents::Context& context, std::string_view frame,
                     std::int64_t now_ms, const ProtocolLimits& limits, const Recording& recording = {});

// POST /api/v1/ask: body {"text": "...", "context": {...}?} -> status and JSON body. Stateless:
// the context comes from the body (what the previous answer returned).
struct HttpReply {
    unsigned status = 200;
    Reply reply;
};
HttpReply reply_to_ask(const intents::Advisor& advisor, std::string_view body, std::int64_t now_ms,
                       const ProtocolLimits& limits, const Recording& recording = {});

// POST /api/v1/feedback: body {"answer_id": "...", "helpful": true, "comment": "..."?} -> 200 and
// {"type":"feedback_received",...}, 400 for bad input, 404 `unknown_answer` for an id this deployment
// did not issue or whose answer has expired.
HttpReply reply_to_feedback(std::string_view body, std::int64_t now_ms, const Recording& recording);

// A question from a messaging platform (docs/channels.md): the answer itself, for the platform's rendering,
// and the Reply to settle (its `body` empty; its event labelled `channel`). `context` is the sender's, from
// the channel context store; the caller checks the text's length.
struct ChannelAnswer {
    intents::Answer answer;
    Reply reply;
};
ChannelAnswer answer_from_channel(const intents::Advisor& advisor, const intents::Context& context,
                                  std::string_view text, std::int64_t now_ms, const Recording& recording,
                                  analytics::Channel channel);

// Code points in valid UTF-8 text.
std::size_t utf8_length(std::string_view text);

}  // namespace server
