#include "server/router.hpp"

#include <spdlog/spdlog.h>

#include <boost/beast/websocket/rfc6455.hpp>
#include <chrono>
#include <nlohmann/json.hpp>

#include "analytics/report.hpp"
#include "intents/data_api.hpp"
#include "knowledge/json_text.hpp"
#include "server/channel_routes.hpp"
#include "server/clock.hpp"
#include "server/http_policy.hpp"
#include "server/openapi.hpp"
#include "server/protocol.hpp"
#include "server/query_string.hpp"
#include "server/reply_effects.hpp"

namespace server {

using nlohmann::json;

namespace {

std::string header(const Request& request, http::field field) {
    auto it = request.find(field);
    return it == request.end() ? std::string() : std::string(it->value());
}

std::string_view path_of(std::string_view target) {
    // The absolute form ("http://host/path"), which proxies send: the path is after the authority.
    if (target.starts_with("http://") || target.starts_with("https://")) {
        const std::size_t slash = target.find('/', target.find("://") + 3);
        target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
    const std::size_t query = target.find('?');
    return query == std::string_view::npos ? target : target.substr(0, query);
}

// Every reply starts here: our headers, and keep-alive only when the client wants it and we are not draining.
Response make_response(const AppState& state, unsigned version, bool keep_alive, http::status status,
                       std::string body, std::string_view type) {
    Response res{status, version};
    res.set(http::field::server, "career-advisor");
    res.set(http::field::content_type, type);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "strict-origin-when-cross-origin");
    res.keep_alive(keep_alive && !state.draining());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

Response make_response(const AppState& state, const Request& request, http::status status, std::string body,
                       std::string_view type) {
    return make_response(state, request.version(), request.keep_alive(), status, std::move(body), type);
}

Response json_response(const AppState& state, const Request& request, http::status status, const json& body) {
    return make_response(state, request, status, knowledge::json_text(body), "application/json");
}

Response error_response(AppState& state, const Request& request, http::status status, ErrorCode code,
                        const std::string& message) {
    state.metrics().error(to_string(code));
    return json_response(state, request, status, error_object(nullptr, code, message));
}

// What a handler's exception gets: route()'s boundary and the background thread's say the same.
Response internal_error(AppState& state, const Request& request) {
    return error_response(state, request, http::status::internal_server_error, ErrorCode::internal,
                          "internal error");
}

Response health(AppState& state, const Request& request, const Peer&) {
    return json_response(state, request, http::status::ok, {{"status", "ok"}});
}

// Ready or draining; a failing store is shown but does not make the server unready: chat works without it.
Response ready(AppState& state, const Request& request, const Peer&) {
    json body = {{"status", state.draining() ? "draining" : "ready"}};
    if (const analytics::Recorder* recorder = state.recorder()) {
        const analytics::RecorderStatus status = recorder->status();
        body["store"] = {{"kind", status.kind}, {"ok", status.ok}};
        if (!status.ok) body["store"]["problem"] = status.problem;
    }
    return json_response(state, request,
                         state.draining() ? http::status::service_unavailable : http::status::ok, body);
}

// The address's share of messages, charged for HTTP as for WebSocket messages: nullopt, or the 429.
std::optional<Response> refuse_over_rate(AppState& state, const Request& request, const Peer& peer) {
    if (state.address_rates().take(peer.limit_key, steady_seconds())) return std::nullopt;
    state.metrics().refused(Refusal::rate_limited);
    Response res = error_response(state, request, http::status::too_many_requests, ErrorCode::rate_limited,
                                  "too many questions from your address: wait a moment, then ask again");
    res.set(http::field::retry_after, "1");
    return res;
}

// Whether the site a browser request comes from may use the chat: one Origin header (or none, a program's)
// naming an --allowed-origin or this server itself.
bool site_allowed(const AppState& state, const Request& request) {
    return request.count(http::field::origin) <= 1 &&
           origin_allowed(header(request, http::field::origin), header(request, http::field::host),
                          state.config().allowed_origins);
}

Response ask(AppState& state, const Request& request, const Peer& peer) {
    if (auto refusal = refuse_over_rate(state, request, peer)) return std::move(*refusal);
    const auto advisor = state.advisor();
    const ProtocolLimits limits{state.config().max_question_chars};
    HttpReply out = reply_to_ask(*advisor, request.body(), wall_clock_ms(), limits, state.recording());
    settle(state, out.reply, peer.connection, peer.limit_key);
    return make_response(state, request, static_cast<http::status>(out.status), std::move(out.reply.body),
                         "application/json");
}

Response feedback(AppState& state, const Request& request, const Peer& peer) {
    if (auto refusal = refuse_over_rate(state, request, peer)) return std::move(*refusal);
    HttpReply out = reply_to_feedback(request.body(), wall_clock_ms(), state.recording());
    settle(state, out.reply, peer.connection, peer.limit_key);
    return make_response(state, request, static_cast<http::status>(out.status), std::move(out.reply.body),
                         "application/json");
}

// nullopt when the admin may go on; otherwise the refusal that says why: 401 with a Bearer challenge when the
// token is missing or wrong (credentials would help), else 403.
std::optional<Response> refuse_admin(AppState& state, const Request& request, const Peer& peer) {
    const std::string authorization = header(request, http::field::authorization);
    const std::string origin = header(request, http::field::origin);
    const std::string host = header(request, http::field::host);
    const std::string content_type = header(request, http::field::content_type);
    const bool forwarded = request.find(http::field::forwarded) != request.end() ||
                           request.find("X-Forwarded-For") != request.end() ||
                           request.find("X-Real-IP") != request.end();
    const AdminVerdict verdict = admin_access(
        state.config().admin_token, {authorization, origin, host, content_type, peer.loopback, forwarded});
    if (verdict == AdminVerdict::allowed) return std::nullopt;
    state.metrics().refused(Refusal::admin);
    const char* why =
        verdict == AdminVerdict::foreign_origin ? "admin endpoints refuse requests from other sites"
        : verdict == AdminVerdict::foreign_host
            ? "admin endpoints without --admin-token answer only requests for localhost or 127.0.0.1"
        : verdict == AdminVerdict::browser_form
            ? "admin endpoints refuse form and text/plain bodies (send no body, or JSON)"
        : verdict == AdminVerdict::wrong_token ? "the bearer token is not this server's --admin-token"
        : state.config().admin_token.empty()
            ? "admin endpoints need a direct loopback client, or --admin-token and its bearer token"
            : "admin endpoints need Authorization: Bearer <the --admin-token>";
    if (state.log_throttle().allow("admin " + peer.address)) {
        spdlog::warn("conn {}: refused {} {} from {}: {}", peer.connection,
                     std::string(request.method_string()), std::string(path_of(request.target())),
                     peer.address, why);
    }
    const bool token_would_help =
        !state.config().admin_token.empty() &&
        (verdict == AdminVerdict::needs_token || verdict == AdminVerdict::wrong_token);
    if (!token_would_help)
        return error_response(state, request, http::status::forbidden, ErrorCode::forbidden, why);
    Response res = error_response(state, request, http::status::unauthorized, ErrorCode::unauthorized, why);
    res.set(http::field::www_authenticate,
            verdict == AdminVerdict::wrong_token
                ? "Bearer realm=\"career-advisor admin\", error=\"invalid_token\""
                : "Bearer realm=\"career-advisor admin\"");
    return res;
}

std::string answer_cache_text(const intents::AdvisorPtr& advisor) {
    if (!advisor || !advisor->answers) return {};
    return Metrics::prometheus_text(advisor->answers->counts());
}

Response metrics(AppState& state, const Request& request, const Peer& peer) {
    if (auto refusal = refuse_admin(state, request, peer)) return std::move(*refusal);
    return make_response(
        state, request, http::status::ok,
        state.metrics().prometheus_text(CAREER_ADVISOR_VERSION, true, state.draining()) +
            (state.recorder() != nullptr ? Metrics::prometheus_text(state.recorder()->status()) : "") +
            answer_cache_text(state.advisor()) +
            Metrics::static_files_text(state.static_files().bytes(), state.static_files().names()),
        "text/plain; version=0.0.4; charset=utf-8");
}

Response salary(AppState& state, const Request& request, const Peer&) {
    auto params = parse_query(request.target());
    if (!params) {
        return error_response(state, request, http::status::bad_request, ErrorCode::bad_request,
                              "the query string is malformed (bad %-escape or a repeated parameter)");
    }
    for (const auto& [name, value] : *params) {
        if (name != "location" && name != "level") {
            return error_response(state, request, http::status::bad_request, ErrorCode::bad_request,
                                  "unknown parameter '" + name + "'; known: location, level");
        }
    }
    const auto advisor = state.advisor();
    auto result =
        intents::salary_figures(*advisor, comma_list((*params)["location"]), comma_list((*params)["level"]));
    if (!result.ok)
        return error_response(state, request, http::status::bad_request, ErrorCode::bad_request,
                              result.error);
    return make_response(state, request, http::status::ok, std::move(result.body), "application/json");
}

Response salary_filters(AppState& state, const Request& request, const Peer&) {
    return json_response(state, request, http::status::ok, intents::salary_filters(*state.advisor()));
}

Response topics(AppState& state, const Request& request, const Peer&) {
    return json_response(state, request, http::status::ok, intents::topics(*state.advisor()));
}

// What a client must check before it sends (the widget reads these instead of keeping copies), and
// whether the page asking may open the chat: a refused site can say so instead of seeming offline.
Response limits(AppState& state, const Request& request, const Peer&) {
    const Config& config = state.config();
    return json_response(state, request, http::status::ok,
                         {{"max_question_chars", config.max_question_chars},
                          {"max_message_bytes", config.max_message_bytes},
                          {"max_comment_chars", analytics::max_comment_chars},
                          {"origin_allowed", site_allowed(state, request)}});
}

// The one route that answers later: the reload runs on the control thread, never an I/O thread.
void reload(AppState& state, const Request& request, const Peer& peer, Respond reply) {
    if (auto refusal = refuse_admin(state, request, peer)) return reply(std::move(*refusal));
    const unsigned version = request.version();
    const bool keep_alive = request.keep_alive();
    state.request_reload(
        [&state, version, keep_alive, reply = std::move(reply)](const std::vector<std::string>& errors) {
            if (!errors.empty()) {
                state.metrics().error(to_string(ErrorCode::reload_failed));
                json body = error_object(nullptr, ErrorCode::reload_failed, errors.front());
                body["errors"] = errors;
                return reply(make_response(state, version, keep_alive, http::status::unprocessable_entity,
                                           knowledge::json_text(body), "application/json"));
            }
            const json body = {{"status", "reloaded"}, {"summary", intents::summary(*state.advisor())}};
            reply(make_response(state, version, keep_alive, http::status::ok, knowledge::json_text(body),
                                "application/json"));
        });
}

// GET /admin/report?since=7d: the report's JSON (analytics/report.hpp). Read on the background thread: a
// database query must not hold up an I/O thread, nor the control thread's drain.
void report(AppState& state, const Request& request, const Peer& peer, Respond reply) {
    if (auto refusal = refuse_admin(state, request, peer)) return reply(std::move(*refusal));
    auto params = parse_query(request.target());
    const std::int64_t now = wall_clock_ms();
    std::optional<std::int64_t> since;
    if (params && params->size() <= 1 && (params->empty() || params->contains("since"))) {
        since = analytics::parse_since(params->contains("since") ? (*params)["since"] : "7d", now);
    }
    if (!since) {
        return reply(error_response(state, request, http::status::bad_request, ErrorCode::bad_request,
                                    "the one parameter is since: 7d, 24h, 90m or a date, 2026-11-01"));
    }
    if (state.recorder() == nullptr) {
        return reply(error_response(state, request, http::status::service_unavailable, ErrorCode::unavailable,
                                    "this server records nothing"));
    }
    const unsigned version = request.version();
    const bool keep_alive = request.keep_alive();
    // The report and its failure both reply: one Respond shared by the two.
    auto respond = std::make_shared<Respond>(std::move(reply));
    Request shape{request.method(), request.target(), version};
    shape.keep_alive(keep_alive);
    state.run_in_background(
        AppState::Background::report,
        [&state, version, keep_alive, since = *since, now, respond] {
            const analytics::StoreLocation location{state.config().database, state.config().data_dir, false};
            try {
                auto store = analytics::open_store(location);
                const auto advisor = state.advisor();
                const json body =
                    analytics::to_json(analytics::make_report(*store, since, now, advisor->lexicon));
                Response res = make_response(state, version, keep_alive, http::status::ok,
                                             knowledge::json_text(body), "application/json");
                res.set(http::field::cache_control, "no-store");
                (*respond)(std::move(res));
            } catch (const analytics::StoreError& e) {
                spdlog::error("report: {}", e.what());
                state.metrics().error(to_string(ErrorCode::unavailable));
                (*respond)(
                    make_response(state, version, keep_alive, http::status::service_unavailable,
                                  knowledge::json_text(error_object(nullptr, ErrorCode::unavailable,
                                                                    "cannot read the store: " + e.reason())),
                                  "application/json"));
            }
        },
        [&state, shape, respond] { (*respond)(internal_error(state, shape)); });
}

// A messaging platform's webhook (channel_routes.hpp): its reply, or its refusal as our error object.
Response channel(AppState& state, const Request& request, ChannelReply (*handle)(AppState&, const Request&)) {
    ChannelReply out = handle(state, request);
    if (out.error_code != nullptr) {
        const ErrorCode code = out.status == 401 ? ErrorCode::unauthorized : ErrorCode::bad_request;
        return error_response(state, request, static_cast<http::status>(out.status), code, out.body);
    }
    Response res = make_response(state, request, static_cast<http::status>(out.status), std::move(out.body),
                                 out.content_type);
    res.set(http::field::cache_control, "no-store");
    return res;
}

// At once; or, when the senders' contexts are in the shared database, on the background thread (a database
// round trip must not hold up an I/O thread).
void channel_later(AppState& state, const Request& request, Respond reply,
                   ChannelReply (*handle)(AppState&, const Request&)) {
    if (!state.channel_contexts_shared()) return reply(channel(state, request, handle));
    auto respond = std::make_shared<Respond>(std::move(reply));
    state.run_in_background(
        AppState::Background::webhook,
        [&state, request, respond, handle] { (*respond)(channel(state, request, handle)); },
        [&state, request, respond] { (*respond)(internal_error(state, request)); });
}

void slack(AppState& state, const Request& request, const Peer&, Respond reply) {
    channel_later(state, request, std::move(reply), slack_command);
}
void telegram(AppState& state, const Request& request, const Peer&, Respond reply) {
    channel_later(state, request, std::move(reply), telegram_webhook);
}
void twilio(AppState& state, const Request& request, const Peer&, Respond reply) {
    channel_later(state, request, std::move(reply), twilio_message);
}

// The representation of a file a request takes: Brotli, else gzip, else the bytes themselves.
struct Encoded {
    const std::string* body;
    const std::string* etag;
    std::string_view coding;  // "" for identity
};

Encoded encoded_for(const PreparedFile& file, std::string_view accept_encoding) {
    if (!file.brotli.empty() && accepts_coding(accept_encoding, "br"))
        return {&file.brotli, &file.brotli_etag, "br"};
    if (!file.gzipped.empty() && accepts_coding(accept_encoding, "gzip"))
        return {&file.gzipped, &file.gzipped_etag, "gzip"};
    return {&file.body, &file.etag, ""};
}

// A file from memory, in the representation the client takes (encoded_for), with that representation's ETag
// (304 when If-None-Match holds it) and the given Cache-Control.
Response file_response(const AppState& state, const Request& request, const PreparedFile& file,
                       std::string_view cache_control) {
    const Encoded chosen = encoded_for(file, header(request, http::field::accept_encoding));
    const bool not_modified = etag_matches(header(request, http::field::if_none_match), *chosen.etag);
    Response res = make_response(state, request, not_modified ? http::status::not_modified : http::status::ok,
                                 not_modified ? std::string() : *chosen.body, file.content_type);
    res.set(http::field::etag, *chosen.etag);
    res.set(http::field::cache_control, cache_control);
    res.set(http::field::vary, "Accept-Encoding");
    if (!chosen.coding.empty() && !not_modified) res.set(http::field::content_encoding, chosen.coding);
    if (not_modified) res.content_length(0);
    return res;
}

// docs/openapi.yaml as JSON, built into the binary: prepared once (ETag, gzip, Brotli), then only read, and
// revalidated on every use.
Response openapi(AppState& state, const Request& request, const Peer&) {
    static const std::shared_ptr<const PreparedFile> spec = prepare_file(openapi_json(), "application/json");
    return file_response(state, request, *spec, "no-cache");
}

using Handler = Response (*)(AppState&, const Request&, const Peer&);
using LaterHandler = void (*)(AppState&, const Request&, const Peer&, Respond);

struct Route {
    http::verb method;
    std::string_view path;
    Handler handle = nullptr;
    LaterHandler handle_later = nullptr;
};

constexpr Route routes[] = {
    {http::verb::get, "/healthz", health, nullptr},
    {http::verb::get, "/readyz", ready, nullptr},
    {http::verb::get, "/metrics", metrics, nullptr},
    {http::verb::post, "/api/v1/ask", ask, nullptr},
    {http::verb::post, "/api/v1/feedback", feedback, nullptr},
    {http::verb::get, "/api/v1/salary", salary, nullptr},
    {http::verb::get, "/api/v1/salary/filters", salary_filters, nullptr},
    {http::verb::get, "/api/v1/topics", topics, nullptr},
    {http::verb::get, "/api/v1/limits", limits, nullptr},
    {http::verb::get, "/api/v1/openapi.json", openapi, nullptr},
    {http::verb::post, "/admin/reload", nullptr, reload},
    {http::verb::get, "/admin/report", nullptr, report},
    {http::verb::post, "/channels/slack/command", nullptr, slack},
    {http::verb::post, "/channels/telegram/webhook", nullptr, telegram},
    {http::verb::post, "/channels/twilio", nullptr, twilio},
};

// /widget.js, the name other sites' pages hold, leads to the current version, briefly: a deploy reaches
// every site within five minutes, and the version itself is then kept for a year.
Response version_redirect(AppState& state, const Request& request, std::string_view path,
                          const PreparedFile& file) {
    const std::string etag = "\"" + file.hash + "\"";
    const bool not_modified = etag_matches(header(request, http::field::if_none_match), etag);
    Response res =
        make_response(state, request, not_modified ? http::status::not_modified : http::status::found, "",
                      "text/plain; charset=utf-8");
    res.set(http::field::location, versioned_path(path, file.hash));
    res.set(http::field::etag, etag);
    res.set(http::field::cache_control, cache_control(AssetName::plain));
    return res;
}

// Static files, from memory (web/, asset_versions.hpp): a versioned name is cached for a year, a plain name
// for five minutes, another version's name gets the current file revalidated each time (a page from before a
// deploy, or from another replica during one, keeps working); each with its ETag, compressed once (Brotli or
// gzip) as the client accepts. Our pages get the CSP; the widget may be loaded by any site that embeds it.
Response static_file(AppState& state, const Request& request, const Peer& peer) {
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
        Response res = error_response(state, request, http::status::method_not_allowed,
                                      ErrorCode::method_not_allowed, "only GET and HEAD are allowed here");
        res.set(http::field::allow, "GET, HEAD");
        return res;
    }
    if (!state.static_rates().take(peer.limit_key, steady_seconds())) {
        state.metrics().refused(Refusal::rate_limited);
        Response res =
            error_response(state, request, http::status::too_many_requests, ErrorCode::rate_limited,
                           "too many page requests from your address: wait a moment, then reload");
        res.set(http::field::retry_after, "1");
        return res;
    }
    const std::string_view path = path_of(request.target());
    const StaticLookup found = state.static_files().lookup(path);
    if (!found.file)
        return error_response(state, request, http::status::not_found, ErrorCode::not_found, "no such page");
    const PreparedFile& file = *found.file;
    const std::string plain =
        found.name == AssetName::plain ? std::string(path) : split_versioned_path(path)->plain;
    Response res = [&] {
        if (found.name == AssetName::plain && !file.hash.empty() && redirects_to_version(plain))
            return version_redirect(state, request, plain, file);
        Response ok = file_response(state, request, file, cache_control(found.name));
        if (file.content_type.starts_with("text/html"))
            ok.set("Content-Security-Policy", page_security_policy());
        return ok;
    }();
    if (plain == "/widget.js") {
        res.set(http::field::access_control_allow_origin, "*");
        res.set("Cross-Origin-Resource-Policy", "cross-origin");
    }
    return res;
}

// CORS preflight for the public JSON API (no cookies are involved). It approves every site: a POST from a
// site that may not use the chat is then refused by refuse_foreign_site, with a message a developer can read.
Response preflight(const AppState& state, const Request& request) {
    Response res = make_response(state, request, http::status::no_content, "", "text/plain");
    res.set(http::field::access_control_allow_methods, "GET, POST, OPTIONS");
    res.set(http::field::access_control_allow_headers, "Content-Type");
    res.set(http::field::access_control_max_age, "600");
    return res;
}

// What every reply gets on its way out: CORS on the public API (any site, unless the route named the one
// site it answered), no body for HEAD (but the length a GET would have had), counted.
Response finish(AppState& state, const Request& request, Response res) {
    if (path_of(request.target()).starts_with("/api/") &&
        res.count(http::field::access_control_allow_origin) == 0)
        res.set(http::field::access_control_allow_origin, "*");
    if (request.method() == http::verb::head) {
        const std::string length = res.has_content_length() ? std::string(res[http::field::content_length])
                                                            : std::to_string(res.body().size());
        res.body().clear();
        res.set(http::field::content_length, length);
    }
    state.metrics().http_request();
    return res;
}

std::optional<Response> refuse_over_limit(AppState& state, const Request& request, const Peer& peer);

// The API's POSTs do work and write: a browser may send them from the sites that may open the chat
// (--allowed-origin, and our own), programs (no Origin header) from anywhere. The GETs stay open to every
// site.
std::optional<Response> refuse_foreign_site(AppState& state, const Request& request) {
    if (site_allowed(state, request)) return std::nullopt;
    return error_response(
        state, request, http::status::forbidden, ErrorCode::forbidden,
        "this site may not send questions or votes to the API from a browser: start the server "
        "with --allowed-origin <the site's origin> (programs send no Origin header)");
}

// The routes for a path, as an Allow header value ("" when the path has none).
std::string allowed_methods(std::string_view path) {
    std::string allow;
    for (const Route& r : routes) {
        if (r.path != path) continue;
        if (!allow.empty()) allow += ", ";
        allow += std::string(http::to_string(r.method));
        if (r.method == http::verb::get) allow += ", HEAD";
    }
    return allow;
}

void dispatch(AppState& state, const Request& request, const Peer& peer, const Respond& reply) {
    const std::string_view path = path_of(request.target());
    // Liveness, readiness and metrics must not fail because the server is busy: monitoring would go blind
    // exactly when it matters. They are cheap and touch no store.
    if (path != "/healthz" && path != "/readyz" && path != "/metrics") {
        if (auto over = refuse_over_limit(state, request, peer)) return reply(std::move(*over));
    }
    if (request.version() >= 11 && request.find(http::field::host) == request.end()) {
        return reply(error_response(state, request, http::status::bad_request, ErrorCode::bad_request,
                                    "HTTP/1.1 requests need a Host header"));
    }
    if (path.starts_with("/api/") && request.method() == http::verb::options)
        return reply(preflight(state, request));
    if (path == "/ws") {
        Response res = error_response(state, request, http::status::upgrade_required, ErrorCode::bad_request,
                                      "/ws speaks WebSocket: send an Upgrade request");
        res.set(http::field::upgrade, "websocket");
        res.set(http::field::connection, res.keep_alive() ? "Upgrade" : "Upgrade, close");
        return reply(std::move(res));
    }
    if (channel_off(state.config(), path)) {  // a channel without its secret is not there at all
        return reply(
            error_response(state, request, http::status::not_found, ErrorCode::not_found, "no such page"));
    }
    const http::verb method = request.method() == http::verb::head ? http::verb::get : request.method();
    for (const Route& r : routes) {
        if (r.path != path || r.method != method) continue;
        if (method == http::verb::post && path.starts_with("/api/")) {
            if (auto refusal = refuse_foreign_site(state, request)) return reply(std::move(*refusal));
        }
        if (r.handle_later != nullptr) return r.handle_later(state, request, peer, reply);
        Response res = r.handle(state, request, peer);
        if (method == http::verb::post && path.starts_with("/api/") &&
            request.count(http::field::origin) == 1 && !header(request, http::field::origin).empty()) {
            res.set(http::field::access_control_allow_origin, header(request, http::field::origin));
            res.set(http::field::vary, "Origin");
        }
        return reply(std::move(res));
    }
    if (const std::string allow = allowed_methods(path); !allow.empty()) {
        Response res =
            error_response(state, request, http::status::method_not_allowed, ErrorCode::method_not_allowed,
                           "wrong method for " + std::string(path) + "; allowed: " + allow);
        res.set(http::field::allow, allow);
        return reply(std::move(res));
    }
    // The API's, the admin's and the platforms' paths are endpoints, not pages: one not listed is not found,
    // whatever the method (a POST once got "only GET and HEAD").
    for (std::string_view prefix : {"/api/", "/admin/", "/channels/"}) {
        if (path.starts_with(prefix)) {
            return reply(error_response(state, request, http::status::not_found, ErrorCode::not_found,
                                        "no such endpoint: " + std::string(path)));
        }
    }
    reply(static_file(state, request, peer));
}

}  // namespace

void route(AppState& state, const Request& request, const Peer& peer, Respond reply) {
    // The request is copied into the reply path only as far as finish() needs it.
    auto finished = [&state, method = request.method(), target = std::string(request.target()),
                     reply = std::move(reply)](Response res) {
        Request shape{method, target, 11};
        reply(finish(state, shape, std::move(res)));
    };
    try {
        dispatch(state, request, peer, finished);
    } catch (const std::exception& e) {
        spdlog::error("conn {}: handler for {} failed: {}", peer.connection, std::string(request.target()),
                      e.what());
        finished(internal_error(state, request));
    }
}

bool is_chat_upgrade(const Request& request) {
    return boost::beast::websocket::is_upgrade(request) && path_of(request.target()) == "/ws";
}

namespace {

// 503 for a connection accepted over the caps; nullopt for one within them.
std::optional<Response> refuse_over_limit(AppState& state, const Request& request, const Peer& peer) {
    if (peer.admission == ConnectionLimits::Verdict::ok) return std::nullopt;
    const bool total = peer.admission == ConnectionLimits::Verdict::too_many;
    state.metrics().refused(total ? Refusal::connections : Refusal::connections_per_ip);
    Response res =
        error_response(state, request, http::status::service_unavailable, ErrorCode::unavailable,
                       total ? "the server has as many connections open as it takes: try again in a moment"
                             : "too many connections are open from your address: close one and try again");
    res.keep_alive(false);
    res.set(http::field::retry_after, "5");
    return res;
}

}  // namespace

std::optional<Response> refuse_upgrade(AppState& state, const Request& request, const Peer& peer) {
    auto refuse = [&](http::status status, ErrorCode code, const std::string& message, Refusal why) {
        state.metrics().refused(why);
        Response res = error_response(state, request, status, code, message);
        res.keep_alive(false);
        if (status == http::status::service_unavailable) res.set(http::field::retry_after, "5");
        return finish(state, request, std::move(res));
    };
    const std::string origin = header(request, http::field::origin);
    const bool one_origin = request.count(http::field::origin) <= 1;
    if (!site_allowed(state, request)) {
        // Per origin once a minute, and a few a minute in all: a client can send any number of origins.
        const std::string shown = origin.substr(0, 200);
        if (state.log_throttle().allow("origin " + shown) && state.log_budget().allow("refused origins")) {
            spdlog::warn(
                "refused a chat connection from origin {:?}: start the server with --allowed-origin {} "
                "to let that site embed the chat (logged at most once a minute per origin)",
                shown, shown);
        }
        return refuse(
            http::status::forbidden, ErrorCode::forbidden,
            one_origin ? "this site may not open the chat (see --allowed-origin)" : "send one Origin header",
            Refusal::origin);
    }
    if (state.draining()) {
        return refuse(http::status::service_unavailable, ErrorCode::unavailable,
                      "the server is restarting: connect again in a moment", Refusal::draining);
    }
    if (auto over = refuse_over_limit(state, request, peer)) return finish(state, request, std::move(*over));
    return std::nullopt;
}

std::optional<Response> reply_to_unreadable(AppState& state, const boost::beast::error_code& ec,
                                            std::string_view unparsed) {
    namespace beast = boost::beast;
    if (ec.category() != beast::http::make_error_code(beast::http::error::bad_method).category() ||
        ec == http::error::end_of_stream || ec == http::error::partial_message) {
        return std::nullopt;  // the client went away or timed out: nobody to tell
    }
    Request shape{http::verb::get, "/", 11};
    shape.keep_alive(false);
    auto refuse = [&](http::status status, ErrorCode code, const std::string& message) {
        Response res = error_response(state, shape, status, code, message);
        res.keep_alive(false);
        state.metrics().http_request();
        return res;
    };
    if (ec == http::error::body_limit) {
        return refuse(
            http::status::payload_too_large, ErrorCode::too_long,
            "the request body is larger than " + std::to_string(state.config().max_message_bytes) + " bytes");
    }
    if (ec == http::error::header_limit) {
        if (unparsed.find("\r\n") == std::string_view::npos) {
            return refuse(http::status::uri_too_long, ErrorCode::uri_too_long,
                          "the request line is too long");
        }
        return refuse(http::status::request_header_fields_too_large, ErrorCode::headers_too_large,
                      "the request headers are too large");
    }
    return refuse(http::status::bad_request, ErrorCode::bad_request,
                  "malformed HTTP request: " + ec.message());
}

std::optional<Response> refuse_framing(AppState& state, const Request& header_only) {
    auto refuse = [&](http::status status, ErrorCode code, const std::string& message) {
        Response res = error_response(state, header_only, status, code, message);
        res.keep_alive(false);
        return finish(state, header_only, std::move(res));
    };
    if (auto coding = header_only.find(http::field::transfer_encoding); coding != header_only.end()) {
        if (header_only.chunked()) {
            return refuse(http::status::length_required, ErrorCode::length_required,
                          "send the body with a Content-Length, not chunked");
        }
        return refuse(http::status::bad_request, ErrorCode::bad_request,
                      "unsupported Transfer-Encoding: send the body with a Content-Length");
    }
    const auto length = header_only.find(http::field::content_length);
    if (header_only.count(http::field::content_length) > 1 ||
        (length != header_only.end() && length->value().find(',') != boost::beast::string_view::npos)) {
        return refuse(http::status::bad_request, ErrorCode::bad_request, "send one Content-Length");
    }
    if (header_only.count(http::field::host) > 1) {
        return refuse(http::status::bad_request, ErrorCode::bad_request, "send one Host header");
    }
    return std::nullopt;
}

}  // namespace server
