// Answer ids and feedback in the protocol (docs/protocol.md): what a client sends and gets, and the
// events handed to the recorder.
#include <gtest/gtest.h>

#include "server/protocol.hpp"
#include "support/project_advisor.hpp"

using nlohmann::json;
using namespace server;

namespace {

constexpr std::int64_t now = 1'790'000'000'000;

struct Fixture {
    analytics::AnswerIds ids;
    Recording recording{&ids, 90LL * 86'400'000};
    intents::Context context;

    Reply frame(const json& message) {
        return reply_to_frame(test_support::project_advisor(), context, message.dump(), now, ProtocolLimits{},
                              recording);
    }
    std::string answer_id(const std::string& question) {
        return json::parse(frame({{"type", "ask"}, {"text", question}}).body).at("answer_id");
    }
};

}  // namespace

TEST(AnswerId, EveryAnswerCarriesOneAndItsEventToRecord) {
    Fixture f;
    const Reply reply =
        f.frame({{"type", "ask"}, {"id", 7}, {"text", "what skills do I need and what does it pay?"}});
    const json body = json::parse(reply.body);
    ASSERT_TRUE(reply.answer);
    EXPECT_EQ(body["answer_id"], reply.answer->answer_id);
    EXPECT_EQ(f.ids.check(reply.answer->answer_id, now, 0), analytics::AnswerIds::Verdict::ok);
    EXPECT_EQ(reply.answer->intents, (std::vector<std::string>{"skills.overview", "salary"}));
    EXPECT_EQ(reply.answer->at_ms, now);
    EXPECT_EQ(reply.answer->channel, analytics::Channel::websocket);
    EXPECT_FALSE(reply.answer->fallback);
}

TEST(AnswerId, AFallbackIsMarkedAsSuchAndNotAsNotCovered) {
    Fixture f;
    const Reply reply = f.frame({{"type", "ask"}, {"text", "what is the weather on mars"}});
    ASSERT_TRUE(reply.answer);
    EXPECT_TRUE(reply.answer->fallback);
    EXPECT_FALSE(reply.answer->not_covered);
    EXPECT_EQ(reply.answer->question, "what is the weather on mars");
}

TEST(AnswerId, AGapIsNotCovered) {
    Fixture f;
    const Reply reply = f.frame({{"type", "ask"}, {"text", "how much does a bootcamp cost?"}});
    ASSERT_TRUE(reply.answer);
    EXPECT_FALSE(reply.answer->fallback);
    EXPECT_TRUE(reply.answer->not_covered);
}

TEST(AnswerId, HttpAnswersAreRecordedAsHttp) {
    Fixture f;
    const HttpReply out =
        reply_to_ask(test_support::project_advisor(), R"({"text":"hello"})", now, {}, f.recording);
    ASSERT_TRUE(out.reply.answer);
    EXPECT_EQ(out.reply.answer->channel, analytics::Channel::http);
    EXPECT_EQ(json::parse(out.reply.body)["answer_id"], out.reply.answer->answer_id);
}

TEST(AnswerId, WithoutIdsAnswersHaveNone) {
    intents::Context context;
    const Reply reply =
        reply_to_frame(test_support::project_advisor(), context, R"({"type":"ask","text":"hi"})", now, {});
    EXPECT_FALSE(json::parse(reply.body).contains("answer_id"));
    EXPECT_FALSE(reply.answer);
}

TEST(Feedback, AVoteOnAnAnswerIsReceivedAndRecorded) {
    Fixture f;
    const std::string id = f.answer_id("how much do seniors make?");
    const Reply reply = f.frame({{"type", "feedback"},
                                 {"id", "f1"},
                                 {"answer_id", id},
                                 {"helpful", false},
                                 {"comment", "no figure for Berlin"}});
    EXPECT_EQ(json::parse(reply.body),
              (json{{"type", "feedback_received"}, {"id", "f1"}, {"answer_id", id}, {"helpful", false}}));
    ASSERT_TRUE(reply.feedback);
    EXPECT_EQ(reply.feedback->answer_id, id);
    EXPECT_FALSE(reply.feedback->helpful);
    EXPECT_EQ(reply.feedback->comment, "no figure for Berlin");
    EXPECT_EQ(reply.feedback->at_ms, now);
    EXPECT_EQ(reply.error_code, nullptr);
}

