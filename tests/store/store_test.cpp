// One suite, both stores: what one engine does, the other must do too.
#include <gtest/gtest.h>

#include <thread>

#include "analytics/answer_ids.hpp"
#include "engines.hpp"

using namespace analytics;
using namespace test_support;

namespace {

constexpr std::int64_t day = 86'400'000;
constexpr std::int64_t nov_24 = 20'781 * day;

AnswerEvent answer(const std::string& id, std::int64_t at, std::vector<std::string> intents,
                   bool fallback = false, bool not_covered = false, std::string question = "") {
    AnswerEvent e;
    e.answer_id = id;
    e.at_ms = at;
    e.intents = std::move(intents);
    e.fallback = fallback;
    e.not_covered = not_covered;
    e.latency_us = 120;
    e.question = std::move(question);
    return e;
}

}  // namespace

template <class Engine>
class StoreTest : public testing::Test {
  protected:
    Engine engine;
    std::unique_ptr<Store> open() { return open_store(engine.location()); }
    std::unique_ptr<Store> migrated() {
        auto store = open();
        store->migrate();
        return store;
    }
};

using Engines = testing::Types<SqliteEngine, PostgresEngine>;
class EngineNames {
  public:
    template <class T>
    static std::string GetName(int) {
        return T::name;
    }
};
TYPED_TEST_SUITE(StoreTest, Engines, EngineNames);

TYPED_TEST(StoreTest, MigrateBringsAnEmptyDatabaseToTheCurrentSchemaWithAKey) {
    auto store = this->open();
    const std::string key = store->migrate();
    EXPECT_EQ(store->version(), schema_version());
    EXPECT_GE(schema_version(), 2);
    EXPECT_EQ(key.size(), 64u);
    AnswerIds ids;
    EXPECT_NO_THROW(ids.adopt(key));
}

TYPED_TEST(StoreTest, MigratingAgainKeepsTheRowsAndTheKey) {
    auto store = this->migrated();
    const std::string key = store->migrate();
    store->write(std::vector{answer("a1", nov_24, {"salary"})}, {});
    auto again = this->open();
    EXPECT_EQ(again->migrate(), key);
    EXPECT_EQ(again->read(0, 10).intents.size(), 1u);
}

TYPED_TEST(StoreTest, ADatabaseAtAnOlderVersionIsMigratedKeepingItsRows) {
    auto store = this->migrated();
    store->write(std::vector{answer("a1", nov_24, {"salary"})}, {});
    // As a program of schema version 1 left it.
    this->engine.execute("DROP INDEX answers_kept_questions");
    this->engine.execute("DROP TABLE channel_contexts");
    this->engine.execute("DROP TABLE channel_deliveries");
    this->engine.execute("DELETE FROM schema_version WHERE version > 1");
    ASSERT_EQ(store->version(), 1);
    store->migrate();
    EXPECT_EQ(store->version(), schema_version());
    EXPECT_EQ(store->read(0, 10).intents.at(0).answers, 1u);
}

TYPED_TEST(StoreTest, ADatabaseNewerThanThisProgramIsRefused) {
    auto store = this->migrated();
    this->engine.execute("INSERT INTO schema_version (version, applied_at_ms) VALUES (99, 0)");
    try {
        store->migrate();
        FAIL() << "a newer schema must be refused";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.reason(), "the database is newer than this program");
        EXPECT_NE(std::string(e.what()).find("99"), std::string::npos) << e.what();
    }
}

TYPED_TEST(StoreTest, MigrationsRacingFromTwoConnectionsBothEndWithOneSchemaAndOneKey) {
    std::string keys[2], errors[2];
    auto migrate = [this](std::string& key, std::string& error) {
        try {
            key = this->open()->migrate();
        } catch (const StoreError& e) {
            error = e.what();
        }
    };
    std::thread first(migrate, std::ref(keys[0]), std::ref(errors[0]));
    std::thread second(migrate, std::ref(keys[1]), std::ref(errors[1]));
    first.join();
    second.join();
    EXPECT_EQ(errors[0] + errors[1], "") << "a new database opened by two at once";
    EXPECT_EQ(keys[0], keys[1]);
    EXPECT_EQ(this->engine.query("SELECT COUNT(*) FROM schema_version"), std::to_string(schema_version()));
}

