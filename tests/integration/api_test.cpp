#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "support/clients.hpp"
#include "support/server_process.hpp"

using namespace test_support;
using nlohmann::json;
namespace http = boost::beast::http;

namespace {

ServerProcess& shared_server() {
    static ServerProcess server;
    return server;
}

HttpResult get(const std::string& target) {
    return http_request(shared_server().port(), http::verb::get, target);
}

}  // namespace

TEST(SalaryApi, WithoutFiltersListsEveryFigure) {
    auto res = get("/api/v1/salary");
    ASSERT_EQ(res.status, 200u);
    const json body = res.json();
    EXPECT_EQ(body["kind"], "salary");
    EXPECT_EQ(body["unit"], "USD/year");
    EXPECT_GE(body["rows"].size(), 15u);
    for (const json& row : body["rows"]) {
        EXPECT_TRUE(row.contains("value") || (row.contains("low") && row.contains("high"))) << row;
        EXPECT_TRUE(row["source"] == "noble-guide-2026" || row["source"] == "truest-profile") << row;
    }
}

TEST(SalaryApi, FiltersByLocation) {
    const json body = get("/api/v1/salary?location=seattle").json();
    ASSERT_EQ(body["rows"].size(), 1u);
    EXPECT_EQ(body["rows"][0]["low"], 140000);
    EXPECT_EQ(body["rows"][0]["high"], 170000);
    EXPECT_EQ(body["rows"][0]["scope"], "range");
}

TEST(SalaryApi, AcceptsNamesAndAliasesAsFilters) {
    const json sf = get("/api/v1/salary?location=San%20Francisco").json();
    EXPECT_EQ(sf["filters"]["location"], json::array({"san-francisco"}));
    EXPECT_EQ(sf["rows"].size(), 2u);  // the Bay Area range and the location table's figure
    EXPECT_EQ(get("/api/v1/salary?level=seniors").json()["filters"]["level"], json::array({"senior"}));
}

TEST(SalaryApi, AFigureStatedInSeveralPlacesIsOneRowNamingEach) {
    const json rows = get("/api/v1/salary?location=us").json()["rows"];
    int noble_115k = 0;
    for (const json& row : rows) {
        if (row.value("value", 0) == 115000 && row["source"] == "noble-guide-2026") {
            ++noble_115k;
            EXPECT_GE(row["facts"].size(), 3u) << row;
        }
    }
    EXPECT_EQ(noble_115k, 1) << rows;
}

TEST(SalaryApi, TheAllWorkersBaselineIsMarkedAsAComparison) {
    int comparisons = 0;
    const json body = get("/api/v1/salary").json();
    for (const json& row : body["rows"]) {
        if (row.value("comparison", false)) {
            ++comparisons;
            EXPECT_EQ(row["value"], 56310) << row;
        } else {
            EXPECT_NE(row.value("value", 0), 56310) << row;
        }
    }
    EXPECT_EQ(comparisons, 1);
}

TEST(SalaryApi, ACombinationTheSourcesDoNotCoverSaysSoAndGivesEachOnItsOwn) {
    const json body = get("/api/v1/salary?location=sf&level=senior").json();
    EXPECT_TRUE(body["rows"].empty());
    EXPECT_NE(body.value("note", "").find("San Francisco"), std::string::npos) << body;
    std::set<std::string> kinds;
    for (const json& row : body["nearest"])
        kinds.insert(row.contains("location") ? "location" : row.value("level", ""));
    EXPECT_EQ(kinds, (std::set<std::string>{"location", "senior"})) << body["nearest"];
    EXPECT_FALSE(get("/api/v1/salary?location=seattle").json().contains("note"))
        << "only when nothing matched";
}

TEST(SalaryApi, SeveralValuesOfAFilterAreEitherOf) {
    const json body = get("/api/v1/salary?location=seattle,austin").json();
    EXPECT_EQ(body["filters"]["location"], json::array({"seattle", "austin"}));
    ASSERT_EQ(body["rows"].size(), 2u) << body;
    EXPECT_EQ(body["rows"][0]["location"], "seattle");
    EXPECT_EQ(body["rows"][1]["location"], "austin");
}

TEST(SalaryApi, ALongListOfValuesIsRefusedNotRead) {
    std::string many = "Seattle";
    for (int i = 0; i < 20; ++i) many += ",Seattle";
    const auto res = get("/api/v1/salary?location=" + many);
    EXPECT_EQ(res.status, 400u);
    EXPECT_NE(res.json()["message"].get<std::string>().find("at most 20 values"), std::string::npos)
        << res.body;
}

