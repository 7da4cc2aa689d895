#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace test_support {

// A blocking Beast WebSocket client for tests: connects to ws://127.0.0.1:PORT/ws from `source` (another
// loopback address is another client to the server's per-address limits).
class WsClient {
  public:
    explicit WsClient(std::uint16_t port, const std::string& path = "/ws",
                      const std::string& source = "127.0.0.1");
    ~WsClient();

    void send_text(const std::string& text);
    void send_binary(const std::string& bytes);
    std::string read_text();
    nlohmann::json ask(const std::string& text, const std::string& id = "");
    nlohmann::json read_json() { return nlohmann::json::parse(read_text()); }
    void close();
    // Drops the TCP connection without a WebSocket close, as a crashed browser tab would.
    void drop();

    boost::beast::websocket::stream<boost::beast::tcp_stream>& stream() { return ws_; }

  private:
    boost::asio::io_context ioc_;
    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
};

struct HttpResult {
    unsigned status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    nlohmann::json json() const { return nlohmann::json::parse(body); }
};

// One blocking HTTP/1.1 request to 127.0.0.1:PORT, from `source`.
HttpResult http_request(std::uint16_t port, boost::beast::http::verb method, const std::string& target,
                        const std::string& body = "", const std::map<std::string, std::string>& headers = {},
                        const std::string& source = "127.0.0.1");

// The value of one series of GET /metrics, e.g. `career_advisor_connections_open{kind="websocket"}`; 0 when
// the server has no such line (a counter never counted).
double metric(std::uint16_t port, const std::string& series);

// GET /admin/report?since=1d from loopback (no admin token set): the report's JSON.
nlohmann::json admin_report(std::uint16_t port);

// Sends raw bytes to 127.0.0.1:PORT and returns everything the server sends back until it closes
// the connection or stays silent for `quiet`. For requests no well-behaved client would send.
std::string raw_exchange(std::uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds quiet = std::chrono::milliseconds(1500));

// The status code of the first HTTP response in `raw` (0 when there is none).
unsigned status_of(const std::string& raw);

}  // namespace test_support
