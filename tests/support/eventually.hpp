#pragma once

#include <chrono>
#include <thread>

namespace test_support {

// Polls `done` every `every` until it holds (true) or `within` has passed (false): for effects another
// thread or process makes at its own pace (a writer's flush, a report catching up).
template <class Predicate>
bool eventually(Predicate done, std::chrono::milliseconds within = std::chrono::seconds(10),
                std::chrono::milliseconds every = std::chrono::milliseconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(every);
    }
    return true;
}

}  // namespace test_support
