#include "server/limits.hpp"

#include <gtest/gtest.h>

#include "server/log_throttle.hpp"

using namespace server;

TEST(ConnectionLimits, TotalCapRefusesOnceFullAndFreesOnRelease) {
    ConnectionLimits limits(2, 10);
    auto a = limits.try_open("10.0.0.1");
    auto b = limits.try_open("10.0.0.2");
    ASSERT_TRUE(a.slot && b.slot);
    auto c = limits.try_open("10.0.0.3");
    EXPECT_EQ(c.verdict, ConnectionLimits::Verdict::too_many);
    EXPECT_FALSE(c.slot);
    a.slot.reset();
    EXPECT_EQ(limits.open(), 1u);
    EXPECT_TRUE(limits.try_open("10.0.0.3").slot);
}

TEST(ConnectionLimits, PerAddressCapLeavesOtherAddressesAlone) {
    ConnectionLimits limits(100, 2);
    auto a = limits.try_open("10.0.0.1");
    auto b = limits.try_open("10.0.0.1");
    EXPECT_EQ(limits.try_open("10.0.0.1").verdict, ConnectionLimits::Verdict::too_many_from_address);
    EXPECT_TRUE(limits.try_open("10.0.0.2").slot);
}

TEST(ConnectionLimits, AMovedSlotIsReleasedOnce) {
    ConnectionLimits limits(1, 1);
    {
        auto outcome = limits.try_open("x");
        ConnectionLimits::Slot moved(std::move(*outcome.slot));
        outcome.slot.reset();
        EXPECT_EQ(limits.open(), 1u);
    }
    EXPECT_EQ(limits.open(), 0u);
}

TEST(TokenBucket, AllowsTheBurstThenTheRate) {
    TokenBucket bucket(2, 3);  // 2 a second, bursts of 3
    EXPECT_TRUE(bucket.take(0));
    EXPECT_TRUE(bucket.take(0));
    EXPECT_TRUE(bucket.take(0));
    EXPECT_FALSE(bucket.take(0));
    EXPECT_FALSE(bucket.take(0.4));  // 0.8 of a token back: not enough
    EXPECT_TRUE(bucket.take(0.5));
    EXPECT_TRUE(bucket.take(10));  // refilled, but only up to the burst
    EXPECT_TRUE(bucket.take(10));
    EXPECT_TRUE(bucket.take(10));
    EXPECT_FALSE(bucket.take(10));
}

TEST(TokenBucket, ClockGoingBackwardsGivesNothingBack) {
    TokenBucket bucket(1, 1);
    EXPECT_TRUE(bucket.take(100));
    EXPECT_FALSE(bucket.take(50));
    EXPECT_FALSE(bucket.take(100.5));
}

TEST(LogThrottle, OncePerIntervalPerKey) {
    LogThrottle throttle(std::chrono::seconds(60));
    const auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
    EXPECT_TRUE(throttle.allow("origin a", t0));
    EXPECT_FALSE(throttle.allow("origin a", t0 + std::chrono::seconds(59)));
    EXPECT_TRUE(throttle.allow("origin b", t0 + std::chrono::seconds(1)));
    EXPECT_TRUE(throttle.allow("origin a", t0 + std::chrono::seconds(61)));
}

TEST(LimitKey, IPv6IsCountedByItsNetworkAndIPv4ByItsAddress) {
    using server::limit_key;
    EXPECT_EQ(limit_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64), "2001:db8:1:2::/64");
    EXPECT_EQ(limit_key("2001:db8:1:2::1", 64), limit_key("2001:db8:1:2:ffff::9", 64)) << "one /64";
    EXPECT_NE(limit_key("2001:db8:1:2::1", 64), limit_key("2001:db8:1:3::1", 64));
    EXPECT_EQ(limit_key("2001:db8:1:2::1", 48), "2001:db8:1::/48");
    EXPECT_EQ(limit_key("2001:db8:1:2::1", 60), "2001:db8:1::/60") << "a prefix within a group of 16 bits";
    EXPECT_EQ(limit_key("2001:db8:1:12::1", 60), "2001:db8:1:10::/60");
    EXPECT_EQ(limit_key("2001:db8:1:2::1", 128), "2001:db8:1:2::1") << "128: each address";
    EXPECT_EQ(limit_key("::1", 64), "::/64");
    EXPECT_EQ(limit_key("192.0.2.7", 64), "192.0.2.7");
    EXPECT_EQ(limit_key("not an address", 64), "not an address");
}
