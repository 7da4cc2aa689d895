#include "server/router.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>

#include "intents/catalog_queries.hpp"
#include "server/http_policy.hpp"
#include "server/protocol.hpp"
#include "server/query_string.hpp"
#include "server/static_files.hpp"

namespace server {

using nlohmann::json;

namespace {

std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Response make_response(const Request& request, http::status status, std::string body, std::string_view type) {
    Response res{status, request.version()};
    res.set(http::field::server, "career-advisor");
    res.set(http::field::content_type, type);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "strict-origin-when-cross-origin");
    res.keep_alive(request.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

Response json_response(const Request& request, http::status status, const json& body) {
    return make_response(request, status, body.dump(-1, ' ', false, json::error_handler_t::replace),
                         "application/json");
}

Response error_response(const Request& request, http::status status, ErrorCode code, const std::string& message) {
    return json_response(request, status, error_object(nullptr, code, message));
}

Response health(AppState&, const Request& request, const Peer&) {
    return json_response(request, http::status::ok, {{"status", "ok"}});
}

Response ask(AppState& state, const Request& request, const Peer&) {
    const auto advisor = state.advisor();
    const ProtocolLimits limits{state.config().max_question_chars};
    HttpReply reply = reply_to_ask(*advisor, request.body(), now_ms(), limits);
    return make_response(request, static_cast<http::status>(reply.status), std::move(reply.body), "application/json");
}

Response reload(AppState& state, const Request& request, const Peer& peer) {
    auto authorization = request.find(http::field::authorization);
    const std::string_view presented =
        authorization == request.end() ? std::string_view()
                                       : std::string_view(authorization->value().data(), authorization->value().size());
    if (!admin_allowed(state.config().admin_token, presented, peer.loopback)) {
        return error_response(request, http::status::forbidden, ErrorCode::forbidden,
                              "admin endpoints need a loopback client or the admin token");
    }
    const auto errors = state.reload();
    if (!errors.empty()) {
        json body = error_object(nullptr, ErrorCode::reload_failed, errors.front());
        body["errors"] = errors;
        return json_response(request, http::status::unprocessable_entity, body);
    }
    return json_response(request, http::status::ok, {{"status", "reloaded"}, {"summary", intents::summary(*state.advisor())}});
}

Response salary(AppState& state, const Request& request, const Peer&) {
    auto params = parse_query(request.target());
    if (!params) {
        return error_response(request, http::status::bad_request, ErrorCode::bad_request,
                              "the query string is malformed (bad %-escape or a repeated parameter)");
    }
    for (const auto& [name, value] : *params) {
        if (name != "location" && name != "level") {
            return error_response(request, http::status::bad_request, ErrorCode::bad_request,
                                  "unknown parameter '" + name + "'; known: location, level");
        }
    }
    const auto advisor = state.advisor();
    auto result = intents::salary_figures(*advisor, (*params)["location"], (*params)["level"]);
    if (!result.ok) return error_response(request, http::status::bad_request, ErrorCode::bad_request, result.error);
    return json_response(request, http::status::ok, result.body);
}

Response topics(AppState& state, const Request& request, const Peer&) {
    return json_response(request, http::status::ok, intents::topics(*state.advisor()));
}

struct Route {
    http::verb method;
    std::string_view path;
    std::function<Response(AppState&, const Request&, const Peer&)> handle;
};

const std::vector<Route>& routes() {
    static const std::vector<Route> table{
        {http::verb::get, "/healthz", health},
        {http::verb::post, "/api/v1/ask", ask},
        {http::verb::get, "/api/v1/salary", salary},
        {http::verb::get, "/api/v1/topics", topics},
        {http::verb::post, "/admin/reload", reload},
    };
    return table;
}

std::string_view path_of(std::string_view target) {
    const std::size_t query = target.find('?');
    return query == std::string_view::npos ? target : target.substr(0, query);
}

std::string header(const Request& request, http::field field) {
    auto it = request.find(field);
    return it == request.end() ? std::string() : std::string(it->value());
}

bool compressible(std::string_view type) {
    return type.starts_with("text/") || type.starts_with("application/json") || type.starts_with("image/svg");
}

// Static files: revalidated by ETag on every use (no-cache), gzip when the client takes it; our pages get
// the CSP; widget.js may be loaded by any site that embeds it.
Response static_file(const AppState& state, const Request& request) {
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
        return error_response(request, http::status::method_not_allowed, ErrorCode::method_not_allowed,
                              "only GET and HEAD are allowed here");
    }
    const std::string_view path = path_of(request.target());
    auto file = load_static_file(state.config().web_dir, path);
    if (!file) return error_response(request, http::status::not_found, ErrorCode::not_found, "no such page");
    const std::string etag = entity_tag(file->body);
    const bool not_modified = etag_matches(header(request, http::field::if_none_match), etag);
    const bool zipped = !not_modified && file->body.size() > 512 && compressible(file->content_type) &&
                        accepts_gzip(header(request, http::field::accept_encoding));
    std::string body = not_modified ? std::string() : zipped ? gzip(file->body) : std::move(file->body);
    Response res = make_response(request, not_modified ? http::status::not_modified : http::status::ok,
                                 std::move(body), file->content_type);
    res.set(http::field::etag, etag);
    res.set(http::field::cache_control, "no-cache");
    res.set(http::field::vary, "Accept-Encoding");
    if (zipped) res.set(http::field::content_encoding, "gzip");
    if (file->content_type.starts_with("text/html")) res.set("Content-Security-Policy", page_security_policy());
    if (path == "/widget.js") {
        res.set(http::field::access_control_allow_origin, "*");
        res.set("Cross-Origin-Resource-Policy", "cross-origin");
    }
    if (not_modified) {
        res.content_length(0);
    } else if (request.method() == http::verb::head) {
        const auto size = res.body().size();
        res.body().clear();
        res.content_length(size);
    }
    return res;
}

// The public JSON API may be called from any site (no cookies are involved): CORS preflight.
Response preflight(const Request& request) {
    Response res = make_response(request, http::status::no_content, "", "text/plain");
    res.set(http::field::access_control_allow_origin, "*");
    res.set(http::field::access_control_allow_methods, "GET, POST, OPTIONS");
    res.set(http::field::access_control_allow_headers, "Content-Type");
    res.set(http::field::access_control_max_age, "600");
    return res;
}

}  // namespace

bool admin_allowed(const std::string& token, std::string_view authorization, bool loopback) {
    if (loopback) return true;
    return !token.empty() && authorization == "Bearer " + token;
}

Response route(AppState& state, const Request& request, const Peer& peer) {
    try {
        const std::string_view path = path_of(request.target());
        const bool public_api = path.starts_with("/api/");
        if (public_api && request.method() == http::verb::options) return preflight(request);
        bool path_known = false;
        for (const Route& r : routes()) {
            if (r.path != path) continue;
            path_known = true;
            if (r.method != request.method()) continue;
            Response res = r.handle(state, request, peer);
            if (public_api) res.set(http::field::access_control_allow_origin, "*");
            return res;
        }
        if (path_known) {
            return error_response(request, http::status::method_not_allowed, ErrorCode::method_not_allowed,
                                  "wrong method for " + std::string(path));
        }
        return static_file(state, request);
    } catch (const std::exception& e) {
        spdlog::error("handler for {} failed: {}", std::string(request.target()), e.what());
        return make_response(request, http::status::internal_server_error,
                             R"({"type":"error","id":null,"code":"internal","message":"internal error"})",
                             "application/json");
    }
}

}  // namespace server
