// The messaging platforms' webhooks against the real server: each platform's signature (built here from
// its documented algorithm with OpenSSL, not with the server's code), follow-ups per sender, retries
// answered once, and a channel without its secret not there at all.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <regex>
#include <sstream>

#include "support/channel_clients.hpp"
#include "support/clients.hpp"
#include "support/eventually.hpp"
#include "support/postgres_server.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

using namespace test_support;
using nlohmann::json;
namespace http = boost::beast::http;

namespace {

std::vector<std::string> all_channels() {
    return {"--slack-signing-secret", slack_secret,          "--telegram-secret",
            telegram_secret,          "--twilio-auth-token", twilio_token};
}

}  // namespace

TEST(Channels, WithoutASecretAChannelIsNotThereAndTheLogSaysHowToTurnItOn) {
    ServerProcess server({"--log-level", "info"});
    for (const char* path : {"/channels/slack/command", "/channels/telegram/webhook", "/channels/twilio"}) {
        EXPECT_EQ(http_request(server.port(), http::verb::post, path, "text=hi").status, 404u) << path;
    }
    const std::string log = server.log();
    EXPECT_NE(
        log.find("channel slack off: no --slack-signing-secret (or CAREER_ADVISOR_SLACK_SIGNING_SECRET)"),
        std::string::npos)
        << log;
    EXPECT_NE(log.find("channel telegram off: no --telegram-secret"), std::string::npos) << log;
    EXPECT_NE(log.find("channel twilio off: no --twilio-auth-token"), std::string::npos) << log;
}

TEST(Channels, OneSecretTurnsOnOnlyItsChannel) {
    ServerProcess server({"--telegram-secret", telegram_secret, "--log-level", "info"});
    EXPECT_EQ(telegram(server.port(), telegram_update(1, 5, "/help")).status, 200u);
    EXPECT_EQ(slack(server.port(), "hello", "t1").status, 404u);
    EXPECT_NE(server.log().find("channel telegram on: POST /channels/telegram/webhook"), std::string::npos);
}

TEST(SlackCommand, AnswersAndFollowsUpInTheSendersConversation) {
    ServerProcess server(all_channels());
    const HttpResult first = slack(server.port(), "what do developers earn in Seattle?", "1.1.a");
    ASSERT_EQ(first.status, 200u) << first.body;
    EXPECT_EQ(first.headers.at("Content-Type"), "application/json");
    const json reply = first.json();
    EXPECT_EQ(reply.at("response_type"), "ephemeral");
    EXPECT_NE(reply.at("text").get<std::string>().find("Seattle"), std::string::npos) << reply;
    EXPECT_NE(reply.at("blocks")[1].at("text").at("text").get<std::string>().find("```Seattle"),
              std::string::npos)
        << reply;
    const json follow_up = slack(server.port(), "and in Austin?", "1.1.b").json();
    EXPECT_NE(follow_up.at("text").get<std::string>().find("Austin"), std::string::npos) << follow_up;
    const json stranger = slack(server.port(), "and in Austin?", "1.1.c", "U0OTHER").json();
    EXPECT_EQ(stranger.at("text").get<std::string>().find("$140,000"), std::string::npos)
        << "another user has no conversation to follow up: " << stranger;
}

