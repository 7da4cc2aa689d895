#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace test_support {

class TempDir;

// A throwaway PostgreSQL server from Debian's postgresql package: initdb in a temporary directory,
// listening on a Unix socket there only (no TCP port), trust authentication for the `postgres`
// user. The destructor stops it and removes everything. Postgres refuses to run as root, so as root
// (CI) its programs run as `nobody`. Throws when the programs are missing or a step fails, with the
// server's log.
class PostgresServer {
  public:
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    // postgresql:///DATABASE?host=SOCKET_DIR&user=postgres
    std::string url(const std::string& database = "postgres") const;
    // A new empty database, and its URL.
    std::string create_database();

    void stop();   // pg_ctl stop -m fast; the data stays
    void start();  // pg_ctl start, waiting until it accepts connections
    bool running() const { return running_; }

  private:
    std::filesystem::path bin_;
    std::unique_ptr<TempDir> dir_;
    bool running_ = false;
    int databases_ = 0;
};

// One server for the whole test program, started on first use.
PostgresServer& shared_postgres();

// Runs SQL on a PostgreSQL URL or a SQLite file directly (not through the stores), for tests that set
// up what the stores would refuse to write. Throws with the engine's message.
void execute_postgres(const std::string& url, const std::string& sql);
void execute_sqlite(const std::filesystem::path& file, const std::string& sql);
// The first column of the first row, as text ("" for none).
std::string query_sqlite(const std::filesystem::path& file, const std::string& sql);
std::string query_postgres(const std::string& url, const std::string& sql);

// Runs a command to completion (as `nobody` when `unprivileged` and we are root); returns its exit
// status and output.
struct ProgramResult {
    int exit_code = -1;
    std::string output;
};
ProgramResult run_program(const std::vector<std::string>& args, bool unprivileged = false);
// The argv prefix that drops root to `nobody` (empty when not root).
std::vector<std::string> unprivileged_prefix();
// Makes `path` owned by `nobody` when we are root, so an unprivileged program may use it.
void give_to_unprivileged(const std::filesystem::path& path);

}  // namespace test_support
