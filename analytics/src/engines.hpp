#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "connection.hpp"

namespace analytics::detail {

// The SQLite file `file`, created (with its directory) when `create`, in WAL mode.
std::unique_ptr<Connection> connect_sqlite(const std::filesystem::path& file, bool create);
// A PostgreSQL server, by URL; the connection is made again after it is lost.
std::unique_ptr<Connection> connect_postgres(const std::string& url);

}  // namespace analytics::detail