TEST(SlackCommand, WrongStaleOrMissingSignaturesAre401AndNeverAnswered) {
    ServerProcess server(all_channels());
    EXPECT_EQ(slack(server.port(), "what do seniors earn?", "2.1", "U1", now_s(), "not-the-secret").status,
              401u);
    EXPECT_EQ(slack(server.port(), "what do seniors earn?", "2.2", "U1", now_s() - 301).status, 401u);
    EXPECT_EQ(slack(server.port(), "what do seniors earn?", "2.3", "U1", now_s() + 400).status, 401u);
    const HttpResult unsigned_request =
        http_request(server.port(), http::verb::post, "/channels/slack/command",
                     "text=what+do+seniors+earn%3F&trigger_id=2.4");
    EXPECT_EQ(unsigned_request.status, 401u);
    EXPECT_EQ(unsigned_request.json().at("code"), "unauthorized");
    EXPECT_EQ(
        metric(server.port(), "career_advisor_channel_refused_total{channel=\"slack\",reason=\"wrong\"}"), 1);
    EXPECT_EQ(
        metric(server.port(), "career_advisor_channel_refused_total{channel=\"slack\",reason=\"stale\"}"), 2);
    EXPECT_EQ(
        metric(server.port(), "career_advisor_channel_refused_total{channel=\"slack\",reason=\"missing\"}"),
        1);
    EXPECT_EQ(metric(server.port(), "career_advisor_answers_total{intent=\"salary\"}"), 0)
        << "nothing reached the engine";
    EXPECT_EQ(slack(server.port(), "what do seniors earn?", "2.5").status, 200u);
    EXPECT_EQ(metric(server.port(), "career_advisor_answers_total{intent=\"salary\"}"), 1);
}

TEST(SlackCommand, AnEmptyCommandGetsHelp) {
    ServerProcess server(all_channels());
    const json reply = slack(server.port(), "", "3.1").json();
    EXPECT_NE(reply.at("text").get<std::string>().find("back-end web developer career"), std::string::npos)
        << reply;
    EXPECT_EQ(metric(server.port(), "career_advisor_channel_answers_total{channel=\"slack\"}"), 0);
}

TEST(Channels, AnswersAreInTheReportUnderTheirChannel) {
    ServerProcess server(all_channels());
    ASSERT_EQ(slack(server.port(), "what skills do I need?", "r.1").status, 200u);
    ASSERT_EQ(
        twilio(server.port(), "whatsapp:+14155550100", "what do developers earn in Seattle?", "SMr1").status,
        200u);
    json seen;
    ASSERT_TRUE(eventually([&] {
        seen = admin_report(server.port());
        return seen["totals"]["answers"] == 2;
    })) << seen.dump();
    std::vector<std::string> channels;
    for (const json& row : seen["channels"]) {
        EXPECT_EQ(row["answers"], 1) << row;
        channels.push_back(row["channel"]);
    }
    std::sort(channels.begin(), channels.end());
    EXPECT_EQ(channels, (std::vector<std::string>{"slack", "whatsapp"}));
}

TEST(SlackCommand, ARetriedTriggerIsAnsweredOnce) {
    ServerProcess server(all_channels());
    const HttpResult first = slack(server.port(), "what skills do I need?", "4.1");
    const HttpResult again = slack(server.port(), "what skills do I need?", "4.1");
    EXPECT_EQ(first.status, 200u);
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(metric(server.port(), "career_advisor_channel_answers_total{channel=\"slack\"}"), 1);
    EXPECT_EQ(
        metric(server.port(), "career_advisor_channel_refused_total{channel=\"slack\",reason=\"replayed\"}"),
        1);
}

TEST(TelegramWebhook, AnswersWithSendMessageAndFollowsUpPerChat) {
    ServerProcess server(all_channels());
    const HttpResult first =
        telegram(server.port(), telegram_update(10, 777, "what do developers earn in Seattle?"));
    ASSERT_EQ(first.status, 200u) << first.body;
    const json reply = first.json();
    EXPECT_EQ(reply.at("method"), "sendMessage");
    EXPECT_EQ(reply.at("chat_id"), 777);
    EXPECT_EQ(reply.at("parse_mode"), "HTML");
    EXPECT_NE(reply.at("text").get<std::string>().find("<pre>Seattle"), std::string::npos) << reply;
    const json follow_up = telegram(server.port(), telegram_update(11, 777, "and in Austin?")).json();
    EXPECT_NE(follow_up.at("text").get<std::string>().find("Austin"), std::string::npos) << follow_up;
    const json other_chat = telegram(server.port(), telegram_update(12, 778, "and in Austin?")).json();
    EXPECT_EQ(other_chat.at("chat_id"), 778);
    EXPECT_EQ(other_chat.at("text").get<std::string>().find("$140,000"), std::string::npos) << other_chat;
}

