#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channels/context_store.hpp"
#include "channels/render.hpp"
#include "channels/replay_guard.hpp"
#include "intents/responder.hpp"
#include "support/project_advisor.hpp"
#include "support/temp_dir.hpp"

// What each platform is sent, and the state the channels keep between deliveries.

using namespace channels;
using nlohmann::json;

namespace {

const intents::Advisor& advisor() { return test_support::project_advisor(); }

const Wording& wording() {
    static const Wording loaded = [] {
        auto read = load_wording(test_support::source_dir() / "channels" / "data" / "wording.json");
        if (!read.ok()) throw std::runtime_error(read.errors.front());
        return *read.value;
    }();
    return loaded;
}

intents::Answer ask(const std::string& question, const intents::Context& context = {}) {
    return intents::respond(advisor(), context, question, 1'000'000);
}

// Every example question of every intent: what the data says people ask.
std::vector<std::string> every_example() {
    std::vector<std::string> out;
    for (const intents::Intent& intent : advisor().intents)
        out.insert(out.end(), intent.examples.begin(), intent.examples.end());
    return out;
}

}  // namespace

TEST(SmsSegments, CountsGsm7AndUcs2AsCarriersDo) {
    EXPECT_EQ(sms_segments(std::string(160, 'a')).count, 1u);
    EXPECT_EQ(sms_segments(std::string(161, 'a')).count, 2u);
    EXPECT_EQ(sms_segments(std::string(306, 'a')).count, 2u);
    EXPECT_EQ(sms_segments(std::string(307, 'a')).count, 3u);
    EXPECT_EQ(sms_segments(std::string(80, '[')).units, 160u);  // extension characters take two septets
    const Segments euro = sms_segments("€5");
    EXPECT_TRUE(euro.gsm7);
    EXPECT_EQ(euro.units, 3u);
    std::string ucs2 = "\u2013";  // one en dash makes the whole message UCS-2
    ucs2 += std::string(69, 'a');
    EXPECT_FALSE(sms_segments(ucs2).gsm7);
    EXPECT_EQ(sms_segments(ucs2).count, 1u);
    EXPECT_EQ(sms_segments(ucs2 + "a").count, 2u);
    EXPECT_EQ(sms_segments(ucs2 + std::string(64, 'a')).count, 2u);  // 134 = 2 x 67
    EXPECT_EQ(sms_segments(ucs2 + std::string(65, 'a')).count, 3u);
}

TEST(SmsSegments, TypographicPunctuationBecomesGsm7) {
    const std::string text = gsm_punctuation("$140,000\u2013$170,000 \u2026 \u201Cquoted\u201D it\u2019s");
    EXPECT_EQ(text, "$140,000-$170,000 ... \"quoted\" it's");
    EXPECT_TRUE(sms_segments(text).gsm7);
}

TEST(BriefText, EveryIntentsExamplesFitInTwoSegments) {
    std::size_t gsm7 = 0;
    const auto questions = every_example();
    ASSERT_GT(questions.size(), 100u);
    for (const std::string& question : questions) {
        const std::string text = brief_text(ask(question), wording(), advisor().style);
        const Segments segments = sms_segments(text);
        EXPECT_LE(segments.count, 2u) << question << "\n" << text;
        EXPECT_GT(text.size(), 20u) << question << ": " << text;
        gsm7 += segments.gsm7 ? 1 : 0;
    }
    EXPECT_EQ(gsm7, questions.size()) << "every brief answer should be GSM-7";
}

TEST(BriefText, SalaryAnswersGiveTheirRowsAndSource) {
    const std::string text =
        brief_text(ask("what do developers earn in Seattle?"), wording(), advisor().style);
    EXPECT_NE(text.find("Seattle: $140K-$170K"), std::string::npos) << text;
    EXPECT_NE(text.find("Source: Noble Desktop"), std::string::npos) << text;
}

TEST(BriefText, SaysWhatTheGuidesDoNotCoverBeforeTheFiguresThatStandIn) {
    const std::string text =
        brief_text(ask("What does a back end developer earn in Chicago?"), wording(), advisor().style);
    EXPECT_TRUE(text.starts_with("The guides give no pay figures for Chicago.")) << text;
    EXPECT_NE(text.find("$115K"), std::string::npos) << text;
}

