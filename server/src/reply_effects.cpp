#include "server/reply_effects.hpp"

#include <spdlog/spdlog.h>

namespace server {

void settle(AppState& state, Reply& reply, std::uint64_t connection) {
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
    if (recorder != nullptr && reply.answer) recorder->record(std::move(*reply.answer));
}

}  // namespace server
