#include <libpq-fe.h>

#include <memory>
#include <utility>

#include "analytics/store.hpp"
#include "connection.hpp"
#include "engines.hpp"

namespace analytics::detail {

namespace {

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

// `?` placeholders as PostgreSQL's $1, $2, ... (our statements have no `?` inside strings).
std::string numbered(const std::string& sql) {
    std::string out;
    int n = 0;
    for (char c : sql) {
        if (c == '?')
            out += "$" + std::to_string(++n);
        else
            out.push_back(c);
    }
    return out;
}

// Any number a migration lock could collide with is fine as long as it is ours alone: "career-a" in ASCII.
constexpr const char* migration_lock = "SELECT pg_advisory_xact_lock(7161124787955264353)";

class PostgresConnection : public Connection {
  public:
    explicit PostgresConnection(std::string url) : url_(std::move(url)) { connect(); }
    ~PostgresConnection() override { PQfinish(conn_); }

    const char* kind() const override { return "postgresql"; }

    std::uint64_t execute(const std::string& sql, std::initializer_list<Param> params = {}) override {
        Result result = run(sql, params);
        const char* tuples = PQcmdTuples(result.get());
        return tuples != nullptr && *tuples != '\0' ? std::stoull(tuples) : 0;
    }

    std::vector<Row> query(const std::string& sql, std::initializer_list<Param> params = {}) override {
        Result result = run(sql, params);
        std::vector<Row> rows;
        for (int r = 0; r < PQntuples(result.get()); ++r) {
            Row row;
            for (int c = 0; c < PQnfields(result.get()); ++c) {
                if (PQgetisnull(result.get(), r, c))
                    row.emplace_back();
                else
                    row.emplace_back(std::string(PQgetvalue(result.get(), r, c),
                                                 static_cast<std::size_t>(PQgetlength(result.get(), r, c))));
            }
            rows.push_back(std::move(row));
        }
        return rows;
    }

    void begin() override {
        execute("BEGIN");
        in_transaction_ = true;
    }
    void begin_migration() override {
        begin();
        execute(migration_lock);
    }

  private:
    void connect() {
        PQfinish(conn_);
        conn_ = nullptr;
        // Ours first: the URL's own settings, expanded after them, win.
        const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
        const char* values[] = {"5", "career-advisor", url_.c_str(), nullptr};
        conn_ = PQconnectdbParams(keys, values, 1);
        if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
            const std::string detail = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
            PQfinish(conn_);  // a constructor that throws runs no destructor
            conn_ = nullptr;
            throw StoreError("cannot connect to PostgreSQL", "PostgreSQL: " + detail);
        }
        // Notices ("relation already exists, skipping") would go to stderr; failures come back as errors.
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);
        // A statement stuck behind a lock fails instead of holding up the writer for ever.
        Result set(PQexec(conn_, "SET statement_timeout = 10000"), &PQclear);
    }

    Result run(const std::string& sql, std::initializer_list<Param> params) {
        // Never reconnect inside a transaction: a COMMIT on a new connection would "succeed" with nothing.
        if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
            if (std::exchange(in_transaction_, false)) {
                throw StoreError("lost the connection to PostgreSQL",
                                 "PostgreSQL: the connection broke in a transaction");
            }
            connect();
        }
        if (sql == "COMMIT" || sql == "ROLLBACK") in_transaction_ = false;
        std::vector<std::string> texts;
        texts.reserve(params.size());
        std::vector<const char*> values;
        for (const Param& p : params) {
            if (const auto* n = std::get_if<std::int64_t>(&p)) {
                texts.push_back(std::to_string(*n));
                values.push_back(texts.back().c_str());
            } else if (const auto* s = std::get_if<std::string_view>(&p)) {
                texts.emplace_back(*s);
                values.push_back(texts.back().c_str());
            } else {
                values.push_back(nullptr);
            }
        }
        Result result(PQexecParams(conn_, numbered(sql).c_str(), static_cast<int>(values.size()), nullptr,
                                   values.data(), nullptr, nullptr, 0),
                      &PQclear);
        const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
        const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
        const std::string code = state != nullptr ? state : "";
        const std::string detail =
            "PostgreSQL: " + std::string(PQerrorMessage(conn_)) + " (in: " + sql.substr(0, 60) + ")";
        if (PQstatus(conn_) != CONNECTION_OK || code.starts_with("08") || code.starts_with("57P")) {
            throw StoreError("lost the connection to PostgreSQL", detail);
        }
        if (code == "53100") throw StoreError("the PostgreSQL server's disk is full", detail);
        if (code == "25006") throw StoreError("the database is read-only", detail);
        // Class 22 (data exception) and 23 (integrity constraint): this row, not the database.
        throw StoreError("PostgreSQL refused a statement (SQLSTATE " + code + ")", detail,
                         code.starts_with("22") || code.starts_with("23"));
    }

    std::string url_;
    PGconn* conn_ = nullptr;
    bool in_transaction_ = false;
};

}  // namespace

std::unique_ptr<Connection> connect_postgres(const std::string& url) {
    return std::make_unique<PostgresConnection>(url);
}

}  // namespace analytics::detail
