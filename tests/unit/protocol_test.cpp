#include "server/protocol.hpp"

#include <gtest/gtest.h>

#include "intents/answer_json.hpp"
#include "support/project_advisor.hpp"

using nlohmann::json;
using namespace server;

namespace {

const intents::Advisor& advisor() { return test_support::project_advisor(); }

json frame(const std::string& text, intents::Context& context) {
    return json::parse(reply_to_frame(advisor(), context, text, 1'000'000, ProtocolLimits{}).body);
}

json frame(const std::string& text) {
    intents::Context context;
    return frame(text, context);
}

}  // namespace

TEST(Protocol, AskGetsAnAnswerEchoingTheId) {
    const json reply = frame(R"({"type":"ask","id":"c1","text":"What does a back-end developer do?"})");
    EXPECT_EQ(reply["type"], "answer");
    EXPECT_EQ(reply["id"], "c1");
    EXPECT_EQ(reply["intent"], "role.overview");
    EXPECT_FALSE(reply["text"].get<std::string>().empty());
    EXPECT_FALSE(reply["sources"].empty());
    EXPECT_TRUE(reply["suggestions"].is_array());
}

TEST(Protocol, IdIsOptionalAndNullWhenAbsent) {
    const json reply = frame(R"({"type":"ask","text":"hello"})");
    EXPECT_EQ(reply["type"], "answer");
    EXPECT_TRUE(reply["id"].is_null());
}

TEST(Protocol, NotJsonIsBadJson) {
    const json reply = frame("this is not json");
    EXPECT_EQ(reply["type"], "error");
    EXPECT_EQ(reply["code"], "bad_json");
}

TEST(Protocol, NonObjectIsBadRequest) { EXPECT_EQ(frame("[1,2]")["code"], "bad_request"); }

TEST(Protocol, MissingTextIsBadRequestWithId) {
    const json reply = frame(R"({"type":"ask","id":"q9"})");
    EXPECT_EQ(reply["code"], "bad_request");
    EXPECT_EQ(reply["id"], "q9");
}

TEST(Protocol, EmptyTextIsBadRequest) {
    EXPECT_EQ(frame(R"({"type":"ask","text":"   "})")["code"], "bad_request");
}

TEST(Protocol, NonStringTextIsBadRequest) {
    EXPECT_EQ(frame(R"({"type":"ask","text":5})")["code"], "bad_request");
}

TEST(Protocol, UnknownTypeIsReported) {
    const json reply = frame(R"({"type":"subscribe","id":1})");
    EXPECT_EQ(reply["code"], "unknown_type");
    EXPECT_EQ(reply["id"], 1);
}

TEST(Protocol, OverlongQuestionIsTooLong) {
    const json request = {{"type", "ask"}, {"text", std::string(1001, 'a')}};
    EXPECT_EQ(frame(request.dump())["code"], "too_long");
}

TEST(Protocol, FrameUpdatesTheConnectionContext) {
    intents::Context context;
    frame(R"({"type":"ask","text":"how much do developers earn in seattle"})", context);
    EXPECT_EQ(context.last_intent, "salary");
}

TEST(Protocol, FrameMayCarryTheContextOfAnEarlierConnection) {
    intents::Context first;
    frame(R"({"type":"ask","text":"how much do developers earn in seattle"})", first);
    intents::Context fresh;  // a new connection
    const json request = {
        {"type", "ask"}, {"text", "what about austin?"}, {"context", intents::context_to_json(first)}};
    const json reply = frame(request.dump(), fresh);
    EXPECT_EQ(reply["intent"], "salary");
    EXPECT_EQ(fresh.last_intent, "salary");
    EXPECT_EQ(frame(R"({"type":"ask","text":"hi","context":5})")["code"], "bad_request");
}

TEST(Protocol, HttpAskAnswersWithStatus200) {
    const HttpReply reply =
        reply_to_ask(advisor(), R"({"text":"What does a back-end developer do?"})", 0, {});
    EXPECT_EQ(reply.status, 200u);
    EXPECT_EQ(json::parse(reply.reply.body)["intent"], "role.overview");
}

TEST(Protocol, HttpAskRejectsBadInputWith400) {
    EXPECT_EQ(reply_to_ask(advisor(), "{", 0, {}).status, 400u);
    EXPECT_EQ(reply_to_ask(advisor(), R"({"text":""})", 0, {}).status, 400u);
    EXPECT_EQ(reply_to_ask(advisor(), R"({"text":"hi","context":"x"})", 0, {}).status, 400u);
    EXPECT_EQ(json::parse(reply_to_ask(advisor(), "{", 0, {}).reply.body)["code"], "bad_json");
}

TEST(Protocol, HttpAskRejectsInvalidUtf8) {
    const HttpReply reply = reply_to_ask(advisor(), "{\"text\":\"caf\xC3\x28\"}", 0, {});
    EXPECT_EQ(reply.status, 400u);
}

TEST(Protocol, HttpAskUsesTheContextSentBack) {
    const HttpReply first =
        reply_to_ask(advisor(), R"({"text":"what do developers earn in seattle"})", 1000, {});
    json second_request = {{"text", "what about austin?"},
                           {"context", json::parse(first.reply.body)["context"]}};
    const json second = json::parse(reply_to_ask(advisor(), second_request.dump(), 2000, {}).reply.body);
    EXPECT_EQ(second["intent"], "salary");
    EXPECT_EQ(second["entities"]["location"], json::array({"austin"}));
}

TEST(Protocol, TheIdOfAFrameIsReadWithoutCheckingTheRest) {
    EXPECT_EQ(server::id_of_frame(R"({"id":"q1","type":"nonsense"})"), "q1");
    EXPECT_EQ(server::id_of_frame(R"({"id":7})"), 7);
    EXPECT_TRUE(server::id_of_frame(R"({"id":{"a":1},"type":"ask"})").is_null());
    EXPECT_TRUE(server::id_of_frame(R"(["id","q1"])").is_null());
    EXPECT_TRUE(server::id_of_frame("{\"id\":\"q1\"").is_null());
}
