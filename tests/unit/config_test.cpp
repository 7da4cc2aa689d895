#include "server/config.hpp"

#include <gtest/gtest.h>

using server::Command;
using server::parse_command_line;

TEST(Config, ServeIsTheDefaultWithDefaults) {
    auto out = parse_command_line({"career-advisor"}, {});
    ASSERT_TRUE(out.run);
    EXPECT_EQ(out.config.command, Command::serve);
    EXPECT_EQ(out.config.host, "127.0.0.1");
    EXPECT_EQ(out.config.port, 8080);
    EXPECT_NE(out.config.knowledge_dir.find("knowledge/data"), std::string::npos);
}

TEST(Config, FlagsOverrideEnvironmentWhichOverridesDefaults) {
    auto env_only = parse_command_line({"career-advisor", "serve"}, {{"CAREER_ADVISOR_PORT", "9000"}});
    EXPECT_EQ(env_only.config.port, 9000);
    auto both =
        parse_command_line({"career-advisor", "serve", "--port", "0"}, {{"CAREER_ADVISOR_PORT", "9000"}});
    EXPECT_EQ(both.config.port, 0);
}

TEST(Config, UnknownFlagExitsTwoNamingIt) {
    auto out = parse_command_line({"career-advisor", "serve", "--colour", "red"}, {});
    EXPECT_FALSE(out.run);
    EXPECT_EQ(out.exit_code, 2);
    EXPECT_NE(out.error.find("--colour"), std::string::npos) << out.error;
    EXPECT_EQ(out.error.find('\n'), std::string::npos) << "one line: " << out.error;
}

TEST(Config, ChatIsAskWithoutAQuestion) {
    auto out = parse_command_line({"career-advisor", "chat"}, {});
    ASSERT_TRUE(out.run) << out.error;
    EXPECT_EQ(out.config.command, Command::ask);
    EXPECT_FALSE(out.config.question_given);
}

TEST(Config, AMisspeltFlagOrCommandGetsTheNearestAndWhereTheListIs) {
    auto flag = parse_command_line({"career-advisor", "serve", "--prot", "9000"}, {});
    EXPECT_EQ(flag.exit_code, 2);
    EXPECT_NE(flag.error.find("did you mean --port?"), std::string::npos) << flag.error;
    EXPECT_NE(flag.error.find("career-advisor serve --help"), std::string::npos) << flag.error;
    auto ask_flag = parse_command_line({"career-advisor", "ask", "--jsn", "hi"}, {});
    EXPECT_NE(ask_flag.error.find("did you mean --json?"), std::string::npos) << ask_flag.error;
    auto command = parse_command_line({"career-advisor", "srve"}, {});
    EXPECT_NE(command.error.find("did you mean serve?"), std::string::npos) << command.error;
    auto nothing_near = parse_command_line({"career-advisor", "launch"}, {});
    EXPECT_NE(nothing_near.error.find("the commands are serve, ask, chat"), std::string::npos)
        << nothing_near.error;
    auto alias = parse_command_line({"career-advisor", "chat", "--jsn"}, {});
    EXPECT_NE(alias.error.find("did you mean --json?"), std::string::npos) << alias.error;
    auto range = parse_command_line({"career-advisor", "serve", "--threads", "0"}, {});
    EXPECT_NE(range.error.find("--threads: I/O threads"), std::string::npos) << range.error;
    auto far = parse_command_line({"career-advisor", "serve", "--colour", "red"}, {});
    EXPECT_EQ(far.error.find("did you mean"), std::string::npos)
        << "no guess when nothing is near: " << far.error;
}

TEST(Config, AValueOutOfRangeSaysWhatTheFlagTakes) {
    auto out = parse_command_line({"career-advisor", "serve", "--port", "99999"}, {});
    EXPECT_EQ(out.exit_code, 2);
    EXPECT_NE(out.error.find("0 to 65535"), std::string::npos) << out.error;
    EXPECT_EQ(out.error.find('\n'), std::string::npos) << "one line: " << out.error;
}

