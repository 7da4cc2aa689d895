#include "support/clients.hpp"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <chrono>
#include <system_error>

namespace test_support {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Connects to the server's loopback port from `source` (port chosen by the kernel). The port is chosen at
// connect, not at bind (IP_BIND_ADDRESS_NO_PORT): a bind to port 0 refuses every port still in TIME_WAIT, so
// a flood of short requests from one address runs out of ports after ~28,000 in a minute, while connect may
// reuse a TIME_WAIT port on loopback.
void connect_from(beast::tcp_stream& stream, const std::string& source, std::uint16_t port) {
    stream.socket().open(tcp::v4());
    const int one = 1;
    if (::setsockopt(stream.socket().native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one,
                     sizeof one) != 0)
        throw std::system_error(errno, std::generic_category(), "IP_BIND_ADDRESS_NO_PORT");
    stream.socket().bind(tcp::endpoint(net::ip::make_address(source), 0));
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
}

}  // namespace

WsClient::WsClient(std::uint16_t port, const std::string& path, const std::string& source) : ws_(ioc_) {
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(10));
    connect_from(beast::get_lowest_layer(ws_), source, port);
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(beast::websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws_.handshake("127.0.0.1:" + std::to_string(port), path);
}

WsClient::~WsClient() {
    beast::error_code ec;
    if (ws_.is_open()) ws_.close(beast::websocket::close_code::normal, ec);
}

void WsClient::send_text(const std::string& text) {
    ws_.text(true);
    ws_.write(net::buffer(text));
}

void WsClient::send_binary(const std::string& bytes) {
    ws_.binary(true);
    ws_.write(net::buffer(bytes));
}

std::string WsClient::read_text() {
    beast::flat_buffer buffer;
    ws_.read(buffer);
    return beast::buffers_to_string(buffer.data());
}

nlohmann::json WsClient::ask(const std::string& text, const std::string& id) {
    nlohmann::json request = {{"type", "ask"}, {"text", text}};
    if (!id.empty()) request["id"] = id;
    send_text(request.dump());
    return read_json();
}

void WsClient::close() { ws_.close(beast::websocket::close_code::normal); }

void WsClient::drop() {
    beast::error_code ec;
    beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ec);
    beast::get_lowest_layer(ws_).socket().close(ec);
}

HttpResult http_request(std::uint16_t port, http::verb method, const std::string& target,
                        const std::string& body, const std::map<std::string, std::string>& headers,
                        const std::string& source) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(10));
    connect_from(stream, source, port);
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto& [name, value] : headers) req.set(name, value);
    if (!body.empty() || method == http::verb::post) {
        if (req.find(http::field::content_type) == req.end())
            req.set(http::field::content_type, "application/json");
        req.body() = body;
        req.prepare_payload();
    }
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    if (method == http::verb::head) parser.skip(true);
    http::read(stream, buffer, parser);
    auto res = parser.release();
    HttpResult result;
    result.status = res.result_int();
    result.body = res.body();
    for (const auto& field : res)
        result.headers[std::string(field.name_string())] = std::string(field.value());
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return result;
}

double metric(std::uint16_t port, const std::string& series) {
    const std::string text = http_request(port, http::verb::get, "/metrics").body;
    const auto at = text.find("\n" + series + " ");
    return at == std::string::npos ? 0 : std::stod(text.substr(at + series.size() + 2));
}

nlohmann::json admin_report(std::uint16_t port) {
    return http_request(port, http::verb::get, "/admin/report?since=1d").json();
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes, std::chrono::milliseconds quiet) {
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    beast::error_code ec;
    net::write(socket, net::buffer(bytes), ec);  // the server may close before taking it all
    std::string received;
    char chunk[4096];
    for (;;) {
        pollfd p{socket.native_handle(), POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(quiet.count())) <= 0) break;
        const std::size_t n = socket.read_some(net::buffer(chunk), ec);
        if (ec) break;
        received.append(chunk, n);
    }
    return received;
}

unsigned status_of(const std::string& raw) {
    if (raw.rfind("HTTP/1.", 0) != 0 || raw.size() < 12) return 0;
    return static_cast<unsigned>(std::stoul(raw.substr(9, 3)));
}

}  // namespace test_support
