// --tls-cert/--tls-key: https and wss on one port, with a certificate made for the test.
#include <gtest/gtest.h>

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <cstdlib>

#include "support/clients.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

using namespace test_support;
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;

namespace {

// A self-signed certificate for 127.0.0.1, made with Debian's openssl command.
struct Certificate {
    TempDir dir;
    std::string cert = (dir.path() / "cert.pem").string();
    std::string key = (dir.path() / "key.pem").string();
    Certificate() {
        const std::string command =
            "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
            "-addext subjectAltName=IP:127.0.0.1 -keyout " +
            key + " -out " + cert + " 2>/dev/null";
        if (std::system(command.c_str()) != 0)
            throw std::runtime_error("openssl could not make a certificate");
    }
};

// A client context that trusts only the test's certificate.
ssl::context client_context(const Certificate& certificate) {
    ssl::context context(ssl::context::tls_client);
    context.load_verify_file(certificate.cert);
    context.set_verify_mode(ssl::verify_peer);
    return context;
}

}  // namespace

TEST(Tls, HttpsAndWssOnOnePort) {
    Certificate certificate;
    ServerProcess server({"--tls-cert", certificate.cert, "--tls-key", certificate.key});
    EXPECT_EQ(server.listening_line().rfind("listening on https://", 0), 0u) << server.listening_line();
    ssl::context context = client_context(certificate);
    net::io_context ioc;

    beast::ssl_stream<beast::tcp_stream> https(ioc, context);
    beast::get_lowest_layer(https).expires_after(std::chrono::seconds(10));
    beast::get_lowest_layer(https).connect({net::ip::make_address("127.0.0.1"), server.port()});
    https.handshake(ssl::stream_base::client);
    http::request<http::empty_body> req{http::verb::get, "/healthz", 11};
    req.set(http::field::host, "127.0.0.1");
    http::write(https, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(https, buffer, res);
    EXPECT_EQ(res.result_int(), 200u);

    beast::websocket::stream<beast::ssl_stream<beast::tcp_stream>> wss(ioc, context);
    beast::get_lowest_layer(wss).expires_after(std::chrono::seconds(10));
    beast::get_lowest_layer(wss).connect({net::ip::make_address("127.0.0.1"), server.port()});
    wss.next_layer().handshake(ssl::stream_base::client);
    beast::get_lowest_layer(wss).expires_never();
    wss.handshake("127.0.0.1:" + std::to_string(server.port()), "/ws");
    wss.write(
        net::buffer(std::string(R"({"type":"ask","text":"what do back-end developers earn in seattle?"})")));
    beast::flat_buffer answer;
    wss.read(answer);
    const auto reply = nlohmann::json::parse(beast::buffers_to_string(answer.data()));
    EXPECT_EQ(reply["type"], "answer");
    EXPECT_EQ(reply["intent"], "salary");
}

TEST(Tls, PlainHttpOnTheTlsPortGetsNoHttpAnswer) {
    Certificate certificate;
    ServerProcess server({"--tls-cert", certificate.cert, "--tls-key", certificate.key});
    EXPECT_EQ(status_of(raw_exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")), 0u);
    ssl::context context = client_context(certificate);
    net::io_context ioc;
    beast::ssl_stream<beast::tcp_stream> https(ioc,
                                               context);  // the server still serves TLS clients after that
    beast::get_lowest_layer(https).connect({net::ip::make_address("127.0.0.1"), server.port()});
    EXPECT_NO_THROW(https.handshake(ssl::stream_base::client));
}

TEST(Tls, AnUnusableKeyStopsTheStartNamingTheFile) {
    Certificate certificate;
    write_file(certificate.key, "not a key");
    auto r =
        run_command({"serve", "--port", "0", "--tls-cert", certificate.cert, "--tls-key", certificate.key});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("--tls-key " + certificate.key), std::string::npos) << r.err;
}

TEST(Tls, ACertificateWithoutAKeyIsABadFlag) {
    Certificate certificate;
    auto r = run_command({"serve", "--tls-cert", certificate.cert});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--tls-key"), std::string::npos) << r.err;
}
