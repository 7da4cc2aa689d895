#pragma once

#include <chrono>
#include <cstdint>

namespace server {

// Milliseconds since the Unix epoch: what the answer path's context times are measured in.
inline std::int64_t wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Seconds on a clock that never goes back: what rate limits are measured in.
inline double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace server
