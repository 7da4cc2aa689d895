#include <gtest/gtest.h>

#include "server/config.hpp"

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
    auto both = parse_command_line({"career-advisor", "serve", "--port", "0"}, {{"CAREER_ADVISOR_PORT", "9000"}});
    EXPECT_EQ(both.config.port, 0);
}

TEST(Config, UnknownFlagExitsTwoNamingIt) {
    auto out = parse_command_line({"career-advisor", "serve", "--colour", "red"}, {});
    EXPECT_FALSE(out.run);
    EXPECT_EQ(out.exit_code, 2);
    EXPECT_NE(out.error.find("--colour"), std::string::npos) << out.error;
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
    auto out = parse_command_line({"career-advisor", "ask", "pay in seattle?", "and for seniors?", "why?"}, {});
    ASSERT_TRUE(out.run);
    EXPECT_EQ(out.config.question, "pay in seattle?");
    EXPECT_EQ(out.config.follow_ups, (std::vector<std::string>{"and for seniors?", "why?"}));
}

TEST(Config, AskWithoutQuestionIsAnError) {
    auto out = parse_command_line({"career-advisor", "ask"}, {});
    EXPECT_EQ(out.exit_code, 2);
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
