#pragma once

#include <cstddef>

namespace server {

// After a burst of connections closes, glibc keeps the freed memory in its heap (7-8 KiB a
// WebSocket): a server that once held 10,000 connections would hold their memory for good.
// The control thread checks the connection count every few seconds and gives free memory back to
// the system (malloc_trim) after a large drop. Pure: the caller counts and trims.
class MemoryReturn {
  public:
    // Call with the most connections open at once since the last call and those open now; true when
    // now is the time to trim. Trims after the count fell below half of its peak since the last trim,
    // by at least `min_drop` connections, so a steady server never trims and a small one is not worth
    // the walk over the heap.
    bool should_trim(std::size_t peak_since_last_call, std::size_t open_now);

    static constexpr std::size_t min_drop = 256;

  private:
    std::size_t peak_ = 0;
};

}  // namespace server