TEST(SalaryApi, TheFiltersAreListedWithTheirNames) {
    const auto res = get("/api/v1/salary/filters");
    ASSERT_EQ(res.status, 200u);
    const json body = res.json();
    EXPECT_NE(std::find(body["location"].begin(), body["location"].end(),
                        json({{"id", "seattle"}, {"name", "Seattle"}})),
              body["location"].end())
        << body;
    ASSERT_FALSE(body["level"].empty());
    for (const auto& kind : {"location", "level"}) {
        for (const json& value : body[kind]) {
            EXPECT_EQ(
                get(std::string("/api/v1/salary?") + kind + "=" + value["id"].get<std::string>()).status,
                200u)
                << value;
        }
    }
}

TEST(SalaryApi, FiltersByLevel) {
    const json body = get("/api/v1/salary?level=entry").json();
    ASSERT_EQ(body["rows"].size(), 1u);
    EXPECT_EQ(body["rows"][0]["low"], 80000);
    EXPECT_EQ(body["rows"][0]["high"], 100000);
}

TEST(SalaryApi, UnknownValueIs400ListingKnownValues) {
    auto res = get("/api/v1/salary?location=chicago");
    EXPECT_EQ(res.status, 400u);
    const std::string message = res.json()["message"];
    EXPECT_NE(message.find("unknown location 'chicago'"), std::string::npos) << message;
    EXPECT_NE(message.find("seattle"), std::string::npos) << message;
    EXPECT_NE(message.find("cincinnati"), std::string::npos) << message;
    EXPECT_EQ(get("/api/v1/salary?level=wizard").status, 400u);
}

TEST(SalaryApi, UnknownParameterIs400) {
    auto res = get("/api/v1/salary?city=seattle");
    EXPECT_EQ(res.status, 400u);
    EXPECT_NE(res.json()["message"].get<std::string>().find("unknown parameter 'city'"), std::string::npos);
}

TEST(TopicsApi, ListsTopicalIntentsWithExamples) {
    auto res = get("/api/v1/topics");
    ASSERT_EQ(res.status, 200u);
    const json topics = res.json()["topics"];
    EXPECT_GE(topics.size(), 20u);
    bool has_salary = false;
    for (const json& t : topics) {
        EXPECT_FALSE(t["example"].get<std::string>().empty());
        has_salary = has_salary || t["intent"] == "salary";
        EXPECT_EQ(t["kind"], "topic") << t;  // not help, identity, gaps or the responder's own
    }
    EXPECT_TRUE(has_salary);
}

TEST(LimitsApi, SaysWhatTheServerWasStartedWith) {
    ServerProcess server({"--max-question-chars", "300", "--max-message-bytes", "2048"});
    const auto res = http_request(server.port(), http::verb::get, "/api/v1/limits");
    ASSERT_EQ(res.status, 200u);
    EXPECT_EQ(res.json(), json({{"max_question_chars", 300},
                                {"max_message_bytes", 2048},
                                {"max_comment_chars", 500},
                                {"origin_allowed", true}}));
    EXPECT_EQ(res.headers.at("Access-Control-Allow-Origin"), "*") << "embedding sites read it";
}

TEST(LimitsApi, SaysWhetherTheAskingSiteMayOpenTheChat) {
    ServerProcess server({"--allowed-origin", "https://allowed.example"});
    const auto from = [&](const std::string& origin) {
        return http_request(server.port(), http::verb::get, "/api/v1/limits", "", {{"Origin", origin}})
            .json();
    };
    EXPECT_EQ(from("https://allowed.example")["origin_allowed"], true);
    EXPECT_EQ(from("https://other.example")["origin_allowed"], false);
    EXPECT_EQ(from("http://127.0.0.1:" + std::to_string(server.port()))["origin_allowed"], true)
        << "its own pages";
}

TEST(AskApi, SourcesNameTheirPublisherAndDate) {
    const auto res = http_request(shared_server().port(), http::verb::post, "/api/v1/ask",
                                  json{{"text", "what is the median pay?"}}.dump());
    ASSERT_EQ(res.status, 200u) << res.body;
    const json sources = res.json()["sources"];
    ASSERT_FALSE(sources.empty()) << res.body;
    for (const json& s : sources) {
        if (s["id"] == "noble-guide-2026") {
            EXPECT_EQ(s["publisher"], "Noble Desktop");
            EXPECT_EQ(s["published"], "2026-03-22");
        } else {
            EXPECT_EQ(s["publisher"], "Truest");
            EXPECT_FALSE(s.contains("published")) << "the profile is undated: " << s;
        }
        EXPECT_FALSE(s["title"].get<std::string>().empty());
    }
}
