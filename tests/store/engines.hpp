#pragma once

#include <string>

#include "analytics/store.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace test_support {

// A fresh, empty database of each engine, for the suites typed over both: the same tests run against
// SQLite (a file in a temporary directory) and PostgreSQL (a new database on the shared local server).
struct SqliteEngine {
    static constexpr const char* name = "sqlite";
    TempDir dir;
    analytics::StoreLocation location() const { return {"sqlite", dir.path(), true}; }
    void execute(const std::string& sql) const { execute_sqlite(dir.path() / "analytics.sqlite3", sql); }
    std::string query(const std::string& sql) const {
        return query_sqlite(dir.path() / "analytics.sqlite3", sql);
    }
};

struct PostgresEngine {
    static constexpr const char* name = "postgresql";
    std::string url = shared_postgres().create_database();
    analytics::StoreLocation location() const { return {url, {}, true}; }
    void execute(const std::string& sql) const { execute_postgres(url, sql); }
    std::string query(const std::string& sql) const { return query_postgres(url, sql); }
};

}  // namespace test_support
