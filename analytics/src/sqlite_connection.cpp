#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <thread>
#include <utility>

#include "analytics/store.hpp"
#include "connection.hpp"
#include "engines.hpp"

namespace analytics::detail {

namespace {

// What went wrong, in words /readyz may show (no path).
std::string reason_of(int code) {
    switch (code & 0xFF) {
        case SQLITE_READONLY:
            return "the database is read-only";
        case SQLITE_FULL:
            return "the disk is full";
        case SQLITE_CANTOPEN:
            return "cannot open the database file";
        case SQLITE_PERM:
            return "no permission to write the database";
        case SQLITE_IOERR:
            return "the database had an I/O error";
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return "the database is locked by another process";
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return "the database file is damaged or not a database";
        default:
            return "the database refused a statement";
    }
}

class SqliteConnection : public Connection {
  public:
    SqliteConnection(const std::filesystem::path& file, bool create) : file_(file.string()) {
        if (create) {
            std::error_code ec;
            std::filesystem::create_directories(file.parent_path(), ec);
            if (ec) {
                throw StoreError("cannot create the data directory",
                                 "cannot create " + file.parent_path().string() + ": " + ec.message());
            }
        }
        const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
        const int rc = sqlite3_open_v2(file_.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            const std::string detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close_v2(db_);
            db_ = nullptr;
            throw StoreError(reason_of(rc), file_ + ": " + detail);
        }
        sqlite3_extended_result_codes(db_, 1);
        // Writers from several processes (a report while the server writes) wait for each other a while.
        sqlite3_busy_timeout(db_, 5000);
        // WAL: readers never block the writer. NORMAL: a commit survives the process being killed
        // (kill -9), and may be lost only with the machine's power, which is enough for statistics.
        use_wal();
        execute("PRAGMA synchronous=NORMAL");
        opened_ = identity();
    }

    ~SqliteConnection() override {
        for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
        sqlite3_close_v2(db_);
    }

    const char* kind() const override { return "sqlite"; }

    std::uint64_t execute(const std::string& sql, std::initializer_list<Param> params = {}) override {
        sqlite3_stmt* statement = prepare(sql, params);
        while (step(statement, sql)) {
        }
        return static_cast<std::uint64_t>(sqlite3_changes64(db_));
    }

    std::vector<Row> query(const std::string& sql, std::initializer_list<Param> params = {}) override {
        sqlite3_stmt* statement = prepare(sql, params);
        std::vector<Row> rows;
        while (step(statement, sql)) {
            Row row;
            for (int i = 0; i < sqlite3_column_count(statement); ++i) {
                const auto* text = sqlite3_column_text(statement, i);
                if (text == nullptr)
                    row.emplace_back();
                else
                    row.emplace_back(
                        std::string(reinterpret_cast<const char*>(text),
                                    static_cast<std::size_t>(sqlite3_column_bytes(statement, i))));
            }
            rows.push_back(std::move(row));
        }
        return rows;
    }

    // Each write first checks that the name still leads to the file opened: one deleted or replaced under a
    // running server would otherwise take every later write into a file no one can read, while /readyz says
    // all is well. The recorder then opens the name afresh.
    void begin() override {
        if (identity() != opened_) {
            throw StoreError("the database file was deleted or replaced",
                             file_ + ": no longer the file that was opened; it is opened again");
        }
        execute("BEGIN IMMEDIATE");
    }
    void begin_migration() override { begin(); }  // the write lock serialises migrations too

  private:
    // Switching a new file to WAL takes an exclusive lock without waiting for the busy timeout: two
    // processes opening a new database at once (replicas starting together) would see "locked".
    void use_wal() {
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        for (;;) {
            const int rc = sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
            if (rc == SQLITE_OK) return;
            const int primary = rc & 0xFF;
            if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) ||
                std::chrono::steady_clock::now() > give_up) {
                fail(rc, "PRAGMA journal_mode=WAL");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }

    [[noreturn]] void fail(int rc, const std::string& sql) const {
        const int primary = rc & 0xFF;
        throw StoreError(
            reason_of(rc), file_ + ": " + sqlite3_errmsg(db_) + " (in: " + sql.substr(0, 60) + ")",
            primary == SQLITE_CONSTRAINT || primary == SQLITE_TOOBIG || primary == SQLITE_MISMATCH);
    }

    // Statements are prepared once per connection and reset for each use.
    sqlite3_stmt* prepare(const std::string& sql, std::initializer_list<Param> params) {
        sqlite3_stmt*& statement = statements_[sql];
        if (statement == nullptr) {
            const int rc =
                sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr);
            if (rc != SQLITE_OK) {
                statements_.erase(sql);
                fail(rc, sql);
            }
        }
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
        int i = 1;
        for (const Param& p : params) {
            int rc = SQLITE_OK;
            if (const auto* n = std::get_if<std::int64_t>(&p))
                rc = sqlite3_bind_int64(statement, i, *n);
            else if (const auto* s = std::get_if<std::string_view>(&p))
                rc =
                    sqlite3_bind_text(statement, i, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
            else
                rc = sqlite3_bind_null(statement, i);
            if (rc != SQLITE_OK) fail(rc, sql);
            ++i;
        }
        return statement;
    }

    // true while there is a row to read.
    bool step(sqlite3_stmt* statement, const std::string& sql) {
        const int rc = sqlite3_step(statement);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) {
            sqlite3_reset(statement);
            return false;
        }
        sqlite3_reset(statement);
        fail(rc, sql);
    }

    // The file's device and inode now, or {0, 0} when the name leads nowhere.
    std::pair<dev_t, ino_t> identity() const {
        struct stat info {};
        if (::stat(file_.c_str(), &info) != 0) return {0, 0};
        return {info.st_dev, info.st_ino};
    }

    std::string file_;
    std::pair<dev_t, ino_t> opened_{0, 0};
    sqlite3* db_ = nullptr;
    std::map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

std::unique_ptr<Connection> connect_sqlite(const std::filesystem::path& file, bool create) {
    if (!create && !std::filesystem::exists(file)) {
        throw StoreError("no database yet", file.string() +
                                                " does not exist: the server creates it when it runs "
                                                "(check --data-dir)");
    }
    return std::make_unique<SqliteConnection>(file, create);
}

}  // namespace analytics::detail
