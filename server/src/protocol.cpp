#include "server/protocol.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <variant>

#include "intents/answer_cache.hpp"
#include "intents/answer_json.hpp"
#include "intents/responder.hpp"
#include "knowledge/json_text.hpp"

namespace server {

using nlohmann::json;

const char* to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::bad_json:
            return "bad_json";
        case ErrorCode::bad_request:
            return "bad_request";
        case ErrorCode::unknown_type:
            return "unknown_type";
        case ErrorCode::too_long:
            return "too_long";
        case ErrorCode::binary_frame:
            return "binary_frame";
        case ErrorCode::not_found:
            return "not_found";
        case ErrorCode::method_not_allowed:
            return "method_not_allowed";
        case ErrorCode::forbidden:
            return "forbidden";
        case ErrorCode::reload_failed:
            return "reload_failed";
        case ErrorCode::rate_limited:
            return "rate_limited";
        case ErrorCode::unavailable:
            return "unavailable";
        case ErrorCode::internal:
            return "internal";
        case ErrorCode::length_required:
            return "length_required";
        case ErrorCode::headers_too_large:
            return "headers_too_large";
        case ErrorCode::uri_too_long:
            return "uri_too_long";
        case ErrorCode::unknown_answer:
            return "unknown_answer";
        case ErrorCode::unauthorized:
            return "unauthorized";
    }
    return "bad_request";
}

// Counts code points; the caller has valid UTF-8 (the WebSocket layer and the JSON parser check).
std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

json error_object(const json& id, ErrorCode code, const std::string& message) {
    return {{"type", "error"}, {"id", id}, {"code", to_string(code)}, {"message", message}};
}

namespace {

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

Reply error_reply(const json& id, ErrorCode code, const std::string& message) {
    Reply reply;
    reply.body = knowledge::json_text(error_object(id, code, message));
    reply.error_code = to_string(code);
    return reply;
}

// A question as both transports receive it, checked.
struct Ask {
    json id = nullptr;
    std::string text;
    std::optional<intents::Context> context;  // absent: keep the connection's (WebSocket) or start afresh
};

// The request as a JSON object, or the error reply; `noun` names what was sent ("message" or "body").
std::variant<Reply, json> parse_object(std::string_view text, const std::string& noun) {
    json request = json::parse(text, nullptr, false);
    if (request.is_discarded())
        return error_reply(nullptr, ErrorCode::bad_json, "the " + noun + " is not valid JSON");
    if (!request.is_object())
        return error_reply(nullptr, ErrorCode::bad_request, "the " + noun + " must be a JSON object");
    return request;
}

// A WebSocket message's "id" (echoed back) and "type".
struct Envelope {
    json id = nullptr;
    std::string type;
};

std::variant<Reply, Envelope> read_envelope(const json& request) {
    Envelope envelope;
    if (auto it = request.find("id"); it != request.end()) {
        if (!it->is_string() && !it->is_number()) {
            return error_reply(nullptr, ErrorCode::bad_request, "\"id\" must be a string or a number");
        }
        envelope.id = *it;
    }
    auto type = request.find("type");
    if (type == request.end() || !type->is_string()) {
        return error_reply(envelope.id, ErrorCode::bad_request,
                           "the message needs a \"type\" (\"ask\" or \"feedback\")");
    }
    envelope.type = type->get<std::string>();
    return envelope;
}

}  // namespace

nlohmann::json id_of_frame(std::string_view frame) {
    const json request = json::parse(frame, nullptr, false);
    if (!request.is_object()) return nullptr;
    const auto it = request.find("id");
    return it != request.end() && (it->is_string() || it->is_number()) ? *it : json(nullptr);
}

