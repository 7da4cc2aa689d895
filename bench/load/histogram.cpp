#include "histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace load {

std::size_t Histogram::bucket_of(std::uint64_t value) {
    if (value < sub_count) return static_cast<std::size_t>(value);
    // value lies in [2^e, 2^(e+1)) with e >= sub_bits; that range has sub_count buckets of width 2^(e -
    // sub_bits).
    const unsigned e = static_cast<unsigned>(std::bit_width(value)) - 1;
    const unsigned shift = e - sub_bits;
    const std::uint64_t within = (value - (std::uint64_t{1} << e)) >> shift;
    return sub_count + shift * sub_count + static_cast<std::size_t>(within);
}

std::uint64_t Histogram::middle_of(std::size_t bucket) {
    if (bucket < sub_count) return bucket;
    const std::size_t shift = (bucket - sub_count) / sub_count;
    const std::size_t within = (bucket - sub_count) % sub_count;
    const std::uint64_t width = std::uint64_t{1} << shift;
    const std::uint64_t low = (std::uint64_t{1} << (shift + sub_bits)) + within * width;
    return low + width / 2;
}

void Histogram::record(std::uint64_t value) {
    ++buckets_[bucket_of(value)];
    ++count_;
    max_ = std::max(max_, value);
}

void Histogram::merge(const Histogram& other) {
    for (std::size_t i = 0; i < bucket_count; ++i) buckets_[i] += other.buckets_[i];
    count_ += other.count_;
    max_ = std::max(max_, other.max_);
}

std::uint64_t Histogram::percentile(double percent) const {
    if (count_ == 0) return 0;
    if (percent >= 100.0) return max_;
    // The rank of the value asked for, 1-based: the smallest value with at least `percent` at or below it.
    const double wanted = std::ceil(percent / 100.0 * static_cast<double>(count_));
    const std::uint64_t rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(wanted));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < bucket_count; ++i) {
        seen += buckets_[i];
        if (seen >= rank) return std::min(middle_of(i), max_);
    }
    return max_;
}

}  // namespace load
