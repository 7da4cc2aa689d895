#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace load {

// A log-linear histogram of non-negative integers (latencies in µs, reply sizes in bytes), as
// HdrHistogram keeps them: values below 128 exactly, then each power of two cut into 128 equal
// buckets, so a reported value is within 0.4% of a recorded one at any scale. Fixed size (58 KiB),
// no allocation when recording; one per thread, merged at the end. Not thread-safe.
class Histogram {
  public:
    void record(std::uint64_t value);
    void merge(const Histogram& other);

    std::uint64_t count() const { return count_; }
    std::uint64_t max() const { return max_; }  // exact; 0 when empty
    // The value below which `percent` of the recorded values lie (the middle of its bucket);
    // percentile(50) is the median, percentile(100) the maximum. 0 when empty.
    std::uint64_t percentile(double percent) const;

  private:
    static constexpr unsigned sub_bits = 7;
    static constexpr std::size_t sub_count = std::size_t{1} << sub_bits;  // buckets per power of two
    static constexpr std::size_t bucket_count = sub_count + (64 - sub_bits) * sub_count;

    static std::size_t bucket_of(std::uint64_t value);
    static std::uint64_t middle_of(std::size_t bucket);

    std::array<std::uint64_t, bucket_count> buckets_{};
    std::uint64_t count_ = 0;
    std::uint64_t max_ = 0;
};

}  // namespace load