namespace {

// Reads and checks a question's fields.
// A context without `updated_at_ms` was written by hand (docs/api.md): it counts as written now.
std::variant<Reply, Ask> read_ask(const json& request, json id, const std::string& what,
                                  const ProtocolLimits& limits, std::int64_t now_ms) {
    Ask ask;
    ask.id = std::move(id);
    auto text_field = request.find("text");
    if (text_field == request.end())
        return error_reply(ask.id, ErrorCode::bad_request, "the " + what + " needs a \"text\" field");
    if (!text_field->is_string())
        return error_reply(ask.id, ErrorCode::bad_request, "\"text\" must be a string");
    ask.text = text_field->get<std::string>();
    if (is_blank(ask.text))
        return error_reply(ask.id, ErrorCode::bad_request, "\"text\" is empty: type a question");
    if (utf8_length(ask.text) > limits.max_question_chars) {
        return error_reply(
            ask.id, ErrorCode::too_long,
            "the question is longer than " + std::to_string(limits.max_question_chars) + " characters");
    }
    if (auto it = request.find("context"); it != request.end()) {
        std::string message;
        ask.context = intents::context_from_json(*it, message);
        if (!ask.context) return error_reply(ask.id, ErrorCode::bad_request, message);
        if (it->is_object() && !it->contains("updated_at_ms")) ask.context->updated_at_ms = now_ms;
    }
    return ask;
}

// What the store keeps of an answer (the recorder drops the question's text unless keeps_question()).
analytics::AnswerEvent answer_event(const intents::Answer& answer, std::string answer_id,
                                    const std::string& question, std::int64_t now_ms, double seconds) {
    analytics::AnswerEvent event;
    event.answer_id = std::move(answer_id);
    event.at_ms = now_ms;
    for (const intents::AnswerPart& part : answer.parts) {
        event.intents.push_back(part.intent);
        event.not_covered = event.not_covered || part.not_covered;
    }
    if (event.intents.empty()) event.intents.push_back(answer.intent);
    event.fallback = answer.intent == "fallback";
    event.not_covered = event.not_covered && !event.fallback;  // out of the domain is not a gap in the guides
    event.latency_us = static_cast<std::uint32_t>(std::min(seconds * 1e6, 4e9));
    event.question = question;
    return event;
}

Reply answer(const intents::Advisor& advisor, intents::Context& context, const Ask& ask, std::int64_t now_ms,
             const Recording& recording) {
    const auto started = std::chrono::steady_clock::now();
    // The answer may be one given before to the same words in the same context (answer_cache.hpp).
    std::shared_ptr<const intents::CachedAnswer> cached;
    intents::Answer fresh;
    if (advisor.answers) {
        cached = advisor.answers->answer(advisor, context, ask.text, now_ms);
    } else {
        fresh = intents::respond(advisor, context, ask.text, now_ms);
    }
    const intents::Answer& answer = cached ? cached->answer : fresh;
    context = cached ? cached->context_at(now_ms) : answer.context;
    std::string answer_id = recording.ids != nullptr ? recording.ids->issue(now_ms) : std::string();
    // Written as text directly: a nlohmann tree of the answer cost more than finding it
    // (docs/performance.md).
    std::string body;
    body.reserve(answer.text.size() * 2 + 1024);
    intents::JsonWriter out(body);
    out.begin_object();
    out.key("type").string("answer");
    out.key("id").raw(knowledge::json_text(ask.id));
    if (!answer_id.empty()) out.key("answer_id").string(answer_id);
    if (cached) {
        cached->write_members(out, now_ms);
    } else {
        intents::write_answer_members(out, answer);
    }
    out.end_object();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    Reply reply{std::move(body), answer.intent, nullptr, ask.text, took.count(), std::nullopt, std::nullopt};
    if (!answer_id.empty())
        reply.answer = answer_event(answer, std::move(answer_id), ask.text, now_ms, took.count());
    return reply;
}

// A vote on an answer, as both transports receive it: checked, then its receipt and the event to record.
Reply feedback(const json& request, const json& id, std::int64_t now_ms, const Recording& recording) {
    auto answer_id = request.find("answer_id");
    if (answer_id == request.end() || !answer_id->is_string()) {
        return error_reply(id, ErrorCode::bad_request,
                           "feedback needs the \"answer_id\" of the answer it is about");
    }
    auto helpful = request.find("helpful");
    if (helpful == request.end() || !helpful->is_boolean()) {
        return error_reply(id, ErrorCode::bad_request, "feedback needs \"helpful\": true or false");
    }
    std::string comment;
    if (auto it = request.find("comment"); it != request.end() && !it->is_null()) {
        if (!it->is_string()) return error_reply(id, ErrorCode::bad_request, "\"comment\" must be a string");
        comment = it->get<std::string>();
        if (utf8_length(comment) > analytics::max_comment_chars) {
            return error_reply(
                id, ErrorCode::too_long,
                "the comment is longer than " + std::to_string(analytics::max_comment_chars) + " characters");
        }
        if (is_blank(comment)) comment.clear();
    }
    const std::string& answer = answer_id->get_ref<const std::string&>();
    using Verdict = analytics::AnswerIds::Verdict;
    const Verdict verdict = recording.ids == nullptr
                                ? Verdict::foreign
                                : recording.ids->check(answer, now_ms, recording.id_max_age_ms);
    if (verdict == Verdict::malformed) {
        return error_reply(id, ErrorCode::bad_request, "\"answer_id\" is not an answer id (48 hex digits)");
    }
    if (verdict == Verdict::foreign) {
        return error_reply(id, ErrorCode::unknown_answer, "no answer of this service has that answer_id");
    }
    if (verdict == Verdict::expired) {
        return error_reply(id, ErrorCode::unknown_answer,
                           "that answer is older than the service keeps answers");
    }
    const json receipt = {
        {"type", "feedback_received"}, {"id", id}, {"answer_id", answer}, {"helpful", helpful->get<bool>()}};
    Reply reply{knowledge::json_text(receipt), {}, nullptr, {}, 0, std::nullopt, std::nullopt};
    reply.feedback = analytics::FeedbackEvent{answer, now_ms, helpful->get<bool>(), std::move(comment)};
    return reply;
}

}  // namespace

