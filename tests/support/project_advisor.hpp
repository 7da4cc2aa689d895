#pragma once

#include <string>

#include "intents/advisor.hpp"

namespace test_support {

// The advisor built from the project's own data folders, loaded once per test program.
// Throws (failing the test) with the first data error if the data does not load.
const intents::Advisor& project_advisor();

struct DataCopy;

// Every error of loading a data copy's two folders, one per line; "" when they load.
std::string load_errors(const DataCopy& data);

}  // namespace test_support
