#include "support/postgres_server.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "support/temp_dir.hpp"

namespace test_support {

namespace fs = std::filesystem;

namespace {

constexpr uid_t nobody = 65534;

// The newest /usr/lib/postgresql/N/bin.
fs::path postgres_bin() {
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        if (fs::exists(entry.path() / "bin" / "initdb")) found.push_back(entry.path() / "bin");
    }
    if (found.empty()) {
        throw std::runtime_error(
            "PostgreSQL's programs are missing (/usr/lib/postgresql/N/bin/initdb): "
            "scripts/install-deps --test installs them");
    }
    std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
        return std::stoi(a.parent_path().filename().string()) <
               std::stoi(b.parent_path().filename().string());
    });
    return found.back();
}

std::string libpq_error(PGconn* conn) { return conn != nullptr ? PQerrorMessage(conn) : "out of memory"; }

}  // namespace

std::vector<std::string> unprivileged_prefix() {
    if (geteuid() != 0) return {};
    // CAP_DAC_READ_SEARCH (read and search only, kept across exec): a root directory of mode 0700, as in
    // a debootstrap chroot made under mktemp -d, is otherwise closed to every user but root.
    return {"/usr/bin/setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--securebits=+no_setuid_fixup",
            "--inh-caps=+dac_read_search",
            "--ambient-caps=+dac_read_search",
            "--"};
}

void give_to_unprivileged(const fs::path& path) {
    if (geteuid() != 0) return;
    if (chown(path.c_str(), nobody, nobody) != 0) throw std::runtime_error("chown failed: " + path.string());
}

ProgramResult run_program(const std::vector<std::string>& args, bool unprivileged) {
    std::vector<std::string> full = unprivileged ? unprivileged_prefix() : std::vector<std::string>{};
    full.insert(full.end(), args.begin(), args.end());
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        dup2(fds[1], STDERR_FILENO);
        close(fds[0]);
        close(fds[1]);
        // Closed, not inherited: pg_ctl's server must not hold our pipe open after pg_ctl exits.
        const int null = open("/dev/null", O_RDONLY);
        dup2(null, STDIN_FILENO);
        std::vector<char*> argv;
        for (std::string& a : full) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(fds[1]);
    ProgramResult result;
    char buf[4096];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
        result.output.append(buf, static_cast<std::size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

PostgresServer::PostgresServer() : bin_(postgres_bin()), dir_(std::make_unique<TempDir>()) {
    give_to_unprivileged(dir_->path());
    const auto initdb =
        run_program({(bin_ / "initdb").string(), "-D", (dir_->path() / "data").string(), "-U", "postgres",
                     "--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C"},
                    true);
    if (initdb.exit_code != 0) throw std::runtime_error("initdb failed:\n" + initdb.output);
    start();
}

PostgresServer::~PostgresServer() {
    if (running_) stop();
}

void PostgresServer::start() {
    // The log goes to a file, not a pipe: the server outlives pg_ctl.
    const std::string options =
        "-k " + dir_->path().string() +
        " -c listen_addresses= -c fsync=off -c full_page_writes=off -c max_connections=50";
    const auto result =
        run_program({(bin_ / "pg_ctl").string(), "-D", (dir_->path() / "data").string(), "-l",
                     (dir_->path() / "server.log").string(), "-o", options, "-w", "-t", "60", "start"},
                    true);
    if (result.exit_code != 0) {
        std::string log;
        try {
            log = read_file(dir_->path() / "server.log");
        } catch (const std::exception&) {
        }
        throw std::runtime_error("pg_ctl start failed:\n" + result.output + log);
    }
    running_ = true;
}

void PostgresServer::stop() {
    run_program(
        {(bin_ / "pg_ctl").string(), "-D", (dir_->path() / "data").string(), "-m", "fast", "-w", "stop"},
        true);
    running_ = false;
}

std::string PostgresServer::url(const std::string& database) const {
    return "postgresql:///" + database + "?host=" + dir_->path().string() + "&user=postgres";
}

std::string PostgresServer::create_database() {
    const std::string name = "test" + std::to_string(++databases_);
    execute_postgres(url(), "CREATE DATABASE " + name);
    return url(name);
}

PostgresServer& shared_postgres() {
    static PostgresServer server;
    return server;
}

void execute_postgres(const std::string& url, const std::string& sql) { query_postgres(url, sql); }

std::string query_postgres(const std::string& url, const std::string& sql) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
        const std::string error = libpq_error(conn);
        PQfinish(conn);
        throw std::runtime_error("cannot connect to " + url + ": " + error);
    }
    PGresult* result = PQexec(conn, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    std::string out;
    if (status == PGRES_TUPLES_OK && PQntuples(result) > 0 && PQnfields(result) > 0)
        out = PQgetvalue(result, 0, 0);
    const std::string error = libpq_error(conn);
    PQclear(result);
    PQfinish(conn);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error(sql + ": " + error);
    return out;
}

void execute_sqlite(const fs::path& file, const std::string& sql) { query_sqlite(file, sql); }

std::string query_sqlite(const fs::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        const std::string error = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + file.string() + ": " + error);
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* statement = nullptr;
    std::string out, error;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        error = sqlite3_errmsg(db);
    } else {
        int rc = sqlite3_step(statement);
        if (rc == SQLITE_ROW && sqlite3_column_text(statement, 0) != nullptr) {
            out = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        }
        while (rc == SQLITE_ROW) rc = sqlite3_step(statement);
        if (rc != SQLITE_DONE) error = sqlite3_errmsg(db);
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    if (!error.empty()) throw std::runtime_error(sql + ": " + error);
    return out;
}

}  // namespace test_support
