#include "server/router.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "support/eventually.hpp"
#include "support/project_advisor.hpp"
#include "support/temp_dir.hpp"

using namespace server;

namespace {

Response call(AppState& state, http::verb method, const std::string& target) {
    Request request{method, target, 11};
    request.set(http::field::host, "127.0.0.1:8080");
    std::optional<Response> out;
    route(state, request, Peer{"127.0.0.1", true, 1, {}, "127.0.0.1"},
          [&out](Response r) { out = std::move(r); });
    EXPECT_TRUE(out.has_value()) << "route() must reply at once for " << target;
    return out ? *out : Response{};
}

// The shared project advisor, not owned: it lives for the whole test program.
intents::AdvisorPtr advisor() {
    return intents::AdvisorPtr(&test_support::project_advisor(), [](const intents::Advisor*) {});
}

}  // namespace

TEST(AppState, BackgroundWorkThatThrowsIsHandedToItsFailureAndTheThreadGoesOn) {
    AppState state(Config{}, advisor());
    for (const auto kind : {AppState::Background::report, AppState::Background::webhook}) {
        std::atomic<int> failed = 0, done = 0;
        state.run_in_background(
            kind, [] { throw std::runtime_error("a handler's bug"); }, [&failed] { ++failed; });
        state.run_in_background(
            kind, [&done] { ++done; }, [&failed] { ++failed; });
        ASSERT_TRUE(test_support::eventually([&] { return failed == 1 && done == 1; }))
            << "the next work still runs";
    }
    EXPECT_TRUE(state.finish_background_work(std::chrono::steady_clock::now() + std::chrono::seconds(10)));
}

TEST(AppState, TheExitWaitsForAReportUntilItsDeadlineOrUntilToldNotTo) {
    AppState state(Config{}, advisor());
    std::mutex held;
    std::unique_lock lock(held);  // the report waits on it, as on a store that does not answer
    state.run_in_background(
        AppState::Background::report, [&held] { std::lock_guard wait(held); }, [] {});
    std::atomic<bool> webhook_done = false;
    state.run_in_background(
        AppState::Background::webhook, [&webhook_done] { webhook_done = true; }, [] {});
    EXPECT_TRUE(test_support::eventually([&] { return webhook_done.load(); })) << "not behind the report";
    const auto start = std::chrono::steady_clock::now();
    std::thread second_signal([&state] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        state.abandon_reports();
    });
    EXPECT_FALSE(state.finish_background_work(start + std::chrono::seconds(30)));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5))
        << "abandoned, not waited for";
    second_signal.join();
    lock.unlock();  // the report ends, so the pool's destructor can join it
}

TEST(Router, ReadyzTurns503AndConnectionsCloseOnceDraining) {
    AppState state(Config{}, advisor());
    Response before = call(state, http::verb::get, "/readyz");
    EXPECT_EQ(before.result(), http::status::ok);
    EXPECT_TRUE(before.keep_alive());
    state.start_draining();
    Response after = call(state, http::verb::get, "/readyz");
    EXPECT_EQ(after.result(), http::status::service_unavailable);
    EXPECT_FALSE(after.keep_alive());
    EXPECT_EQ(call(state, http::verb::get, "/healthz").result(),
              http::status::ok);  // alive, just not taking work
}

TEST(Router, UpgradesAreRefusedWhileDraining) {
    AppState state(Config{}, advisor());
    Request upgrade{http::verb::get, "/ws", 11};
    upgrade.set(http::field::host, "127.0.0.1:8080");
    state.start_draining();
    const auto refusal = refuse_upgrade(state, upgrade, Peer{"127.0.0.1", true, 1, {}, "127.0.0.1"});
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->result(), http::status::service_unavailable);
}