TYPED_TEST(StoreTest, TheReportRowsCountAnswersPerDayAndPerIntents) {
    auto store = this->migrated();
    store->write(std::vector{answer("a1", nov_24 - day + 5, {"salary"}),
                             answer("a2", nov_24 + 5, {"salary", "skills.overview"}),
                             answer("a3", nov_24 + 6, {"fallback"}, true, false, "weather?"),
                             answer("a4", nov_24 + 7, {"uncovered.cost"}, false, true, "bootcamp price?")},
                 std::vector{FeedbackEvent{"a2", nov_24 + 10, true, ""},
                             FeedbackEvent{"a4", nov_24 + 11, false, "meh"}});
    const ReportRows rows = store->read(nov_24 - day, 100);
    ASSERT_EQ(rows.days.size(), 2u);
    EXPECT_EQ(rows.days[0].day, 20'780);
    EXPECT_EQ(rows.days[0].answers, 1u);
    EXPECT_EQ(rows.days[1].answers, 3u);
    EXPECT_EQ(rows.days[1].fallback, 1u);
    EXPECT_EQ(rows.days[1].not_covered, 1u);
    EXPECT_EQ(rows.days[1].helpful, 1u);
    EXPECT_EQ(rows.days[1].not_helpful, 1u);
    ASSERT_EQ(rows.intents.size(), 4u);
    const auto combined = std::find_if(rows.intents.begin(), rows.intents.end(), [](const IntentsRow& r) {
        return r.intents == "salary skills.overview";
    });
    ASSERT_NE(combined, rows.intents.end());
    EXPECT_EQ(combined->helpful, 1u);
}

TYPED_TEST(StoreTest, TheReportRowsCountAnswersPerChannel) {
    auto store = this->migrated();
    AnswerEvent by_sms = answer("s1", nov_24 + 1, {"fallback"}, true);
    by_sms.channel = Channel::sms;
    AnswerEvent by_slack = answer("k1", nov_24 + 2, {"salary"});
    by_slack.channel = Channel::slack;
    store->write(
        std::vector{answer("w1", nov_24, {"salary"}), answer("w2", nov_24, {"salary"}), by_sms, by_slack},
        std::vector{FeedbackEvent{"k1", nov_24 + 3, false, ""}});
    const auto channels = store->read(nov_24, 100).channels;
    ASSERT_EQ(channels.size(), 3u);
    EXPECT_EQ(channels[0].channel, "websocket");
    EXPECT_EQ(channels[0].answers, 2u);
    EXPECT_EQ(channels[1].channel, "slack");
    EXPECT_EQ(channels[1].not_helpful, 1u);
    EXPECT_EQ(channels[2].channel, "sms");
    EXPECT_EQ(channels[2].fallback, 1u);
}

TYPED_TEST(StoreTest, UnansweredQuestionsComeNewestFirstAndOnlyWithTheirText) {
    auto store = this->migrated();
    store->write(std::vector{answer("a1", nov_24 + 1, {"fallback"}, true, false, "older"),
                             answer("a2", nov_24 + 2, {"fallback"}, true, false, ""),
                             answer("a3", nov_24 + 3, {"salary"}, false, false,
                                    "answered, text kept by --log-questions"),
                             answer("a4", nov_24 + 4, {"uncovered.cost"}, false, true, "newer")},
                 {});
    const ReportRows rows = store->read(nov_24, 100);
    ASSERT_EQ(rows.unanswered.size(), 2u);
    EXPECT_EQ(rows.unanswered[0].text, "newer");
    EXPECT_TRUE(rows.unanswered[0].not_covered);
    EXPECT_EQ(rows.unanswered[0].intents, "uncovered.cost");
    EXPECT_EQ(rows.unanswered[1].text, "older");
    EXPECT_TRUE(rows.unanswered[1].fallback);
    EXPECT_EQ(store->read(nov_24, 1).unanswered.size(), 1u) << "the limit";
    EXPECT_EQ(store->read(nov_24 + 2, 100).unanswered.size(), 1u) << "the period";
}

TYPED_TEST(StoreTest, ALaterVoteReplacesTheEarlierOne) {
    auto store = this->migrated();
    store->write(std::vector{answer("a1", nov_24, {"salary"})},
                 std::vector{FeedbackEvent{"a1", nov_24 + 1, false, "wrong"}});
    store->write({}, std::vector{FeedbackEvent{"a1", nov_24 + 2, true, ""}});
    const ReportRows rows = store->read(nov_24, 100);
    EXPECT_EQ(rows.days.at(0).helpful, 1u);
    EXPECT_EQ(rows.days.at(0).not_helpful, 0u);
    EXPECT_TRUE(rows.not_helpful.empty());
}

TYPED_TEST(StoreTest, AnOlderVoteWrittenLaterDoesNotReplaceANewerOne) {
    // Two replicas: the newer vote reached the database first.
    auto store = this->migrated();
    store->write(std::vector{answer("a1", nov_24, {"salary"})},
                 std::vector{FeedbackEvent{"a1", nov_24 + 5, false, "late"}});
    store->write({}, std::vector{FeedbackEvent{"a1", nov_24 + 2, true, ""}});
    const ReportRows rows = store->read(nov_24, 100);
    ASSERT_EQ(rows.not_helpful.size(), 1u);
    EXPECT_EQ(rows.not_helpful[0].comment, "late");
    EXPECT_EQ(rows.not_helpful[0].voted_at_ms, nov_24 + 5);
}

TYPED_TEST(StoreTest, NotHelpfulVotesComeWithTheQuestionAndComment) {
    auto store = this->migrated();
    store->write(std::vector{answer("a1", nov_24, {"uncovered.cost"}, false, true, "bootcamp price?")},
                 std::vector{FeedbackEvent{"a1", nov_24 + 9, false, "say a price"}});
    const auto votes = store->read(nov_24, 100).not_helpful;
    ASSERT_EQ(votes.size(), 1u);
    EXPECT_EQ(votes[0].answer_id, "a1");
    EXPECT_EQ(votes[0].question, "bootcamp price?");
    EXPECT_EQ(votes[0].comment, "say a price");
    EXPECT_EQ(votes[0].answered_at_ms, nov_24);
}

TYPED_TEST(StoreTest, AnAnswerWrittenTwiceIsStoredOnce) {
    auto store = this->migrated();
    const std::vector batch{answer("a1", nov_24, {"salary"}), answer("a2", nov_24, {"salary"})};
    store->write(batch, {});
    store->write(batch, {});  // a batch retried after a failure the database did commit
    EXPECT_EQ(store->read(nov_24, 100).days.at(0).answers, 2u);
}

TYPED_TEST(StoreTest, DeleteBeforeRemovesOldAnswersAndTheirVotes) {
    auto store = this->migrated();
    store->write(
        std::vector{answer("old", nov_24 - 40 * day, {"salary"}), answer("new", nov_24, {"salary"})},
        std::vector{FeedbackEvent{"old", nov_24 - day, false, ""}, FeedbackEvent{"new", nov_24, false, ""}});
    EXPECT_EQ(store->delete_before(nov_24 - 30 * day), 2u);
    EXPECT_EQ(this->engine.query("SELECT COUNT(*) FROM answers"), "1");
    EXPECT_EQ(this->engine.query("SELECT answer_id FROM feedback"), "new");
    EXPECT_EQ(store->delete_before(nov_24 - 30 * day), 0u);
}

// The store budget (--store-max-mb) counts this, and deletes up to the answer_time_at() it finds.
TYPED_TEST(StoreTest, UsageCountsTheBytesOfTextAndARowOverheadAndTheNthOldestAnswerIsFound) {
    auto store = this->migrated();
    EXPECT_EQ(store->usage().rows, 0u);
    EXPECT_EQ(store->usage().bytes, 0u);
    EXPECT_EQ(store->answer_time_at(0), std::nullopt);
    store->write(std::vector{answer("a2", nov_24 + 5, {"salary", "outlook"}),
                             answer("a1", nov_24, {"salary"}, true, false, "h\u00e9llo")},
                 std::vector{FeedbackEvent{"a1", nov_24 + 1, false, "bad"}});
    const StoreUsage usage = store->usage();
    EXPECT_EQ(usage.rows, 3u);
    // id, intents, channel ("websocket"), question ("é" is two bytes); the vote's id and comment.
    EXPECT_EQ(usage.bytes, 3 * row_overhead_bytes + (2 + 6 + 9 + 6) + (2 + 14 + 9) + (2 + 3));
    EXPECT_EQ(store->answer_time_at(0), nov_24);
    EXPECT_EQ(store->answer_time_at(1), nov_24 + 5);
    EXPECT_EQ(store->answer_time_at(2), std::nullopt);
}

TYPED_TEST(StoreTest, TextIsStoredAsItCame) {
    auto store = this->migrated();
    const std::string text = "¿Cuánto gana un desarrollador? 'quotes' \"and\" ; DROP TABLE answers; --";
    store->write(std::vector{answer("a1", nov_24, {"fallback"}, true, false, text)}, {});
    EXPECT_EQ(store->read(nov_24, 10).unanswered.at(0).text, text);
}

// A Slack command's "%FF" reached PostgreSQL as a byte it refuses (SQLSTATE 22021), and a NUL cut its text
// where SQLite kept it: both now keep the same valid text, U+FFFD for each byte that cannot be kept.
TYPED_TEST(StoreTest, BytesThatAreNotTextAreKeptTheSameWayByBothStores) {
    auto store = this->migrated();
    const std::string sent = std::string("caf\xE9 pay\xFF in ") + '\0' + "Ohio?";
    store->write(std::vector{answer("a1", nov_24, {"fallback"}, true, false, sent)},
                 std::vector{FeedbackEvent{"a1", nov_24 + 1, false, std::string("bad\x80") + '\0' + "x"}});
    const ReportRows rows = store->read(nov_24, 10);
    EXPECT_EQ(rows.unanswered.at(0).text, "caf\uFFFD pay\uFFFD in \uFFFDOhio?");
    EXPECT_EQ(rows.not_helpful.at(0).comment, "bad\uFFFD\uFFFDx");
}

// What the store refuses of one row says so (StoreError::row_refused), so the writer can leave it out; the
// test makes a row refusable with a trigger, as a constraint or a value the database cannot hold would.
TYPED_TEST(StoreTest, ARowTheDatabaseRefusesIsTellingApartFromAFailingStore) {
    auto store = this->migrated();
    if (std::string(TypeParam::name) == "sqlite") {
        this->engine.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON answers WHEN NEW.answer_id = 'poison' "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END");
    } else {
        this->engine.execute("ALTER TABLE answers ADD CONSTRAINT refuse CHECK (answer_id <> 'poison')");
    }
    try {
        store->write(std::vector{answer("poison", nov_24, {"salary"})}, {});
        ADD_FAILURE() << "the row was written";
    } catch (const StoreError& e) {
        EXPECT_TRUE(e.row_refused()) << e.what();
    }
    store->write(std::vector{answer("fine", nov_24, {"salary"})}, {});
    EXPECT_EQ(this->engine.query("SELECT answer_id FROM answers"), "fine");
}