TEST(Config, BadValueExitsTwoNamingTheFlag) {
    auto out = parse_command_line({"career-advisor", "serve", "--port", "eighty"}, {});
    EXPECT_EQ(out.exit_code, 2);
    EXPECT_NE(out.error.find("--port"), std::string::npos) << out.error;
}

TEST(Config, OutOfRangeThreadsIsRefused) {
    auto out = parse_command_line({"career-advisor", "serve", "--threads", "0"}, {});
    EXPECT_EQ(out.exit_code, 2);
    EXPECT_NE(out.error.find("--threads"), std::string::npos) << out.error;
}

TEST(Config, BadEnvironmentNumberIsRefused) {
    auto out = parse_command_line({"career-advisor"}, {{"CAREER_ADVISOR_PORT", "x"}});
    EXPECT_EQ(out.exit_code, 2);
}

TEST(Config, AskTakesTheQuestionAndJsonFlag) {
    auto out = parse_command_line({"career-advisor", "ask", "what is the pay?", "--json"}, {});
    ASSERT_TRUE(out.run);
    EXPECT_EQ(out.config.command, Command::ask);
    EXPECT_EQ(out.config.question, "what is the pay?");
    EXPECT_TRUE(out.config.json_output);
}

TEST(Config, AskTakesFollowUpsAfterTheQuestion) {
    auto out =
        parse_command_line({"career-advisor", "ask", "pay in seattle?", "and for seniors?", "why?"}, {});
    ASSERT_TRUE(out.run);
    EXPECT_EQ(out.config.question, "pay in seattle?");
    EXPECT_EQ(out.config.follow_ups, (std::vector<std::string>{"and for seniors?", "why?"}));
}

// Without a question, ask reads them from standard input; an empty one given is refused when it runs.
TEST(Config, AskKnowsWhetherAQuestionWasGiven) {
    auto none = parse_command_line({"career-advisor", "ask"}, {});
    ASSERT_TRUE(none.run) << none.error;
    EXPECT_EQ(none.config.command, Command::ask);
    EXPECT_FALSE(none.config.question_given);
    auto empty = parse_command_line({"career-advisor", "ask", ""}, {});
    ASSERT_TRUE(empty.run) << empty.error;
    EXPECT_TRUE(empty.config.question_given);
}

TEST(Config, CheckTakesDataDirectories) {
    auto out = parse_command_line({"career-advisor", "check", "--knowledge", "/k", "--intents", "/i"}, {});
    ASSERT_TRUE(out.run);
    EXPECT_EQ(out.config.command, Command::check);
    EXPECT_EQ(out.config.knowledge_dir, "/k");
    EXPECT_EQ(out.config.intents_dir, "/i");
}

TEST(Config, HelpAndVersionExitZeroWithText) {
    auto help = parse_command_line({"career-advisor", "serve", "--help"}, {});
    EXPECT_FALSE(help.run);
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.output.find("--port"), std::string::npos);
    auto version = parse_command_line({"career-advisor", "--version"}, {});
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_NE(version.output.find("career-advisor "), std::string::npos);
}

TEST(Config, EnvironmentGoesThroughTheFlagsValidators) {
    auto port = parse_command_line({"career-advisor"}, {{"CAREER_ADVISOR_PORT", "70000"}});
    EXPECT_EQ(port.exit_code, 2);
    EXPECT_NE(port.error.find("CAREER_ADVISOR_PORT"), std::string::npos) << port.error;
    auto level = parse_command_line({"career-advisor"}, {{"CAREER_ADVISOR_LOG_LEVEL", "loud"}});
    EXPECT_EQ(level.exit_code, 2);
    EXPECT_NE(level.error.find("CAREER_ADVISOR_LOG_LEVEL"), std::string::npos) << level.error;
    auto threads = parse_command_line({"career-advisor"}, {{"CAREER_ADVISOR_THREADS", "0"}});
    EXPECT_EQ(threads.exit_code, 2);
    auto origin =
        parse_command_line({"career-advisor"}, {{"CAREER_ADVISOR_ALLOWED_ORIGINS", "shop.example/x"}});
    EXPECT_EQ(origin.exit_code, 2);
}

