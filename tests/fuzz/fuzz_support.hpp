#pragma once

#include <cstdint>
#include <string_view>

#include "intents/advisor.hpp"
#include "server/config.hpp"

namespace fuzz {

// The advisor built from the project's own data folders (the source tree's, known at compile
// time), loaded on first use and kept for the fuzzer's life. Aborts with the first data error.
const intents::AdvisorPtr& project_advisor();

// A server configuration reading the project's data folders (web/, knowledge/data, intents/data).
server::Config project_config();

// The wall clock every target answers at, so an input gives the same answer on every run (a crash
// must reproduce from the file alone). The seed corpus's contexts are stamped shortly before it.
inline constexpr std::int64_t now_ms = 1'763'900'000'000;

// Stops the fuzzer with `what` when a property the code promises does not hold: libFuzzer saves
// the input as a crash, like any sanitizer finding.
void require(bool holds, std::string_view what);

}  // namespace fuzz