TEST(TelegramWebhook, StartAndHelpAreAnsweredAndOtherUpdatesIgnored) {
    ServerProcess server(all_channels());
    for (const char* command : {"/start", "/help", "/help@CareerAdvisorBot"}) {
        const json reply =
            telegram(server.port(),
                     telegram_update(20 + static_cast<std::int64_t>(std::strlen(command)), 5, command))
                .json();
        EXPECT_NE(reply.at("text").get<std::string>().find("back-end web developer career"),
                  std::string::npos)
            << command;
    }
    const HttpResult edit = telegram(server.port(), {{"update_id", 40}, {"edited_message", {{"text", "x"}}}});
    EXPECT_EQ(edit.status, 200u);
    EXPECT_EQ(edit.body, "");
    json photo = telegram_update(41, 5, "");
    photo["message"].erase("text");
    EXPECT_NE(telegram(server.port(), photo).json().at("text").get<std::string>().find("text"),
              std::string::npos);
    EXPECT_EQ(metric(server.port(), "career_advisor_channel_answers_total{channel=\"telegram\"}"), 0);
}

// A chat id past INT64_MAX once wrapped to -1 and was answered as chat -1.
TEST(TelegramWebhook, AChatIdPastInt64IsIgnored) {
    ServerProcess server(all_channels());
    json update = telegram_update(50, 5, "what do back-end developers earn?");
    update["message"]["chat"]["id"] = std::uint64_t{9223372036854775808ULL};
    const HttpResult reply = telegram(server.port(), update);
    EXPECT_EQ(reply.status, 200u);
    EXPECT_EQ(reply.body, "") << "nothing sent to a chat that cannot exist";
    EXPECT_EQ(metric(server.port(), "career_advisor_channel_answers_total{channel=\"telegram\"}"), 0);
}

TEST(TelegramWebhook, AWrongOrMissingSecretIs401AndNeverAnswered) {
    ServerProcess server(all_channels());
    EXPECT_EQ(
        telegram(server.port(), telegram_update(50, 9, "what do seniors earn?"), "telegram-secret_43").status,
        401u);
    EXPECT_EQ(telegram(server.port(), telegram_update(51, 9, "what do seniors earn?"), "").status, 401u);
    EXPECT_EQ(metric(server.port(), "career_advisor_answers_total{intent=\"salary\"}"), 0);
}

TEST(TelegramWebhook, ARedeliveredUpdateIsAnsweredOnce) {
    ServerProcess server(all_channels());
    const json update = telegram_update(60, 9, "what do seniors earn?");
    const HttpResult first = telegram(server.port(), update);
    const HttpResult again = telegram(server.port(), update);
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(metric(server.port(), "career_advisor_channel_answers_total{channel=\"telegram\"}"), 1);
}

TEST(TwilioMessage, AnswersSmsBrieflyInTwiMLAndFollowsUpPerNumber) {
    ServerProcess server(all_channels());
    const HttpResult first =
        twilio(server.port(), "+14155550100", "what do developers earn in Seattle?", "SM0001");
    ASSERT_EQ(first.status, 200u) << first.body;
    EXPECT_EQ(first.headers.at("Content-Type"), "text/xml; charset=utf-8");
    const std::string text = twiml_text(first.body);
    EXPECT_NE(text.find("Seattle: $140K-$170K"), std::string::npos) << first.body;
    EXPECT_LE(text.size(), 306u);
    const std::string follow_up =
        twiml_text(twilio(server.port(), "+14155550100", "and in Austin?", "SM0002").body);
    EXPECT_NE(follow_up.find("Austin"), std::string::npos) << follow_up;
    const std::string whatsapp =
        twiml_text(twilio(server.port(), "whatsapp:+14155550100", "and in Austin?", "SM0003").body);
    EXPECT_EQ(whatsapp.find("$140K"), std::string::npos) << "WhatsApp is another conversation: " << whatsapp;
    EXPECT_EQ(metric(server.port(), "career_advisor_channel_answers_total{channel=\"sms\"}"), 2);
    EXPECT_EQ(metric(server.port(), "career_advisor_channel_answers_total{channel=\"whatsapp\"}"), 1);
}

