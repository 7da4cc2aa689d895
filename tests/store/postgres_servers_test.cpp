// Real servers on a real local PostgreSQL: replicas sharing one database, and a database that stops.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>

#include <future>
#include <thread>

#include "support/channel_clients.hpp"
#include "support/clients.hpp"
#include "support/eventually.hpp"
#include "support/postgres_server.hpp"
#include "support/server_process.hpp"

using namespace test_support;
using nlohmann::json;
namespace http = boost::beast::http;
using namespace std::chrono_literals;

namespace {

json ask(std::uint16_t port, const std::string& text) {
    return http_request(port, http::verb::post, "/api/v1/ask", json{{"text", text}}.dump()).json();
}

json readyz(std::uint16_t port) { return http_request(port, http::verb::get, "/readyz").json(); }

// Holds an exclusive lock on the feedback table in an open transaction: a report, which reads it, waits as on
// a slow store until the lock goes (up to the server's statement timeout); answers are still written.
class FeedbackLocked {
  public:
    explicit FeedbackLocked(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
        PQclear(PQexec(conn_, "BEGIN"));
        PGresult* locked = PQexec(conn_, "LOCK TABLE feedback IN ACCESS EXCLUSIVE MODE");
        ok_ = PQresultStatus(locked) == PGRES_COMMAND_OK;
        PQclear(locked);
    }
    ~FeedbackLocked() {
        PQclear(PQexec(conn_, "ROLLBACK"));
        PQfinish(conn_);
    }
    FeedbackLocked(const FeedbackLocked&) = delete;
    FeedbackLocked& operator=(const FeedbackLocked&) = delete;
    bool ok() const { return ok_; }

  private:
    PGconn* conn_;
    bool ok_ = false;
};

// GET /admin/report on its own thread (it waits for the lock): its status, once it comes.
std::future<unsigned> report_later(std::uint16_t port) {
    return std::async(std::launch::async, [port] {
        try {
            return http_request(port, http::verb::get, "/admin/report?since=1d").status;
        } catch (const std::exception&) {
            return 0u;  // the server went first
        }
    });
}

}  // namespace

TEST(SharedPostgres, TwoServersWritingToOneDatabaseGiveOneReport) {
    const std::string url = shared_postgres().create_database();
    ServerProcess a({"--database", url}), b({"--database", url});
    const json from_a = ask(a.port(), "can I become an astronaut with this?");
    const json from_b = ask(b.port(), "how much do back-end developers make?");
    ask(b.port(), "can I become an astronaut with this");
    // A vote on A's answer, sent to B (a load balancer does not keep a visitor on one replica).
    const auto vote =
        http_request(b.port(), http::verb::post, "/api/v1/feedback",
                     json{{"answer_id", from_a["answer_id"]}, {"helpful", false}, {"comment", "meh"}}.dump());
    EXPECT_EQ(vote.status, 200u) << vote.body;
    json seen;
    ASSERT_TRUE(eventually([&] {
        seen = admin_report(a.port());
        return seen["totals"]["answers"] == 3 && seen["totals"]["not_helpful"] == 1;
    })) << seen.dump(2);
    EXPECT_EQ(seen["store"], "postgresql");
    EXPECT_EQ(seen["unanswered"][0]["count"], 2) << "one group from both servers";
    EXPECT_EQ(seen["not_helpful"][0]["answer_id"], from_a["answer_id"]);
    EXPECT_EQ(admin_report(b.port())["totals"], seen["totals"]) << "either replica serves the same report";
    EXPECT_EQ(from_b["type"], "answer");
}

TEST(SharedPostgres, AChannelFollowUpIsUnderstoodByAnotherReplica) {
    const std::string url = shared_postgres().create_database();
    ServerProcess a({"--database", url, "--twilio-auth-token", twilio_token});
    ServerProcess b({"--database", url, "--twilio-auth-token", twilio_token});
    const std::string first =
        twiml_text(twilio(a.port(), "+14155550199", "what do developers earn in Seattle?", "SMr1").body);
    EXPECT_NE(first.find("Seattle: $140K-$170K"), std::string::npos) << first;
    const std::string follow_up = twiml_text(twilio(b.port(), "+14155550199", "and in Austin?", "SMr2").body);
    EXPECT_NE(follow_up.find("Austin: $140K-$170K"), std::string::npos) << follow_up;
    EXPECT_EQ(query_postgres(url, "SELECT COUNT(*) FROM channel_contexts WHERE sender LIKE '%4155550199%'"),
              "0")
        << "senders are stored hashed";
    EXPECT_EQ(query_postgres(url, "SELECT COUNT(*) FROM channel_contexts"), "1");
}

