#pragma once

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <type_traits>

namespace server {

// The two kinds of connection: plain TCP, and TLS over TCP (--tls-cert). The sessions are written
// once for both; what differs (the TLS handshake and shutdown) is decided by is_tls.
using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

template <class Stream>
inline constexpr bool is_tls = std::is_same_v<Stream, TlsStream>;

}  // namespace server