// WhatsApp makes addresses tappable: its answers link the guides; an SMS names them (an address per source
// would double what each answer costs).
TEST(TwilioMessage, WhatsAppAnswersLinkTheirSourcesAndSmsNamesThem) {
    ServerProcess server(all_channels());
    const std::string question = "what do developers earn in Seattle?";
    const std::string whatsapp =
        twiml_text(twilio(server.port(), "whatsapp:+14155550101", question, "SM0101").body);
    EXPECT_NE(whatsapp.find("Seattle: $140K-$170K"), std::string::npos) << whatsapp;
    EXPECT_NE(whatsapp.find("Noble Desktop https://blog.nobledesktop.com/what-back-end-developers-do"),
              std::string::npos)
        << whatsapp;
    const std::string sms = twiml_text(twilio(server.port(), "+14155550101", question, "SM0102").body);
    EXPECT_NE(sms.find("Noble Desktop"), std::string::npos) << sms;
    EXPECT_EQ(sms.find("https://"), std::string::npos) << sms;
}

TEST(TwilioMessage, TheSignatureCoversThePublicUrlBehindAProxy) {
    ServerProcess server([] {
        auto args = all_channels();
        args.insert(args.end(), {"--public-url", "https://advisor.example"});
        return args;
    }());
    EXPECT_EQ(twilio(server.port(), "+14155550101", "hi", "SM0100", "https://advisor.example/channels/twilio")
                  .status,
              200u);
    EXPECT_EQ(twilio(server.port(), "+14155550101", "hi", "SM0101").status, 401u) << "signed for another URL";
}

TEST(TwilioMessage, AWrongSignatureIs401AndNeverAnswered) {
    ServerProcess server(all_channels());
    EXPECT_EQ(twilio(server.port(), "+14155550102", "what do seniors earn?", "SM0200", "", "54321").status,
              401u);
    const HttpResult unsigned_request = http_request(server.port(), http::verb::post, "/channels/twilio",
                                                     "Body=hi&From=%2B1415&MessageSid=SM0201");
    EXPECT_EQ(unsigned_request.status, 401u);
    EXPECT_EQ(metric(server.port(), "career_advisor_answers_total{intent=\"salary\"}"), 0);
}

TEST(TwilioMessage, ARetriedMessageIsAnsweredOnce) {
    ServerProcess server(all_channels());
    const HttpResult first = twilio(server.port(), "+14155550103", "what do seniors earn?", "SM0300");
    const HttpResult again = twilio(server.port(), "+14155550103", "what do seniors earn?", "SM0300");
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(metric(server.port(), "career_advisor_channel_answers_total{channel=\"sms\"}"), 1);
}

// Twilio's signature joins names and values without separators: a captured message re-sent with its sid
// split across the name ("MessageSidS=M0310") verifies, and was answered again each time.
TEST(TwilioMessage, ACapturedMessageReSplitIsNotAnsweredAgain) {
    ServerProcess server(all_channels());
    const HttpResult first = twilio(server.port(), "+14155550105", "what do seniors earn?", "SM0310");
    ASSERT_EQ(first.status, 200u);
    const HttpResult resplit =
        twilio_resplit(server.port(), "+14155550105", "what do seniors earn?", "SM0310");
    EXPECT_EQ(resplit.status, 200u) << "it verifies; it is the same signed content";
    EXPECT_EQ(resplit.body, first.body);
    EXPECT_EQ(metric(server.port(), "career_advisor_channel_answers_total{channel=\"sms\"}"), 1);
}

