// The background writer: batches, a bounded queue, a failing store, the flush at stop, retention.
#include "analytics/recorder.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "support/eventually.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

using namespace analytics;
using namespace std::chrono_literals;
using test_support::eventually;

namespace {

std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

AnswerEvent answer(const std::string& id, std::int64_t at = now_ms(), bool fallback = false) {
    AnswerEvent e;
    e.answer_id = id;
    e.at_ms = at;
    e.intents = {fallback ? "fallback" : "salary"};
    e.fallback = fallback;
    e.question = "what about " + id + "?";
    return e;
}

RecorderOptions quick() {
    RecorderOptions o;
    o.flush_interval = 50ms;
    o.retry_max = 200ms;
    return o;
}

struct SqliteRecorder {
    test_support::TempDir dir;
    StoreLocation location{"sqlite", dir.path(), true};
    Recorder::OpenStore opener() const {
        return [l = location] { return open_store(l); };
    }
    std::uint64_t stored() const {
        auto store = open_store(location);
        const auto rows = store->read(0, 1000);
        return rows.days.empty()
                   ? 0
                   : rows.days.front().answers + (rows.days.size() > 1 ? rows.days[1].answers : 0);
    }
};

}  // namespace

TEST(Recorder, WritesWhatIsRecordedWithinTheFlushInterval) {
    SqliteRecorder r;
    Recorder recorder(r.opener(), "sqlite", quick());
    EXPECT_TRUE(recorder.status().ok);
    for (int i = 0; i < 10; ++i) EXPECT_TRUE(recorder.record(answer("a" + std::to_string(i))));
    EXPECT_TRUE(eventually([&] { return recorder.status().written == 10; }));
    EXPECT_EQ(r.stored(), 10u);
    EXPECT_EQ(recorder.status().queued, 0u);
}

TEST(Recorder, StopWritesWhatIsStillQueued) {
    SqliteRecorder r;
    RecorderOptions o;
    o.flush_interval = 1h;  // only stop() can write them
    Recorder recorder(r.opener(), "sqlite", o);
    for (int i = 0; i < 25; ++i) recorder.record(answer("a" + std::to_string(i)));
    recorder.stop(5s);
    EXPECT_EQ(r.stored(), 25u);
    EXPECT_FALSE(recorder.record(answer("late"))) << "after stop nothing is taken";
}

TEST(Recorder, AFullBatchIsWrittenWithoutWaitingForTheInterval) {
    SqliteRecorder r;
    RecorderOptions o;
    o.flush_interval = 1h;
    o.batch_size = 5;
    Recorder recorder(r.opener(), "sqlite", o);
    for (int i = 0; i < 5; ++i) recorder.record(answer("a" + std::to_string(i)));
    EXPECT_TRUE(eventually([&] { return recorder.status().written == 5; }));
}

TEST(Recorder, QuestionTextIsKeptOnlyForUnansweredQuestionsUnlessAllAreAsked) {
    for (const bool all : {false, true}) {
        SqliteRecorder r;
        RecorderOptions o = quick();
        o.all_questions = all;
        {
            Recorder recorder(r.opener(), "sqlite", o);
            recorder.record(answer("answered"));
            recorder.record(answer("missed", now_ms(), true));
        }
        const auto file = r.dir.path() / "analytics.sqlite3";
        EXPECT_EQ(test_support::query_sqlite(file, "SELECT question FROM answers WHERE answer_id = 'missed'"),
                  "what about missed?");
        EXPECT_EQ(test_support::query_sqlite(file, "SELECT COUNT(*) FROM answers WHERE question IS NOT NULL"),
                  all ? "2" : "1");
    }
}

TEST(Recorder, AStoreThatCannotOpenIsReportedAndAFullQueueDropsAndCounts) {
    test_support::TempDir dir;
    test_support::write_file(dir.path() / "not-a-directory", "x");
    const StoreLocation location{"sqlite", dir.path() / "not-a-directory", true};
    RecorderOptions o = quick();
    o.queue_capacity = 5;
    Recorder recorder([location] { return open_store(location); }, "sqlite", o);
    const RecorderStatus at_start = recorder.status();
    EXPECT_FALSE(at_start.ok);
    EXPECT_EQ(at_start.problem, "cannot create the data directory");
    int taken = 0;
    for (int i = 0; i < 8; ++i) taken += recorder.record(answer("a" + std::to_string(i))) ? 1 : 0;
    EXPECT_EQ(taken, 5);
    const RecorderStatus full = recorder.status();
    EXPECT_EQ(full.dropped, 3u);
    EXPECT_EQ(full.recorded, 5u);
    EXPECT_EQ(full.queued, 5u);
    EXPECT_GE(full.failures, 1u);
}

TEST(Recorder, EventsKeptWhileTheStoreFailsAreWrittenWhenItComesBack) {
    test_support::TempDir dir;
    const auto blocked = dir.path() / "data";
    test_support::write_file(blocked, "a file where the directory should be");
    const StoreLocation location{"sqlite", blocked, true};
    Recorder recorder([location] { return open_store(location); }, "sqlite", quick());
    for (int i = 0; i < 3; ++i) recorder.record(answer("a" + std::to_string(i)));
    EXPECT_TRUE(eventually([&] { return recorder.status().failures >= 2; })) << "retried";
    std::filesystem::remove(blocked);
    EXPECT_TRUE(eventually([&] { return recorder.status().ok && recorder.status().written == 3; }));
    EXPECT_EQ(recorder.status().problem, "");
}

