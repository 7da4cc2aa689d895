#include "server/metrics.hpp"

#include <gtest/gtest.h>

using namespace server;

TEST(Metrics, PrometheusTextHasEveryFamilyWithCounts) {
    Metrics m;
    m.connection_opened(true);
    m.answered("salary", 0.0003);
    m.answered("salary", 0.002);
    m.answered("fallback", 0.00001);
    m.error("too_long");
    m.refused(Refusal::origin);
    m.reloaded(true);
    const std::string text = m.prometheus_text("1.2.3", true, false);
    EXPECT_NE(text.find("career_advisor_build_info{version=\"1.2.3\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("career_advisor_ready 1\n"), std::string::npos);
    EXPECT_NE(text.find("career_advisor_connections_open{kind=\"websocket\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("career_advisor_answers_total{intent=\"salary\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("career_advisor_answers_total{intent=\"fallback\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("career_advisor_errors_total{code=\"too_long\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("career_advisor_refused_total{reason=\"origin\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("career_advisor_reloads_total{result=\"ok\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("career_advisor_answer_seconds_count 3\n"), std::string::npos);
    EXPECT_NE(text.find("career_advisor_answer_seconds_bucket{le=\"0.0005\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("career_advisor_answer_seconds_bucket{le=\"+Inf\"} 3\n"), std::string::npos);
}

TEST(Metrics, NotReadyWhileDraining) {
    Metrics m;
    EXPECT_NE(m.prometheus_text("x", true, true).find("career_advisor_ready 0\n"), std::string::npos);
}