TEST(SharedPostgres, ARetryReachingAnotherReplicaGetsTheFirstReplyAndIsAnsweredOnce) {
    const std::string url = shared_postgres().create_database();
    ServerProcess a({"--database", url, "--twilio-auth-token", twilio_token});
    ServerProcess b({"--database", url, "--twilio-auth-token", twilio_token});
    const HttpResult first = twilio(a.port(), "+14155550123", "what skills do I need?", "SMretry1");
    const HttpResult retry = twilio(b.port(), "+14155550123", "what skills do I need?", "SMretry1");
    EXPECT_EQ(first.status, 200u);
    EXPECT_NE(twiml_text(first.body), "") << first.body;
    EXPECT_EQ(retry.body, first.body);
    EXPECT_EQ(metric(a.port(), "career_advisor_channel_answers_total{channel=\"sms\"}"), 1);
    EXPECT_EQ(metric(b.port(), "career_advisor_channel_answers_total{channel=\"sms\"}"), 0)
        << "answered once";
    EXPECT_EQ(
        metric(b.port(), "career_advisor_channel_refused_total{channel=\"twilio\",reason=\"replayed\"}"), 1);
    EXPECT_EQ(query_postgres(url, "SELECT COUNT(*) FROM channel_deliveries"), "1");
}

TEST(SharedPostgres, AnIdFromAnotherDeploymentIsUnknownToIt) {
    ServerProcess ours({"--database", shared_postgres().create_database()});
    ServerProcess theirs({"--database", shared_postgres().create_database()});
    const json answer = ask(theirs.port(), "hello");
    const auto vote = http_request(ours.port(), http::verb::post, "/api/v1/feedback",
                                   json{{"answer_id", answer["answer_id"]}, {"helpful", true}}.dump());
    EXPECT_EQ(vote.status, 404u);
    EXPECT_EQ(vote.json()["code"], "unknown_answer");
}

TEST(StoppedPostgres, IsReportedWhileChatWorksAndWhatWaitedIsWrittenWhenItReturns) {
    PostgresServer postgres;  // its own, to stop without disturbing the other tests
    const std::string url = postgres.create_database();
    ServerProcess server({"--database", url});
    ASSERT_EQ(readyz(server.port())["store"]["ok"], true);
    postgres.stop();
    const json answer = ask(server.port(), "can I become an astronaut with this?");
    EXPECT_EQ(answer["type"], "answer") << "chat goes on";
    json ready;
    ASSERT_TRUE(eventually([&] {
        ready = readyz(server.port());
        return ready["store"]["ok"] == false;
    })) << ready.dump();
    EXPECT_EQ(ready["status"], "ready");
    EXPECT_EQ(ready["store"]["kind"], "postgresql");
    EXPECT_NE(ready["store"]["problem"].get<std::string>().find("PostgreSQL"), std::string::npos)
        << ready.dump();
    EXPECT_EQ(ready.dump().find("host="), std::string::npos) << "no connection details in public";
    const auto metrics = http_request(server.port(), http::verb::get, "/metrics").body;
    EXPECT_NE(metrics.find("career_advisor_store_up{store=\"postgresql\"} 0"), std::string::npos);
    EXPECT_NE(server.log().find("recording: cannot write to the postgresql store"), std::string::npos)
        << server.log();
    const auto refused = http_request(server.port(), http::verb::get, "/admin/report");
    EXPECT_EQ(refused.status, 503u);
    EXPECT_EQ(refused.json()["code"], "unavailable");

    postgres.start();
    ASSERT_TRUE(eventually([&] { return readyz(server.port())["store"]["ok"] == true; }, 45s));
    json seen;
    ASSERT_TRUE(eventually([&] {
        seen = admin_report(server.port());
        return seen["totals"]["answers"] == 1;
    })) << seen.dump();
    EXPECT_EQ(seen["unanswered"][0]["text"], "can I become an astronaut with this?");
}

// One background thread once ran reports and webhooks: a Slack reply waited 7 s behind a report (Slack gives
// up at 3 s), and the exit waited for the report past --drain-seconds, a second SIGTERM unheard.
TEST(SharedPostgres, AWebhookIsNotHeldUpByAReportAndASecondSigtermDoesNotWaitForOne) {
    const std::string url = shared_postgres().create_database();
    ServerProcess server({"--database", url, "--slack-signing-secret", slack_secret, "--drain-seconds", "60",
                          "--log-level", "info"});
    FeedbackLocked lock(url);
    ASSERT_TRUE(lock.ok());
    auto report = report_later(server.port());
    ASSERT_TRUE(eventually([&] {  // the report is on its thread, waiting for the lock
        return query_postgres(url, "SELECT COUNT(*) FROM pg_locks WHERE NOT granted") != "0";
    }));
    const auto asked = std::chrono::steady_clock::now();
    const HttpResult reply = slack(server.port(), "what do seniors earn?", "bg.1");
    EXPECT_EQ(reply.status, 200u);
    EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(3)) << "within Slack's 3 s";

    server.signal(SIGTERM);  // the report's connection holds up the drain, which may last 60 s ...
    ASSERT_TRUE(eventually([&] { return server.log().find("draining") != std::string::npos; }))
        << server.log();
    const auto second = std::chrono::steady_clock::now();
    EXPECT_EQ(server.stop(std::chrono::seconds(10)), 0)  // a second SIGTERM, which does not wait for the
        << server.log();                                 // report either
    EXPECT_LT(std::chrono::steady_clock::now() - second, std::chrono::seconds(5));
    EXPECT_EQ(report.get(), 0u) << "the report never answered";
}