TYPED_TEST(StoreTest, TwoStoresOnOneDatabaseSeeEachOthersWrites) {
    auto a = this->migrated();
    auto b = this->migrated();
    a->write(std::vector{answer("a1", nov_24, {"salary"})}, {});
    b->write(std::vector{answer("b1", nov_24, {"salary"})},
             std::vector{FeedbackEvent{"a1", nov_24 + 1, true, ""}});
    const ReportRows rows = a->read(nov_24, 10);
    EXPECT_EQ(rows.days.at(0).answers, 2u);
    EXPECT_EQ(rows.days.at(0).helpful, 1u);
}

TYPED_TEST(StoreTest, AChannelContextReadsBackWhileFreshAndTheLaterWriteWins) {
    auto a = this->migrated();
    auto b = this->migrated();  // another replica's connection
    a->save_context("sms:abc", R"({"intent":"salary"})", nov_24, 0);
    EXPECT_EQ(b->load_context("sms:abc", nov_24 - 1000), R"({"intent":"salary"})");
    EXPECT_EQ(b->load_context("sms:abc", nov_24 + 1), std::nullopt) << "older than asked for";
    EXPECT_EQ(b->load_context("sms:other", 0), std::nullopt);
    b->save_context("sms:abc", R"({"intent":"skills.overview"})", nov_24 + 2000, 0);
    a->save_context("sms:abc", R"({"intent":"late"})", nov_24 + 1000, 0);  // written last, but older
    EXPECT_EQ(a->load_context("sms:abc", 0), R"({"intent":"skills.overview"})");
}

