// The answer path as a client can drive it: the input's first line is a JSON context (what a client
// sends back; an empty line for none), the rest the question's text (any bytes: `career-advisor ask` takes
// them from argv). Besides the sanitizers' findings it checks what context_policy.hpp and answer_json.hpp
// promise: the answer's context survives the JSON round trip and sanitize() unchanged (it is what the advisor
// itself wrote), and sanitize() keeps nothing it would drop on a second pass; and the answer cache gives
// what respond() gives, for the same words and context a moment later.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "intents/answer_cache.hpp"
#include "intents/answer_json.hpp"
#include "intents/context_policy.hpp"
#include "intents/responder.hpp"

namespace {

using nlohmann::json;

std::string text_of(const intents::Context& context) { return intents::context_to_json(context).dump(); }

}  // namespace

// Loads the data before the first input, so its time does not count against -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)fuzz::project_advisor();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const intents::Advisor& advisor = *fuzz::project_advisor();
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t newline = input.find('\n');
    if (newline == std::string_view::npos) return 0;
    const std::string_view first_line = input.substr(0, newline);  // empty: no context
    const json sent = first_line.empty() ? json() : json::parse(first_line, nullptr, false);
    if (sent.is_discarded()) return 0;
    std::string error;
    const auto context = intents::context_from_json(sent, error);
    if (!context) return 0;
    const std::string_view text = input.substr(newline + 1);

    const intents::Context kept = intents::sanitize(*context, advisor, fuzz::now_ms);
    fuzz::require(text_of(intents::sanitize(kept, advisor, fuzz::now_ms)) == text_of(kept),
                  "sanitize() is idempotent");

    const intents::Answer answer = intents::respond(advisor, *context, text, fuzz::now_ms);
    fuzz::require(!answer.intent.empty() && !answer.text.empty(), "every answer has an intent and a text");
    // As the router sends it: bytes that are not UTF-8 (from argv) are replaced, not thrown on.
    (void)intents::to_json(answer).dump(-1, ' ', false, json::error_handler_t::replace);

    const json written = intents::context_to_json(answer.context);
    const auto read_back = intents::context_from_json(json::parse(written.dump()), error);
    fuzz::require(read_back && text_of(*read_back) == written.dump(), "the answer's context survives JSON");
    fuzz::require(text_of(intents::sanitize(answer.context, advisor, fuzz::now_ms)) == written.dump(),
                  "sanitize() keeps the context the advisor wrote");

    (void)advisor.answers->answer(advisor, *context, text, fuzz::now_ms);  // found, and kept if it may be
    const std::int64_t later = fuzz::now_ms + 1000;
    const auto kept_answer = advisor.answers->answer(advisor, *context, text, later);
    const intents::Answer fresh = intents::respond(advisor, *context, text, later);
    fuzz::require(kept_answer->object_text(later) == intents::answer_object_text(fresh),
                  "the answer cache answers as respond()");
    fuzz::require(text_of(kept_answer->context_at(later)) == text_of(fresh.context),
                  "the answer cache's context is respond()'s");
    return 0;
}