TEST(Config, EnvironmentListIsCommaSeparatedAndFlagsReplaceIt) {
    const std::map<std::string, std::string> env{
        {"CAREER_ADVISOR_ALLOWED_ORIGINS", "https://a.example,https://b.example"}};
    auto env_only = parse_command_line({"career-advisor", "serve"}, env);
    ASSERT_TRUE(env_only.run) << env_only.error;
    EXPECT_EQ(env_only.config.allowed_origins,
              (std::vector<std::string>{"https://a.example", "https://b.example"}));
    auto both = parse_command_line({"career-advisor", "serve", "--allowed-origin", "https://c.example"}, env);
    EXPECT_EQ(both.config.allowed_origins, (std::vector<std::string>{"https://c.example"}));
}

TEST(Config, LimitsHaveFlagsAndEnvironmentVariables) {
    auto out = parse_command_line(
        {"career-advisor", "serve", "--max-connections", "5", "--drain-seconds", "3"},
        {{"CAREER_ADVISOR_MESSAGE_RATE", "2.5"}, {"CAREER_ADVISOR_LOG_QUESTIONS", "true"}});
    ASSERT_TRUE(out.run) << out.error;
    EXPECT_EQ(out.config.max_connections, 5u);
    EXPECT_EQ(out.config.drain_seconds, 3u);
    EXPECT_DOUBLE_EQ(out.config.message_rate, 2.5);
    EXPECT_TRUE(out.config.log_questions);
    auto bad = parse_command_line({"career-advisor", "serve", "--idle-timeout", "1"}, {});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.error.find("--idle-timeout"), std::string::npos) << bad.error;
}

TEST(Config, ARateThatIsNotAFiniteNumberIsRefused) {
    for (const char* bad : {"nan", "inf", "-nan"}) {
        auto flag = parse_command_line({"career-advisor", "serve", "--message-rate", bad}, {});
        EXPECT_EQ(flag.exit_code, 2) << bad;
        auto env = parse_command_line({"career-advisor"}, {{"CAREER_ADVISOR_ADDRESS_MESSAGE_BURST", bad}});
        EXPECT_EQ(env.exit_code, 2) << bad;
    }
}

TEST(Config, TheStoreIsSqliteInTheDataDirectoryByDefault) {
    auto out = parse_command_line({"career-advisor"}, {});
    ASSERT_TRUE(out.run);
    EXPECT_EQ(out.config.database, "sqlite");
    EXPECT_EQ(out.config.data_dir, server::default_data_dir());
    EXPECT_EQ(out.config.retention_days, 90u);
}

TEST(Config, DatabaseIsSqliteOrAPostgresUrl) {
    auto pg =
        parse_command_line({"career-advisor", "serve", "--database", "postgresql://advisor@db/advisor"}, {});
    ASSERT_TRUE(pg.run) << pg.error;
    EXPECT_EQ(pg.config.database, "postgresql://advisor@db/advisor");
    auto bad = parse_command_line({"career-advisor", "serve", "--database", "mysql://db"}, {});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.error.find("--database"), std::string::npos) << bad.error;
    auto env = parse_command_line({"career-advisor"}, {{"CAREER_ADVISOR_DATABASE", "oracle"}});
    EXPECT_EQ(env.exit_code, 2);
    EXPECT_NE(env.error.find("CAREER_ADVISOR_DATABASE"), std::string::npos) << env.error;
}