TEST(Feedback, AnIdThisDeploymentDidNotIssueIsUnknown) {
    Fixture f;
    analytics::AnswerIds elsewhere;
    const Reply reply =
        f.frame({{"type", "feedback"}, {"answer_id", elsewhere.issue(now)}, {"helpful", true}});
    EXPECT_EQ(json::parse(reply.body)["code"], "unknown_answer");
    EXPECT_FALSE(reply.feedback);
}

TEST(Feedback, AnAnswerOlderThanTheRetentionIsUnknown) {
    Fixture f;
    const std::string old = f.ids.issue(now - 91LL * 86'400'000);
    const Reply reply = f.frame({{"type", "feedback"}, {"answer_id", old}, {"helpful", true}});
    EXPECT_EQ(json::parse(reply.body)["code"], "unknown_answer");
}

TEST(Feedback, BadFieldsAreBadRequestsNamingTheField) {
    Fixture f;
    const std::string id = f.answer_id("hello");
    const std::vector<std::pair<json, std::string>> cases = {
        {{{"type", "feedback"}, {"helpful", true}}, "answer_id"},
        {{{"type", "feedback"}, {"answer_id", 12}, {"helpful", true}}, "answer_id"},
        {{{"type", "feedback"}, {"answer_id", "abc"}, {"helpful", true}}, "answer_id"},
        {{{"type", "feedback"}, {"answer_id", id}}, "helpful"},
        {{{"type", "feedback"}, {"answer_id", id}, {"helpful", "yes"}}, "helpful"},
        {{{"type", "feedback"}, {"answer_id", id}, {"helpful", true}, {"comment", 5}}, "comment"},
    };
    for (const auto& [message, field] : cases) {
        const json reply = json::parse(f.frame(message).body);
        EXPECT_EQ(reply["code"], "bad_request") << message;
        EXPECT_NE(reply["message"].get<std::string>().find(field), std::string::npos) << reply;
    }
}

TEST(Feedback, ACommentOverTheLimitIsTooLongAndABlankOneIsNone) {
    Fixture f;
    const std::string id = f.answer_id("hello");
    json message = {{"type", "feedback"},
                    {"answer_id", id},
                    {"helpful", false},
                    {"comment", std::string(analytics::max_comment_chars + 1, 'x')}};
    EXPECT_EQ(json::parse(f.frame(message).body)["code"], "too_long");
    message["comment"] = std::string(analytics::max_comment_chars, 'x');
    EXPECT_TRUE(f.frame(message).feedback);
    message["comment"] = "   ";
    EXPECT_EQ(f.frame(message).feedback->comment, "");
}

TEST(Feedback, UnknownTypesNameBothKnownOnes) {
    Fixture f;
    const json reply = json::parse(f.frame({{"type", "vote"}}).body);
    EXPECT_EQ(reply["code"], "unknown_type");
    EXPECT_NE(reply["message"].get<std::string>().find("\"feedback\""), std::string::npos);
}

TEST(Feedback, OverHttpStatusesSayWhatWentWrong) {
    Fixture f;
    const std::string id = f.answer_id("hello");
    EXPECT_EQ(reply_to_feedback(json{{"answer_id", id}, {"helpful", true}}.dump(), now, f.recording).status,
              200u);
    EXPECT_EQ(reply_to_feedback("nope", now, f.recording).status, 400u);
    EXPECT_EQ(reply_to_feedback(json{{"answer_id", id}}.dump(), now, f.recording).status, 400u);
    analytics::AnswerIds elsewhere;
    EXPECT_EQ(reply_to_feedback(json{{"answer_id", elsewhere.issue(now)}, {"helpful", true}}.dump(), now,
                                f.recording)
                  .status,
              404u);
}