// One event the database refused once held up every later one: the batch was retried forever and the
// events queued behind it were lost at exit.
TEST(Recorder, AnEventTheStoreRefusesIsLeftOutAndTheRestAreWritten) {
    const std::string url = test_support::shared_postgres().create_database();
    const StoreLocation location{url, {}, true};
    open_store(location)->migrate();
    test_support::execute_postgres(url,
                                   "ALTER TABLE answers ADD CONSTRAINT refuse CHECK (answer_id <> 'poison')");
    Recorder recorder([location] { return open_store(location); }, "postgresql", quick());
    for (const char* id : {"a1", "poison", "a2"}) recorder.record(answer(id));
    EXPECT_TRUE(eventually([&] { return recorder.status().written == 2; }));
    const RecorderStatus status = recorder.status();
    EXPECT_EQ(status.refused, 1u);
    EXPECT_TRUE(status.ok);
    recorder.record(answer("a3"));
    EXPECT_TRUE(eventually([&] { return recorder.status().written == 3; })) << "later events are written";
    EXPECT_EQ(test_support::query_postgres(
                  url, "SELECT string_agg(answer_id, ',' ORDER BY answer_id) FROM answers"),
              "a1,a2,a3");
    EXPECT_EQ(recorder.status().queued, 0u);
}

// A database file deleted under a running server once took every later write into the deleted file while
// /readyz said all was well: now it is a store failure, and the writer starts the file again.
TEST(Recorder, ADatabaseFileDeletedUnderItIsAFailureAndIsStartedAgain) {
    SqliteRecorder r;
    Recorder recorder(r.opener(), "sqlite", quick());
    recorder.record(answer("before"));
    ASSERT_TRUE(eventually([&] { return recorder.status().written == 1; }));
    const auto file = r.dir.path() / "analytics.sqlite3";
    std::filesystem::remove(file);
    recorder.record(answer("after"));
    EXPECT_TRUE(eventually([&] { return recorder.status().written == 2; }));
    EXPECT_GE(recorder.status().failures, 1u);
    EXPECT_TRUE(recorder.status().ok);
    EXPECT_EQ(test_support::query_sqlite(file, "SELECT group_concat(answer_id) FROM answers"), "after");
}

TEST(Recorder, AnswerIdsAreSignedWithTheStoresKey) {
    SqliteRecorder r;
    Recorder recorder(r.opener(), "sqlite", quick());
    AnswerIds replica;
    replica.adopt(open_store(r.location)->migrate());
    EXPECT_EQ(replica.check(recorder.answer_ids().issue(now_ms()), now_ms(), 0), AnswerIds::Verdict::ok);
}

TEST(Recorder, RowsOlderThanTheRetentionAreDeleted) {
    SqliteRecorder r;
    {
        auto store = open_store(r.location);
        store->migrate();
        store->write(std::vector{answer("old", now_ms() - 40LL * 86'400'000), answer("new")}, {});
    }
    RecorderOptions o = quick();
    o.retention_days = 30;
    Recorder recorder(r.opener(), "sqlite", o);
    EXPECT_TRUE(eventually([&] { return r.stored() == 1; }));
}

// At the default limits one address could store ~5.8 GB a day: the budget keeps the newest within it, and the
// file with it (measured here, as an operator sizing a disk would).
TEST(Recorder, TheStoreBudgetDeletesTheOldestAndKeepsTheFileWithinTwiceIt) {
    SqliteRecorder r;
    RecorderOptions o = quick();
    o.all_questions = true;
    o.max_store_bytes = 1 << 20;
    const std::string question(500, 'x');
    const std::int64_t start = now_ms();
    const int events = 10'000;  // ~6 MiB of rows
    RecorderStatus status;
    {
        Recorder recorder(r.opener(), "sqlite", o);
        for (int i = 0; i < events; ++i) {  // as traffic comes: a batch written before the next arrives
            AnswerEvent e = answer("q" + std::to_string(i), start + i);
            e.question = question;
            ASSERT_TRUE(recorder.record(std::move(e)));
            if ((i + 1) % 250 == 0) {
                ASSERT_TRUE(eventually(
                    [&] { return recorder.status().written == static_cast<std::uint64_t>(i + 1); }));
            }
        }
        recorder.stop(30s);
        status = recorder.status();
    }
    EXPECT_EQ(status.written, static_cast<std::uint64_t>(events));
    EXPECT_GT(status.budget_deleted, 0u);
    EXPECT_LE(status.store_bytes, o.max_store_bytes);
    auto store = open_store(r.location);
    const StoreUsage usage = store->usage();
    EXPECT_LE(usage.bytes, o.max_store_bytes);
    EXPECT_GE(usage.bytes, o.max_store_bytes / 2);                         // trimmed, not emptied
    EXPECT_EQ(store->answer_time_at(usage.rows - 1), start + events - 1);  // the newest stays
    EXPECT_GT(*store->answer_time_at(0), start);                           // the oldest went
    store.reset();
    const auto file = std::filesystem::file_size(r.dir.path() / "analytics.sqlite3");
    std::printf("store budget %llu bytes: usage %llu bytes, file %llu bytes\n",
                static_cast<unsigned long long>(o.max_store_bytes),
                static_cast<unsigned long long>(usage.bytes), static_cast<unsigned long long>(file));
    EXPECT_LE(file, 2 * o.max_store_bytes);
}

TEST(Recorder, RecordingFromManyThreadsLosesNothing) {
    SqliteRecorder r;
    Recorder recorder(r.opener(), "sqlite", quick());
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&recorder, t] {
            for (int i = 0; i < 500; ++i)
                recorder.record(answer(std::to_string(t) + "-" + std::to_string(i)));
        });
    }
    for (auto& t : threads) t.join();
    recorder.stop(10s);
    EXPECT_EQ(r.stored(), 2000u);
}