TEST(BriefText, PayPerHourSaysTheGuidesGiveYearlyPayFirstThenTheirFigures) {
    const std::string text =
        brief_text(ask("what do seniors in seattle earn per hour?"), wording(), advisor().style);
    EXPECT_TRUE(text.starts_with("The guides give yearly pay only")) << text;
    EXPECT_NE(text.find("Seattle: $140K-$170K"), std::string::npos) << text;
    EXPECT_NE(text.find("$150K-$200K+"), std::string::npos) << text;
    EXPECT_LE(sms_segments(text).count, 2u) << text;
}

TEST(BriefText, ALongListKeepsWholeItemsAndSaysThereIsMore) {
    // The duties, which cut a list of 14 short (held back for "tell me more").
    const intents::Answer overview = ask("What are the responsibilities of a back-end developer?");
    const intents::Answer answer = ask("tell me more", overview.context);
    ASSERT_GT(answer.text.size(), 600u);
    const std::string text = brief_text(answer, wording(), advisor().style);
    EXPECT_LE(sms_segments(text).count, 2u);
    EXPECT_NE(text.find("\n- "), std::string::npos) << "at least one whole item: " << text;
    EXPECT_NE(text.find(gsm_punctuation(wording().sms_more)), std::string::npos) << text;
}

TEST(BriefText, OneSegmentWhenAskedForOne) {
    const std::string text =
        brief_text(ask("How can I switch careers into back end development?"), wording(), advisor().style, 1);
    EXPECT_EQ(sms_segments(text).count, 1u) << text;
}