TYPED_TEST(StoreTest, ADeliveryIsClaimedOnceAcrossReplicasAndItsRetryGetsTheReply) {
    auto a = this->migrated();
    auto b = this->migrated();  // another replica's connection
    EXPECT_TRUE(a->claim_delivery("telegram:7", nov_24, 0, 0).first);
    const auto in_the_works = b->claim_delivery("telegram:7", nov_24 + 1, 0, 0);
    EXPECT_FALSE(in_the_works.first);
    EXPECT_EQ(in_the_works.reply, std::nullopt) << "the first is still being answered";
    a->answer_delivery("telegram:7", R"({"method":"sendMessage"})");
    const auto retry = b->claim_delivery("telegram:7", nov_24 + 2, 0, 0);
    EXPECT_FALSE(retry.first);
    EXPECT_EQ(retry.reply, R"({"method":"sendMessage"})");
    EXPECT_TRUE(b->claim_delivery("telegram:8", nov_24 + 3, 0, 0).first) << "another delivery";
}

TYPED_TEST(StoreTest, AReleasedDeliveryIsClaimedAgainButAnAnsweredOneIsNot) {
    auto store = this->migrated();
    ASSERT_TRUE(store->claim_delivery("sms:SM1", nov_24, 0, 0).first);
    store->release_delivery("sms:SM1");
    EXPECT_TRUE(store->claim_delivery("sms:SM1", nov_24 + 1, 0, 0).first)
        << "the failed answer is tried again";
    store->answer_delivery("sms:SM1", "<Response/>");
    store->release_delivery("sms:SM1");  // too late: it was answered
    EXPECT_EQ(store->claim_delivery("sms:SM1", nov_24 + 2, 0, 0).reply, "<Response/>");
}

