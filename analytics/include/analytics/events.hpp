#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace analytics {

// Where a question came from: the chat (WebSocket), POST /api/v1/ask, or a messaging platform's webhook
// (docs/channels.md; SMS and WhatsApp both arrive through Twilio).
enum class Channel { websocket, http, slack, telegram, sms, whatsapp };
const char* to_string(Channel channel);

// One answer the advisor gave, as recorded. Nothing here names the client: no address, no hash of
// one, no cookie (docs/operations.md#privacy).
struct AnswerEvent {
    std::string answer_id;             // as sent with the answer (answer_ids.hpp)
    std::int64_t at_ms = 0;            // wall clock, ms since the Unix epoch
    std::vector<std::string> intents;  // one per part of the answer, in order ("fallback" included)
    bool fallback = false;             // nothing in the domain matched
    bool not_covered = false;          // a part said the guides do not cover the question
    std::uint32_t latency_us = 0;      // time to compose the answer
    Channel channel = Channel::websocket;
    std::string question;  // the question's text; kept only as keeps_question() says
};

// Whether the question's text of `event` may be stored: for fallbacks and "not covered" answers (the
// questions a site owner needs to read to improve the data), and for all with `all_questions`
// (--log-questions). The one place that decides it.
bool keeps_question(const AnswerEvent& event, bool all_questions);

// A visitor's vote on one answer. One per answer: a later vote replaces an earlier one.
struct FeedbackEvent {
    std::string answer_id;
    std::int64_t at_ms = 0;
    bool helpful = false;
    std::string comment;  // may be empty; at most max_comment_chars characters
};

constexpr std::size_t max_comment_chars = 500;

// The text both stores keep of a question or comment: valid UTF-8 without NUL, each other byte and each NUL
// as U+FFFD. PostgreSQL refuses invalid UTF-8 and cuts at a NUL, SQLite keeps both; one rule keeps a
// message the same whichever store holds it (a Slack command's "%FF" once stopped all PostgreSQL recording).
std::string storable_text(std::string_view text);

}  // namespace analytics