TEST(Twiml, EscapesTheMessage) {
    EXPECT_EQ(twiml_message("a < b & \"c\""),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Message>a &lt; b &amp; "
              "&quot;c&quot;</Message></Response>");
    EXPECT_EQ(twiml_message(""), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response></Response>");
}

TEST(SlackAnswer, IsEphemeralWithTheRowsAsATableAndSourcesAsContext) {
    const json reply = slack_answer(ask("what do developers earn in Seattle?"), wording());
    EXPECT_EQ(reply.at("response_type"), "ephemeral");
    const json& blocks = reply.at("blocks");
    ASSERT_EQ(blocks.size(), 3u);
    EXPECT_EQ(blocks[0].at("type"), "section");
    const std::string table = blocks[1].at("text").at("text");
    EXPECT_NE(table.find("```Seattle  $140,000\u2013$170,000```"), std::string::npos) << table;
    EXPECT_EQ(blocks[2].at("type"), "context");
    const std::string sources = blocks[2].at("elements")[0].at("text");
    EXPECT_NE(sources.find("Noble Desktop"), std::string::npos) << sources;
    EXPECT_NE(
        sources.find("<https://blog.nobledesktop.com/what-back-end-developers-do|What Does a Back End Web"),
        std::string::npos)
        << "the title links to the page: " << sources;
}

TEST(SlackAnswer, EscapesMarkupCharacters) {
    EXPECT_EQ(slack_escape("<!channel> & <@U1>"), "&lt;!channel&gt; &amp; &lt;@U1&gt;");
    EXPECT_EQ(slack_text("a <b>").at("text"), "a &lt;b&gt;");
}

TEST(TelegramAnswer, IsASendMessageInHtmlWithEscapedText) {
    const json reply = telegram_answer(-1001234, ask("what do developers earn in Seattle?"), wording());
    EXPECT_EQ(reply.at("method"), "sendMessage");
    EXPECT_EQ(reply.at("chat_id"), -1001234);
    EXPECT_EQ(reply.at("parse_mode"), "HTML");
    const std::string text = reply.at("text");
    EXPECT_NE(text.find("<pre>Seattle  $140,000\u2013$170,000</pre>"), std::string::npos) << text;
    EXPECT_NE(text.find("<i>Sources: <a href=\"https://blog.nobledesktop.com/what-back-end-developers-do\">"),
              std::string::npos)
        << text;
    EXPECT_EQ(telegram_text(1, "x < y & z").at("text"), "x &lt; y &amp; z");
}

TEST(TelegramAnswer, AnOverlongMessageIsCutBetweenCharactersNotInsideOne) {
    intents::Answer answer;
    // 2,999 ASCII letters, then "é" (two bytes) across byte 3,000, then more than Telegram takes.
    answer.text = std::string(2999, 'a') + "\u00e9" + std::string(2000, 'b');
    const std::string text = telegram_answer(1, answer, wording()).at("text");
    EXPECT_EQ(text, std::string(2999, 'a'));
    EXPECT_NO_THROW(
        (void)json(text).dump());  // valid UTF-8: json's strict dump would throw on a cut character
}
TEST(ChannelContexts, FollowUpsUseTheSendersOwnContext) {
    MemoryContextStore store;
    const std::string alice = sender_key("sms", "+15550001");
    const std::string bob = sender_key("sms", "+15550002");
    const intents::Answer first = intents::respond(advisor(), store.load(alice, 1'000'000),
                                                   "what do developers earn in Seattle?", 1'000'000);
    store.save(alice, first.context, 1'000'000);
    const intents::Answer follow_up =
        intents::respond(advisor(), store.load(alice, 1'060'000), "and in Austin?", 1'060'000);
    EXPECT_EQ(follow_up.intent, "salary");
    EXPECT_NE(follow_up.text.find("Austin"), std::string::npos) << follow_up.text;
    EXPECT_TRUE(store.load(bob, 1'060'000).empty());
}

TEST(ChannelContexts, ForgetsAfterTheirTimeAndTheLeastRecentWhenFull) {
    MemoryContextStore store(2, 1000);
    intents::Context context;
    context.last_intent = "salary";
    store.save("a", context, 0);
    store.save("b", context, 10);
    EXPECT_FALSE(store.load("a", 20).empty());  // a is now the most recent
    store.save("c", context, 30);               // so b goes
    EXPECT_TRUE(store.load("b", 40).empty());
    EXPECT_FALSE(store.load("a", 40).empty());
    EXPECT_TRUE(store.load("c", 1031).empty());  // over its second
    EXPECT_EQ(store.size(), 1u);
}

TEST(ChannelContexts, SenderKeysHideTheId) {
    const std::string key = sender_key("sms", "+14155550100");
    EXPECT_EQ(key.find("4155550100"), std::string::npos);
    EXPECT_TRUE(key.starts_with("sms:"));
    EXPECT_EQ(key.size(), 4u + 64u);
    EXPECT_NE(key, sender_key("whatsapp", "+14155550100"));
}

TEST(ReplayGuard, ADeliveryIsAnsweredOnceAndItsRetryGetsTheSameReply) {
    MemoryReplayGuard guard;
    EXPECT_TRUE(guard.claim("telegram:7", 0).first);
    const auto pending = guard.claim("telegram:7", 1);
    EXPECT_FALSE(pending.first);
    EXPECT_FALSE(pending.reply);
    guard.answered("telegram:7", "the reply", 2);
    const auto retry = guard.claim("telegram:7", 3);
    EXPECT_FALSE(retry.first);
    EXPECT_EQ(retry.reply, "the reply");
    EXPECT_TRUE(guard.claim("telegram:8", 3).first);
}

TEST(ReplayGuard, AClaimReleasedUnansweredIsAnsweredOnTheNextDelivery) {
    MemoryReplayGuard guard;
    EXPECT_TRUE(guard.claim("twilio:SM1", 0).first);
    guard.release("twilio:SM1");
    EXPECT_TRUE(guard.claim("twilio:SM1", 1).first);
}

TEST(ReplayGuard, ForgetsAnIdAfterItsTime) {
    MemoryReplayGuard guard(10, 1000);
    EXPECT_TRUE(guard.claim("slack:t", 0).first);
    guard.answered("slack:t", "r", 0);
    EXPECT_FALSE(guard.claim("slack:t", 1000).first);
    EXPECT_TRUE(guard.claim("slack:t", 1001).first);
}

TEST(Wording, EveryFieldIsRequired) {
    test_support::TempDir dir;
    const auto file = dir.path() / "wording.json";
    test_support::write_file(
        file,
        R"({"help":"h","not_text":"n","too_long":"no {max}","sources":"S: {sources}","sms_sources":"{sources}","sms_more":"m"})");
    const auto read = load_wording(file);
    ASSERT_FALSE(read.ok());
    EXPECT_NE(read.errors.front().find("/table_title"), std::string::npos) << read.errors.front();
}
