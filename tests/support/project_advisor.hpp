#pragma once

#include "intents/advisor.hpp"

namespace test_support {

// The advisor built from the project's own data folders, loaded once per test program.
// Throws (failing the test) with the first data error if the data does not load.
const intents::Advisor& project_advisor();

}  // namespace test_support