TYPED_TEST(StoreTest, AClaimLeftUnansweredPastItsLeaseIsTakenOverButNotBefore) {
    auto a = this->migrated();
    auto b = this->migrated();  // another replica, after `a` died answering
    ASSERT_TRUE(a->claim_delivery("slack:T9", nov_24, 0, 0).first);
    EXPECT_FALSE(b->claim_delivery("slack:T9", nov_24 + 1'000, 0, nov_24 - 29'000).first)
        << "within the lease";
    EXPECT_TRUE(b->claim_delivery("slack:T9", nov_24 + 31'000, 0, nov_24 + 1'000).first) << "past it";
    b->answer_delivery("slack:T9", "{}");
    EXPECT_EQ(a->claim_delivery("slack:T9", nov_24 + 90'000, 0, nov_24 + 60'000).reply, "{}")
        << "an answered delivery is never taken over";
}

TYPED_TEST(StoreTest, ClaimingADeliveryForgetsTheOldOnes) {
    auto store = this->migrated();
    ASSERT_TRUE(store->claim_delivery("slack:old", nov_24, 0, 0).first);
    store->answer_delivery("slack:old", "{}");
    EXPECT_TRUE(store->claim_delivery("slack:new", nov_24 + 3'600'001, nov_24 + 1, 0).first);
    EXPECT_TRUE(store->claim_delivery("slack:old", nov_24 + 3'600'002, nov_24 + 1, 0).first) << "forgotten";
}

TYPED_TEST(StoreTest, SavingAContextForgetsTheExpiredOnes) {
    auto store = this->migrated();
    store->save_context("slack:old", "{}", nov_24, 0);
    store->save_context("slack:new", "{}", nov_24 + 600'001, nov_24 + 1);
    EXPECT_EQ(store->load_context("slack:old", 0), std::nullopt);
    EXPECT_EQ(store->load_context("slack:new", 0), "{}");
}
