#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace analytics::detail {

// A statement's parameter: NULL, an integer or text.
using Param = std::variant<std::nullptr_t, std::int64_t, std::string_view>;
// A result row, every value as text (NULL as nullopt).
using Row = std::vector<std::optional<std::string>>;

// The little of a database connection the stores need, so the SQL (schema.cpp) and the logic around it
// (sql_store.cpp) are written once for both engines. Statements use `?` placeholders. Every method
// throws StoreError. Not thread-safe.
class Connection {
  public:
    virtual ~Connection() = default;
    virtual const char* kind() const = 0;
    // Runs a statement; returns the rows it changed.
    virtual std::uint64_t execute(const std::string& sql, std::initializer_list<Param> params = {}) = 0;
    virtual std::vector<Row> query(const std::string& sql, std::initializer_list<Param> params = {}) = 0;
    // Starts a transaction that writes (SQLite takes the write lock now rather than at the first write,
    // so two writers cannot deadlock on an upgrade).
    virtual void begin() = 0;
    // begin(), and holds the one lock that serialises migrations between processes until commit.
    virtual void begin_migration() = 0;
};

std::int64_t as_integer(const std::optional<std::string>& value);

}  // namespace analytics::detail
