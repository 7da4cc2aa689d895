#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace knowledge {

// The outcome of loading data files: a value, or the list of problems found.
// Each problem is one line that names the file and the JSON path ("file: /facts/2/text: ...").
template <class T>
struct LoadResult {
    std::optional<T> value;
    std::vector<std::string> errors;

    bool ok() const { return value.has_value() && errors.empty(); }

    static LoadResult success(T v) { return LoadResult{std::move(v), {}}; }
    static LoadResult failure(std::vector<std::string> errs) {
        return LoadResult{std::nullopt, std::move(errs)};
    }
};

}  // namespace knowledge
