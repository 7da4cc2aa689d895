#include "server/memory_return.hpp"

#include <gtest/gtest.h>

using server::MemoryReturn;

namespace {

TEST(MemoryReturn, TrimsOnceAfterABurstCloses) {
    MemoryReturn memory;
    EXPECT_FALSE(memory.should_trim(0, 0));
    EXPECT_FALSE(memory.should_trim(0, 10'000));
    EXPECT_FALSE(memory.should_trim(0, 6'000));  // still over half the peak
    EXPECT_TRUE(memory.should_trim(0, 100));
    EXPECT_FALSE(memory.should_trim(0, 100));  // the peak starts again from here
    EXPECT_FALSE(memory.should_trim(0, 20));
}

// The count is sampled every few seconds; a burst that came and went between two samples still counts.
TEST(MemoryReturn, ABurstBetweenTwoChecksCounts) {
    MemoryReturn memory;
    EXPECT_FALSE(memory.should_trim(10, 10));
    EXPECT_TRUE(memory.should_trim(2'000, 5));
}

TEST(MemoryReturn, ASteadyOrSmallServerNeverTrims) {
    MemoryReturn memory;
    for (int i = 0; i < 100; ++i) EXPECT_FALSE(memory.should_trim(0, i % 2 == 0 ? 1'000 : 900));
    MemoryReturn small;
    EXPECT_FALSE(small.should_trim(0, MemoryReturn::min_drop - 1));
    EXPECT_FALSE(small.should_trim(0, 0));  // fell by less than min_drop
    EXPECT_FALSE(small.should_trim(0, MemoryReturn::min_drop + 1));
    EXPECT_TRUE(small.should_trim(0, 0));
}

}  // namespace