TEST(Config, StoreOptionsHaveEnvironmentVariables) {
    auto out = parse_command_line({"career-advisor"}, {{"CAREER_ADVISOR_DATA_DIR", "/srv/advisor"},
                                                       {"CAREER_ADVISOR_RETENTION_DAYS", "30"},
                                                       {"CAREER_ADVISOR_STORE_MAX_MB", "200"}});
    ASSERT_TRUE(out.run) << out.error;
    EXPECT_EQ(out.config.data_dir, "/srv/advisor");
    EXPECT_EQ(out.config.retention_days, 30u);
    EXPECT_EQ(out.config.store_max_mb, 200u);
    EXPECT_EQ(parse_command_line({"career-advisor"}, {}).config.store_max_mb, 1024u);
    EXPECT_EQ(parse_command_line({"career-advisor", "serve", "--store-max-mb", "x"}, {}).exit_code, 2);
    EXPECT_EQ(parse_command_line({"career-advisor", "serve", "--retention-days", "-1"}, {}).exit_code, 2);
}

TEST(Config, ReportTakesAPeriodAndWhereToRead) {
    auto out = parse_command_line({"career-advisor", "report", "--since", "30d", "--json", "--data-dir",
                                   "/srv/a", "--export-examples", "misses.jsonl"},
                                  {});
    ASSERT_TRUE(out.run) << out.error;
    EXPECT_EQ(out.config.command, Command::report);
    EXPECT_EQ(out.config.since, "30d");
    EXPECT_TRUE(out.config.json_output);
    EXPECT_EQ(out.config.data_dir, "/srv/a");
    EXPECT_EQ(out.config.export_examples, "misses.jsonl");
    auto bad = parse_command_line({"career-advisor", "report", "--since", "last week"}, {});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.error.find("--since"), std::string::npos) << bad.error;
}

TEST(Config, ChannelsAreOffUntilTheirSecretIsGivenByFlagOrEnvironment) {
    const auto none = parse_command_line({"career-advisor"}, {});
    EXPECT_TRUE(none.config.slack_signing_secret.empty());
    EXPECT_TRUE(none.config.telegram_secret.empty());
    EXPECT_TRUE(none.config.twilio_auth_token.empty());
    EXPECT_NE(none.config.channels_dir.find("channels/data"), std::string::npos);
    const auto env = parse_command_line({"career-advisor", "serve", "--twilio-auth-token", "flag-token"},
                                        {{"CAREER_ADVISOR_SLACK_SIGNING_SECRET", "s"},
                                         {"CAREER_ADVISOR_TELEGRAM_SECRET", "t-1"},
                                         {"CAREER_ADVISOR_TWILIO_AUTH_TOKEN", "env-token"},
                                         {"CAREER_ADVISOR_PUBLIC_URL", "https://advisor.example/prefix"}});
    ASSERT_TRUE(env.run) << env.error;
    EXPECT_EQ(env.config.slack_signing_secret, "s");
    EXPECT_EQ(env.config.telegram_secret, "t-1");
    EXPECT_EQ(env.config.twilio_auth_token, "flag-token");
    EXPECT_EQ(env.config.public_url, "https://advisor.example/prefix");
}

TEST(Config, ATelegramSecretIsWhatTelegramAccepts) {
    EXPECT_EQ(parse_command_line({"career-advisor", "serve", "--telegram-secret", "has space"}, {}).exit_code,
              2);
    EXPECT_EQ(parse_command_line({"career-advisor", "serve", "--telegram-secret", std::string(257, 'a')}, {})
                  .exit_code,
              2);
    const auto env = parse_command_line({"career-advisor"}, {{"CAREER_ADVISOR_TELEGRAM_SECRET", "a/b"}});
    EXPECT_EQ(env.exit_code, 2);
    EXPECT_NE(env.error.find("CAREER_ADVISOR_TELEGRAM_SECRET"), std::string::npos) << env.error;
}

TEST(Config, APublicUrlIsARootWithoutATrailingSlashOrQuery) {
    for (const char* bad :
         {"advisor.example", "https://advisor.example/", "https://advisor.example?x=1", "ftp://a.b"}) {
        EXPECT_EQ(parse_command_line({"career-advisor", "serve", "--public-url", bad}, {}).exit_code, 2)
            << bad;
    }
    EXPECT_TRUE(
        parse_command_line({"career-advisor", "serve", "--public-url", "http://10.0.0.5:8080"}, {}).run);
}