TEST(Router, ReadyzShowsTheStoreAndStaysReadyWhileItFails) {
    test_support::TempDir dir;
    test_support::write_file(dir.path() / "file", "where the data directory should be");
    for (const bool works : {true, false}) {
        const analytics::StoreLocation location{"sqlite", works ? dir.path() / "data" : dir.path() / "file",
                                                true};
        analytics::Recorder recorder([location] { return analytics::open_store(location); }, "sqlite", {});
        AppState state(Config{}, advisor(), &recorder);
        Response res = call(state, http::verb::get, "/readyz");
        EXPECT_EQ(res.result(), http::status::ok) << "chat works without the store";
        const auto body = nlohmann::json::parse(res.body());
        EXPECT_EQ(body["store"]["kind"], "sqlite");
        EXPECT_EQ(body["store"]["ok"], works) << body;
        EXPECT_EQ(body["store"].contains("problem"), !works) << body;
    }
}

TEST(Router, FeedbackIsAPostAndTheReportAGet) {
    AppState state(Config{}, advisor());
    Response get = call(state, http::verb::get, "/api/v1/feedback");
    EXPECT_EQ(get.result(), http::status::method_not_allowed);
    EXPECT_EQ(get[http::field::allow], "POST");
    Response post = call(state, http::verb::post, "/admin/report");
    EXPECT_EQ(post.result(), http::status::method_not_allowed);
    EXPECT_EQ(post[http::field::allow], "GET, HEAD");
    Response unrecorded = call(state, http::verb::get, "/admin/report");
    EXPECT_EQ(unrecorded.result(), http::status::service_unavailable)
        << "a server without a recorder has no report";
}

TEST(Router, ServesTheOpenApiDescriptionAsJsonRevalidatedByItsETag) {
    AppState state(Config{}, advisor());
    Response first = call(state, http::verb::get, "/api/v1/openapi.json");
    ASSERT_EQ(first.result(), http::status::ok);
    EXPECT_EQ(first[http::field::content_type], "application/json");
    EXPECT_EQ(first[http::field::cache_control], "no-cache");
    EXPECT_EQ(first[http::field::access_control_allow_origin], "*");
    const auto spec = nlohmann::json::parse(first.body(), nullptr, false);
    ASSERT_TRUE(spec.is_object()) << "JSON, not the YAML it is written in";
    EXPECT_EQ(spec.at("openapi"), "3.1.0");
    EXPECT_TRUE(spec.at("paths").contains("/api/v1/openapi.json")) << "it describes itself too";

    Request again{http::verb::get, "/api/v1/openapi.json", 11};
    again.set(http::field::host, "127.0.0.1:8080");
    again.set(http::field::if_none_match, std::string(first[http::field::etag]));
    std::optional<Response> revalidated;
    route(state, again, Peer{"127.0.0.1", true, 1, {}, "127.0.0.1"},
          [&revalidated](Response r) { revalidated = std::move(r); });
    ASSERT_TRUE(revalidated.has_value());
    EXPECT_EQ(revalidated->result(), http::status::not_modified);
    EXPECT_TRUE(revalidated->body().empty());
}

TEST(Router, ServesTheOpenApiDescriptionAsTheStaticFilesAreEncoded) {
    AppState state(Config{}, advisor());
    const auto with = [&state](std::string_view accept_encoding) {
        Request request{http::verb::get, "/api/v1/openapi.json", 11};
        request.set(http::field::host, "127.0.0.1:8080");
        request.set(http::field::accept_encoding, accept_encoding);
        std::optional<Response> reply;
        route(state, request, Peer{"127.0.0.1", true, 1, {}, "127.0.0.1"},
              [&reply](Response r) { reply = std::move(r); });
        return *reply;
    };
    const Response brotli = with("gzip, br");
    const Response gzipped = with("gzip");
    const Response identity = with("identity");
    EXPECT_EQ(brotli[http::field::content_encoding], "br");
    EXPECT_EQ(gzipped[http::field::content_encoding], "gzip");
    EXPECT_EQ(identity[http::field::content_encoding], "");
    for (const Response* r : {&brotli, &gzipped, &identity}) {
        EXPECT_EQ((*r)[http::field::vary], "Accept-Encoding");
        EXPECT_EQ((*r)[http::field::cache_control], "no-cache");
    }
    EXPECT_NE(brotli[http::field::etag], gzipped[http::field::etag]) << "each representation its own tag";
    EXPECT_NE(gzipped[http::field::etag], identity[http::field::etag]);
    EXPECT_LT(brotli.body().size(), identity.body().size());
}
