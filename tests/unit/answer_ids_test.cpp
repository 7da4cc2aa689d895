#include "analytics/answer_ids.hpp"

#include <gtest/gtest.h>

#include <set>

using analytics::AnswerIds;
using Verdict = AnswerIds::Verdict;

namespace {
constexpr std::int64_t now = 1'790'000'000'000;  // 2026-09
constexpr std::int64_t day = 86'400'000;
}  // namespace

TEST(AnswerIds, AnIssuedIdIsAccepted) {
    AnswerIds ids;
    const std::string id = ids.issue(now);
    EXPECT_EQ(id.size(), AnswerIds::id_length);
    EXPECT_EQ(ids.check(id, now, 0), Verdict::ok);
}

TEST(AnswerIds, IdsAreUnique) {
    AnswerIds ids;
    std::set<std::string> seen;
    for (int i = 0; i < 10000; ++i) seen.insert(ids.issue(now));
    EXPECT_EQ(seen.size(), 10000u);
}

TEST(AnswerIds, AnIdWithOneDigitChangedIsForeign) {
    AnswerIds ids;
    const std::string id = ids.issue(now);
    for (std::size_t at : {0ul, 13ul, 20ul, 40ul, 47ul}) {
        std::string changed = id;
        changed[at] = changed[at] == '0' ? '1' : '0';
        EXPECT_EQ(ids.check(changed, now, 0), Verdict::foreign) << "digit " << at;
    }
}

TEST(AnswerIds, AnIdFromAnotherDeploymentIsForeign) {
    AnswerIds ours, theirs;
    EXPECT_EQ(ours.check(theirs.issue(now), now, 0), Verdict::foreign);
}

TEST(AnswerIds, ReplicasSharingTheStoresKeyAcceptEachOthersIds) {
    const std::string key = analytics::new_answer_id_key();
    AnswerIds a, b;
    a.adopt(key);
    b.adopt(key);
    EXPECT_EQ(b.check(a.issue(now), now, 0), Verdict::ok);
    EXPECT_EQ(a.check(b.issue(now), now, 0), Verdict::ok);
}

TEST(AnswerIds, IdsIssuedBeforeAdoptingTheStoresKeyStayValidHere) {
    AnswerIds ids;
    const std::string before = ids.issue(now);
    ids.adopt(analytics::new_answer_id_key());
    EXPECT_EQ(ids.check(before, now, 0), Verdict::ok);
    EXPECT_EQ(ids.check(ids.issue(now), now, 0), Verdict::ok);
}

TEST(AnswerIds, AnIdOlderThanTheRetentionHasExpired) {
    AnswerIds ids;
    const std::string id = ids.issue(now - 10 * day);
    EXPECT_EQ(ids.check(id, now, 11 * day), Verdict::ok);
    EXPECT_EQ(ids.check(id, now, 9 * day), Verdict::expired);
    EXPECT_EQ(ids.check(id, now, 0), Verdict::ok) << "0: kept for ever";
}

TEST(AnswerIds, AnIdFromTheFutureIsForeign) {
    AnswerIds ids;
    EXPECT_EQ(ids.check(ids.issue(now + 10 * 60'000), now, 0), Verdict::foreign);
    EXPECT_EQ(ids.check(ids.issue(now + 30'000), now, 0), Verdict::ok)
        << "clocks of replicas differ a little";
}

TEST(AnswerIds, WhatIsNotAnIdIsMalformed) {
    AnswerIds ids;
    const std::string id = ids.issue(now);
    EXPECT_EQ(ids.check("", now, 0), Verdict::malformed);
    EXPECT_EQ(ids.check(id.substr(1), now, 0), Verdict::malformed);
    EXPECT_EQ(ids.check(id + "0", now, 0), Verdict::malformed);
    std::string upper = id;
    upper[47] = 'A';  // ids are written in lower case
    EXPECT_EQ(ids.check(upper, now, 0), Verdict::malformed);
    EXPECT_EQ(ids.check(std::string(48, 'g'), now, 0), Verdict::malformed);
}

TEST(AnswerIds, AShortKeyIsRefused) {
    AnswerIds ids;
    EXPECT_THROW(ids.adopt("short"), std::invalid_argument);
}
