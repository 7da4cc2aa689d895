// The HTTP request path: the input is what a client sends on one connection. It is read as
// HttpSession reads it (the same header and body limits; the header first, chunked bodies refused
// after it) and each request answered through the router, keep-alive requests one after another,
// until a reply closes the connection, a request upgrades to the chat or the bytes run out.
// Besides the sanitizers' findings it checks what router.hpp promises: the router replies exactly
// once and at once, never with a 500 (a handler's exception), and every reply it builds is one
// well-formed HTTP response.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "server/app_state.hpp"
#include "server/router.hpp"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using Parser = http::request_parser<http::string_body>;

constexpr std::size_t header_limit = 8 * 1024;  // as HttpSession::header_limit
constexpr int max_requests = 8;

server::AppState& app_state() {
    static server::AppState state = [] {
        server::Config config = fuzz::project_config();
        // A token nobody sends: POST /admin/reload is refused at once, since a reload would answer later
        // from a control thread this fuzzer does not run; and the admin refusals are exercised.
        config.admin_token = "fuzz-a6f0c2d9e4b87135-never-sent";
        return server::AppState(std::move(config), fuzz::project_advisor());
    }();
    return state;
}

const server::Peer peer{"127.0.0.1", true, 1, {}, "127.0.0.1"};

// Serialises the reply as the session writes it and reads it back: exactly one response, all bytes used.
void check_wire_form(const server::Response& response, http::verb method) {
    std::ostringstream wire;
    wire << response;
    const std::string bytes = wire.str();
    http::response_parser<http::string_body> parser;
    parser.skip(method == http::verb::head);  // a reply to HEAD announces a length it does not send
    parser.body_limit(bytes.size());
    parser.eager(true);  // the header and the body in one put()
    beast::error_code ec;
    const std::size_t used = parser.put(boost::asio::buffer(bytes), ec);
    if (!ec && !parser.is_done()) parser.put_eof(ec);
    fuzz::require(!ec && parser.is_done() && used == bytes.size(),
                  "a reply is one well-formed HTTP response (" + ec.message() + ", " + std::to_string(used) +
                      " of " + std::to_string(bytes.size()) + " bytes read):\n" + bytes);
}

// Feeds `bytes` to the parser until `done` or an error. When the parser can take no more of what
// there is, the client has said all it will: end of stream, as when it goes quiet or hangs up.
std::size_t feed(Parser& parser, std::string_view bytes, beast::error_code& ec,
                 bool (Parser::*done)() const) {
    std::size_t used = 0;
    while (!(parser.*done)()) {
        const std::size_t taken =
            parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
        used += taken;
        if (ec == http::error::need_more) ec = {};
        if (ec) break;
        if (taken == 0 && !(parser.*done)()) {
            parser.put_eof(ec);
            break;
        }
    }
    return used;
}

// Answers one request from the front of `rest`; false when the connection would close.
bool answer_one(server::AppState& state, std::string_view& rest) {
    Parser parser;
    parser.header_limit(header_limit);
    parser.body_limit(state.config().max_message_bytes);
    beast::error_code ec;
    std::size_t used = feed(parser, rest, ec, &Parser::is_header_done);
    if (!ec) {
        if (auto refusal = server::refuse_framing(state, parser.get())) {
            check_wire_form(*refusal, parser.get().method());
            return false;
        }
    }
    if (!ec) used += feed(parser, rest.substr(used), ec, &Parser::is_done);
    if (ec) {
        auto reply = server::reply_to_unreadable(state, ec, rest.substr(used));
        if (reply) check_wire_form(*reply, http::verb::get);
        return false;
    }
    rest.remove_prefix(used);
    const server::Request request = parser.release();
    if (server::is_chat_upgrade(request)) {
        if (auto refusal = server::refuse_upgrade(state, request, peer))
            check_wire_form(*refusal, request.method());
        return false;  // the connection is the chat's now, or closed
    }
    int replies = 0;
    std::optional<server::Response> reply;
    server::route(state, request, peer, [&](server::Response r) {
        ++replies;
        reply = std::move(r);
    });
    fuzz::require(replies == 1, "route() replies exactly once, at once");
    fuzz::require(reply->result() != http::status::internal_server_error, "no handler throws");
    check_wire_form(*reply, request.method());
    return reply->keep_alive();
}

}  // namespace

// Loads the data before the first input, so its time does not count against -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)app_state();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    server::AppState& state = app_state();
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    for (int i = 0; i < max_requests && !rest.empty() && answer_one(state, rest); ++i) {
    }
    return 0;
}
