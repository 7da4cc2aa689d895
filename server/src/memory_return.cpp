#include "server/memory_return.hpp"

#include <algorithm>

namespace server {

bool MemoryReturn::should_trim(std::size_t peak_since_last_call, std::size_t open_now) {
    peak_ = std::max({peak_, peak_since_last_call, open_now});
    if (open_now * 2 >= peak_ || peak_ - open_now < min_drop) return false;
    peak_ = open_now;
    return true;
}

}  // namespace server
