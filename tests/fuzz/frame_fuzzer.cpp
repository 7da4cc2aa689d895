// The WebSocket chat path: every line of the input is one text frame of a conversation on a new
// connection, answered by server::reply_to_frame as the session does, the context carried from
// frame to frame. Besides the sanitizers' findings it checks that every reply is one JSON object
// of type "answer" or "error" that agrees with what the Reply says it is.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "fuzz_support.hpp"
#include "server/protocol.hpp"

namespace {

// A conversation long enough to expire a context (4 turns), short enough to stay fast.
constexpr int max_frames = 8;

void check(const server::Reply& reply) {
    const auto body = nlohmann::json::parse(reply.body, nullptr, false);
    fuzz::require(body.is_object(), "a reply is a JSON object");
    const auto type = body.find("type");
    fuzz::require(type != body.end() && type->is_string(), "a reply has a string \"type\"");
    if (reply.error_code != nullptr) {
        fuzz::require(*type == "error" && body.at("code") == reply.error_code && reply.intent.empty(),
                      "an error reply says type error and its code, and has no intent");
    } else {
        fuzz::require(*type == "answer" && body.at("intent") == reply.intent && !reply.intent.empty(),
                      "an answer says type answer and its intent");
        fuzz::require(body.at("context").is_object(), "an answer carries its context");
    }
}

}  // namespace

// Loads the data before the first input, so its time does not count against -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)fuzz::project_advisor();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const intents::Advisor& advisor = *fuzz::project_advisor();
    const server::ProtocolLimits limits;  // the server's defaults
    intents::Context context;             // a new connection's
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    for (int i = 0; i < max_frames && !rest.empty(); ++i) {
        const std::size_t end = rest.find('\n');
        const std::string_view frame = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        check(server::reply_to_frame(advisor, context, frame, fuzz::now_ms + i * 1000, limits));
    }
    return 0;
}
