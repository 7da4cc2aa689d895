#include "analytics/store.hpp"

#include "engines.hpp"
#include "intents/utf8.hpp"
#include "schema.hpp"
#include "sql_store.hpp"

namespace analytics {

namespace {

bool is_postgres_url(const std::string& database) {
    return database.starts_with("postgresql://") || database.starts_with("postgres://");
}

}  // namespace

int schema_version() { return static_cast<int>(detail::migrations().size()); }

const char* to_string(Channel channel) {
    switch (channel) {
        case Channel::websocket:
            return "websocket";
        case Channel::http:
            return "http";
        case Channel::slack:
            return "slack";
        case Channel::telegram:
            return "telegram";
        case Channel::sms:
            return "sms";
        case Channel::whatsapp:
            return "whatsapp";
    }
    return "websocket";
}

bool keeps_question(const AnswerEvent& event, bool all_questions) {
    return all_questions || event.fallback || event.not_covered;
}

std::string storable_text(std::string_view text) {
    std::string out = intents::repaired_utf8(text);
    for (std::size_t nul = out.find('\0'); nul != std::string::npos; nul = out.find('\0', nul))
        out.replace(nul, 1, "\xEF\xBF\xBD");
    return out;
}

std::string database_problem(const std::string& database) {
    if (database == "sqlite" || is_postgres_url(database)) return {};
    return "the database is \"sqlite\" (a file in --data-dir) or a postgresql://user@host/db URL: " +
           database;
}

std::string describe(const StoreLocation& location) {
    if (!is_postgres_url(location.database)) return (location.data_dir / "analytics.sqlite3").string();
    // postgresql://user:secret@host/db -> postgresql://user:***@host/db
    std::string url = location.database;
    const std::size_t authority = url.find("://") + 3;
    const std::size_t at = url.find('@', authority);
    const std::size_t colon = url.find(':', authority);
    if (at != std::string::npos && colon < at) url.replace(colon + 1, at - colon - 1, "***");
    if (const std::size_t password = url.find("password="); password != std::string::npos) {
        url.replace(password + 9, url.find('&', password) - (password + 9), "***");
    }
    return url;
}

std::unique_ptr<Store> open_store(const StoreLocation& location) {
    if (is_postgres_url(location.database)) {
        return std::make_unique<detail::SqlStore>(detail::connect_postgres(location.database));
    }
    return std::make_unique<detail::SqlStore>(
        detail::connect_sqlite(location.data_dir / "analytics.sqlite3", location.create));
}

}  // namespace analytics
