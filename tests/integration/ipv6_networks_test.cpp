// Per-address limits count an IPv6 client by its network (--ipv6-prefix, a /64 by default): one customer is
// handed a /64 and may use any of its 2^64 addresses. Needs addresses of two networks on the loopback, so
// CTest runs this suite alone in a network namespace of its own (tests/integration/in-network-namespace);
// in the other runs it is filtered out.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <cstdlib>

#include "support/clients.hpp"
#include "support/server_process.hpp"

using namespace test_support;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// The namespace's script puts these on its loopback: two addresses of one /64, one of another.
constexpr const char* first_of_a = "2001:db8:1:2::1";
constexpr const char* second_of_a = "2001:db8:1:2::2";
constexpr const char* first_of_b = "2001:db8:1:3::1";

// The status of GET / (the chat page) sent from `source` to the server on [first_of_a]:port.
unsigned static_status_from(const char* source, std::uint16_t port) {
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.open(tcp::v6());
    socket.bind(tcp::endpoint(net::ip::make_address(source), 0));
    socket.connect(tcp::endpoint(net::ip::make_address(first_of_a), port));
    const std::string request = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    net::write(socket, net::buffer(request));
    std::string raw;
    boost::system::error_code ec;
    net::read(socket, net::dynamic_buffer(raw), ec);  // until the server closes
    return status_of(raw);
}

}  // namespace

TEST(Ipv6Networks, AddressesOfOneNetworkShareOneBudget) {
    ASSERT_TRUE(std::getenv("CAREER_ADVISOR_IN_NETWORK_NAMESPACE"))
        << "run by CTest through tests/integration/in-network-namespace, which adds the addresses";
    const std::vector<std::string> one_request = {
        "--host", "::", "--address-static-burst", "1", "--address-static-rate", "0.01"};
    ServerProcess by_network(one_request);
    EXPECT_EQ(static_status_from(first_of_a, by_network.port()), 200u);
    EXPECT_EQ(static_status_from(second_of_a, by_network.port()), 429u)
        << "the same /64: its budget is spent";
    EXPECT_EQ(static_status_from(first_of_b, by_network.port()), 200u) << "another /64";

    std::vector<std::string> exact = one_request;
    exact.insert(exact.end(), {"--ipv6-prefix", "128"});
    ServerProcess by_address(exact);
    EXPECT_EQ(static_status_from(first_of_a, by_address.port()), 200u);
    EXPECT_EQ(static_status_from(second_of_a, by_address.port()), 200u) << "--ipv6-prefix 128: each address";
    EXPECT_EQ(static_status_from(first_of_a, by_address.port()), 429u);
}