Reply reply_to_frame(const intents::Advisor& advisor, intents::Context& context, std::string_view frame,
                     std::int64_t now_ms, const ProtocolLimits& limits, const Recording& recording) {
    auto parsed = parse_object(frame, "message");
    if (auto* error = std::get_if<Reply>(&parsed)) return std::move(*error);
    const json& request = std::get<json>(parsed);
    auto envelope = read_envelope(request);
    if (auto* error = std::get_if<Reply>(&envelope)) return std::move(*error);
    Envelope& e = std::get<Envelope>(envelope);
    if (e.type == "feedback") return feedback(request, e.id, now_ms, recording);
    if (e.type != "ask") {
        return error_reply(
            e.id, ErrorCode::unknown_type,
            "unknown type " + knowledge::json_text(json(e.type)) + "; known: \"ask\", \"feedback\"");
    }
    auto asked = read_ask(request, e.id, "message", limits, now_ms);
    if (auto* error = std::get_if<Reply>(&asked)) return std::move(*error);
    Ask& ask = std::get<Ask>(asked);
    // A client that reconnected sends back the context of its last answer; it replaces the connection's.
    if (ask.context) context = *ask.context;
    return answer(advisor, context, ask, now_ms, recording);
}

HttpReply reply_to_ask(const intents::Advisor& advisor, std::string_view body, std::int64_t now_ms,
                       const ProtocolLimits& limits, const Recording& recording) {
    auto parsed = parse_object(body, "body");
    if (auto* error = std::get_if<Reply>(&parsed)) return {400, std::move(*error)};
    auto asked = read_ask(std::get<json>(parsed), nullptr, "body", limits, now_ms);
    if (auto* error = std::get_if<Reply>(&asked)) return {400, std::move(*error)};
    Ask& ask = std::get<Ask>(asked);
    intents::Context context = ask.context.value_or(intents::Context{});
    HttpReply out{200, answer(advisor, context, ask, now_ms, recording)};
    if (out.reply.answer) out.reply.answer->channel = analytics::Channel::http;
    return out;
}

HttpReply reply_to_feedback(std::string_view body, std::int64_t now_ms, const Recording& recording) {
    auto parsed = parse_object(body, "body");
    if (auto* error = std::get_if<Reply>(&parsed)) return {400, std::move(*error)};
    Reply reply = feedback(std::get<json>(parsed), nullptr, now_ms, recording);
    const bool unknown =
        reply.error_code != nullptr && std::string_view(reply.error_code) == "unknown_answer";
    return {reply.error_code == nullptr ? 200u : unknown ? 404u : 400u, std::move(reply)};
}

ChannelAnswer answer_from_channel(const intents::Advisor& advisor, const intents::Context& context,
                                  std::string_view text, std::int64_t now_ms, const Recording& recording,
                                  analytics::Channel channel) {
    const auto started = std::chrono::steady_clock::now();
    ChannelAnswer out{intents::respond(advisor, context, text, now_ms), {}};
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    out.reply.intent = out.answer.intent;
    out.reply.question = std::string(text);
    out.reply.answer_seconds = took.count();
    if (recording.ids != nullptr) {
        out.reply.answer =
            answer_event(out.answer, recording.ids->issue(now_ms), out.reply.question, now_ms, took.count());
        out.reply.answer->channel = channel;
    }
    return out;
}

}  // namespace server