TEST(Channels, AnswersAreRecordedWithTheirChannel) {
    ServerProcess server(all_channels());
    slack(server.port(), "what do seniors earn?", "5.1");
    telegram(server.port(), telegram_update(70, 3, "what do seniors earn?"));
    twilio(server.port(), "+14155550104", "what do seniors earn?", "SM0400");
    twilio(server.port(), "whatsapp:+14155550104", "what do seniors earn?", "SM0401");
    const auto db = server.data_dir() / "analytics.sqlite3";
    EXPECT_TRUE(eventually([&] { return query_sqlite(db, "SELECT COUNT(*) FROM answers") == "4"; }));
    EXPECT_EQ(
        query_sqlite(db,
                     "SELECT group_concat(channel, ',') FROM (SELECT channel FROM answers ORDER BY channel)"),
        "slack,sms,telegram,whatsapp");
}

namespace {

// A curl line of docs/channels.md's "Try it with curl" and what its trailing comment promises.
struct DocCommand {
    std::string command;
    int status = 0;
    std::string says;
};

std::string run_shell(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
    pclose(pipe);
    return out;
}

}  // namespace

TEST(ChannelsDocs, EveryCurlLineGivesTheDocumentedStatusAndWords) {
    std::istringstream doc(read_file(source_dir() / "docs" / "channels.md"));
    const std::regex promise_re(R"re(^(.*curl .*?)\s+#\s*(\d{3})(?:, says "([^"]+)")?\s*$)re");
    std::string line, setup;
    std::vector<DocCommand> commands;
    bool trying = false;
    while (std::getline(doc, line)) {
        if (line.starts_with("## ")) trying = line == "## Try it with curl";
        if (!trying) continue;
        std::smatch m;
        if (line.starts_with("SLACK_SIGNING_SECRET=")) {
            setup = line;
        } else if (std::regex_match(line, m, promise_re)) {
            commands.push_back({m[1], std::stoi(m[2]), m[3]});
        } else {
            EXPECT_EQ(line.find("curl "), std::string::npos) << "a curl line without a promise: " << line;
        }
    }
    ASSERT_GE(commands.size(), 9u);
    ASSERT_FALSE(setup.empty());
    auto value = [&](const std::string& name) {
        std::smatch m;
        EXPECT_TRUE(std::regex_search(setup, m, std::regex(name + "=(\\S+)"))) << name;
        return m[1].str();
    };
    ServerProcess server({"--slack-signing-secret", value("SLACK_SIGNING_SECRET"), "--telegram-secret",
                          value("TELEGRAM_SECRET"), "--twilio-auth-token", value("TWILIO_AUTH_TOKEN")});
    const std::string port = std::to_string(server.port());
    for (DocCommand c : commands) {
        SCOPED_TRACE(c.command);
        c.command = std::regex_replace(c.command, std::regex("127\\.0\\.0\\.1:8080"), "127.0.0.1:" + port);
        const std::string output = run_shell(setup + "; " + c.command + " -w '\\n%{http_code}'");
        const auto newline = output.rfind('\n');
        ASSERT_NE(newline, std::string::npos) << output;
        EXPECT_EQ(std::stoi(output.substr(newline + 1)), c.status) << output;
        if (!c.says.empty()) {
            EXPECT_NE(output.substr(0, newline).find(c.says), std::string::npos) << output;
        }
    }
}

TEST(ChannelsWording, BadWordingStopsACheckAndAStartWithAChannelNamingTheField) {
    TempDir dir;
    std::string wording = read_file(source_dir() / "channels" / "data" / "wording.json");
    wording.replace(wording.find("\"sms_more\""), 10, "\"sms_mor\"");
    write_file(dir.path() / "wording.json", wording);
    const auto check = run_command({"check", "--channels", dir.path().string()});
    EXPECT_EQ(check.exit_code, 1);
    EXPECT_NE(check.err.find("wording.json: /sms_more: needs a non-empty string"), std::string::npos)
        << check.err;
    EXPECT_NE(check.err.find("wording.json: /sms_mor: unknown field"), std::string::npos) << check.err;
    const auto serve = run_command({"serve", "--port", "0", "--data-dir", (dir.path() / "data").string(),
                                    "--channels", dir.path().string(), "--twilio-auth-token", "12345"});
    EXPECT_EQ(serve.exit_code, 1);
    EXPECT_NE(serve.err.find("/sms_more"), std::string::npos) << serve.err;
}
