#include "server/reply_effects.hpp"

#include <spdlog/spdlog.h>

#include "analytics/events.hpp"
#include "server/clock.hpp"

namespace server {

void settle(AppState& state, Reply& reply, std::uint64_t connection, const std::string& asker) {
    if (reply.error_code != nullptr) {
        state.metrics().error(reply.error_code);
        return;
    }
    analytics::Recorder* recorder = state.recorder();
    if (reply.feedback) {
        state.metrics().feedback(reply.feedback->helpful);
        if (recorder != nullptr) recorder->record(std::move(*reply.feedback));
        return;
    }
    state.metrics().answered(reply.intent, reply.answer_seconds);
    if (state.config().log_questions) {
        spdlog::info("conn {}: asked {:?} -> {}", connection, reply.question, reply.intent);
    }
    if (recorder == nullptr || !reply.answer) return;
    analytics::AnswerEvent& event = *reply.answer;
    if (!event.question.empty() && analytics::keeps_question(event, state.config().log_questions) &&
        !state.stored_question_shares().take(asker, steady_seconds())) {
        event.question.clear();
        state.metrics().question_text_dropped();
    }
    recorder->record(std::move(event));
}

}  // namespace server
