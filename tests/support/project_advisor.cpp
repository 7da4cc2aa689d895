#include "support/project_advisor.hpp"

#include <stdexcept>

#include "support/temp_dir.hpp"

namespace test_support {

const intents::Advisor& project_advisor() {
    static const intents::AdvisorPtr loaded = [] {
        auto r =
            intents::load_advisor(source_dir() / "knowledge" / "data", source_dir() / "intents" / "data");
        if (!r.ok()) throw std::runtime_error(r.errors.front());
        return *r.value;
    }();
    return *loaded;
}

std::string load_errors(const DataCopy& data) {
    auto loaded = intents::load_advisor(data.knowledge(), data.intents());
    std::string out;
    for (const auto& e : loaded.errors) out += e + "\n";
    return out;
}

}  // namespace test_support
