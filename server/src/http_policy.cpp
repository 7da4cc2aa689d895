#include "server/http_policy.hpp"

#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <stdexcept>

namespace server {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Calls f on each comma-separated element of a header value, trimmed.
template <class F>
void for_each_element(std::string_view value, F f) {
    while (!value.empty()) {
        const std::size_t comma = value.find(',');
        f(trim(value.substr(0, comma)));
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
}

}  // namespace

namespace {

// "host[:port]" -> host and port (nullopt port when absent); IPv6 literals keep their brackets.
std::optional<std::pair<std::string, std::optional<std::uint16_t>>> split_authority(
    std::string_view authority) {
    if (authority.empty()) return std::nullopt;
    const std::size_t bracket = authority.rfind(']');
    const std::size_t colon = authority.rfind(':');
    if (colon == std::string_view::npos || (bracket != std::string_view::npos && colon < bracket)) {
        return std::pair{lower(authority), std::optional<std::uint16_t>()};
    }
    const std::string_view digits = authority.substr(colon + 1);
    if (digits.empty() || digits.size() > 5 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    const unsigned long port = std::stoul(std::string(digits));
    if (port == 0 || port > 65535 || colon == 0) return std::nullopt;
    return std::pair{lower(authority.substr(0, colon)),
                     std::optional<std::uint16_t>(static_cast<std::uint16_t>(port))};
}

std::uint16_t default_port(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

// Every byte is compared whatever the first difference, so the time taken says nothing about the token
// (its length is not the secret).
bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

}  // namespace

std::optional<Origin> parse_origin(std::string_view text) {
    const std::size_t scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos) return std::nullopt;
    Origin origin;
    origin.scheme = lower(text.substr(0, scheme_end));
    if (origin.scheme != "http" && origin.scheme != "https") return std::nullopt;
    const std::string_view authority = text.substr(scheme_end + 3);
    if (authority.find_first_of("/?#@ \t") != std::string_view::npos) return std::nullopt;
    auto split = split_authority(authority);
    if (!split) return std::nullopt;
    origin.host = split->first;
    origin.port = split->second.value_or(default_port(origin.scheme));
    return origin;
}

bool origin_allowed(std::string_view origin_header, std::string_view host,
                    const std::vector<std::string>& allowed) {
    if (origin_header.empty()) return true;
    const auto origin = parse_origin(origin_header);
    if (!origin) return false;
    for (const std::string& a : allowed) {
        if (parse_origin(a) == origin) return true;
    }
    // Same origin: Host names the origin's host and port (its port defaulting as the origin's scheme does).
    const auto ours = split_authority(host);
    return ours && ours->first == origin->host &&
           ours->second.value_or(default_port(origin->scheme)) == origin->port;
}

namespace {

// "127.x.y.z" written as an IPv4 literal: four decimal numbers of 0-255. A name that merely starts with
// "127." ("127.0.0.1.rebind.attacker.example") is a domain an attacker can point at us (DNS rebinding).
bool ipv4_loopback_literal(std::string_view host) {
    int parts = 0;
    while (true) {
        const std::size_t dot = std::min(host.find('.'), host.size());
        const std::string_view part = host.substr(0, dot);
        if (part.empty() || part.size() > 3 ||
            !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            return false;
        }
        const int value = std::stoi(std::string(part));
        if (value > 255 || (parts == 0 && value != 127)) return false;
        ++parts;
        if (dot == host.size()) return parts == 4;
        host.remove_prefix(dot + 1);
    }
}

}  // namespace

AdminVerdict admin_access(const std::string& token, const AdminRequest& request) {
    if (!request.origin.empty() && !origin_allowed(request.origin, request.host, {}))
        return AdminVerdict::foreign_origin;
    const std::string type = lower(trim(request.content_type.substr(0, request.content_type.find(';'))));
    if (type == "text/plain" || type == "application/x-www-form-urlencoded" ||
        type == "multipart/form-data") {
        return AdminVerdict::browser_form;
    }
    if (!token.empty()) {
        const std::string expected = "Bearer " + token;
        if (request.authorization.empty()) return AdminVerdict::needs_token;
        return constant_time_equal(request.authorization, expected) ? AdminVerdict::allowed
                                                                    : AdminVerdict::wrong_token;
    }
    if (!request.loopback || request.forwarded) return AdminVerdict::needs_token;
    const auto host = split_authority(request.host);
    const bool loopback_name =
        host && (host->first == "localhost" || host->first == "[::1]" || ipv4_loopback_literal(host->first));
    return loopback_name ? AdminVerdict::allowed : AdminVerdict::foreign_host;
}

std::string_view page_security_policy() {
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
           "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
}

std::string entity_tag(std::string_view content) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (char c : content) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string tag = "\"";
    for (int shift = 60; shift >= 0; shift -= 4) tag.push_back(digits[(hash >> shift) & 0xF]);
    tag.push_back('"');
    return tag;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    bool match = false;
    for_each_element(if_none_match, [&](std::string_view element) {
        if (element.starts_with("W/")) element.remove_prefix(2);  // weak comparison, as RFC 9110 says for GET
        match = match || element == "*" || element == etag;
    });
    return match;
}

bool accepts_coding(std::string_view accept_encoding, std::string_view coding_wanted) {
    std::optional<bool> named_ok, any_ok;  // what the coding and "*" say, when present
    for_each_element(accept_encoding, [&](std::string_view element) {
        const std::size_t semicolon = element.find(';');
        const std::string coding = lower(trim(element.substr(0, semicolon)));
        std::string params = semicolon == std::string_view::npos ? "" : lower(element.substr(semicolon + 1));
        params.erase(std::remove(params.begin(), params.end(), ' '), params.end());
        const bool refused =
            params.starts_with("q=0") && params.find_first_not_of("q=0.") == std::string::npos;
        if (coding == coding_wanted) named_ok = !refused;
        if (coding == "*") any_ok = !refused;
    });
    return named_ok.value_or(any_ok.value_or(false));
}

std::string gzip(std::string_view data) {
    z_stream stream{};
    // windowBits 15 + 16 asks zlib for a gzip header and trailer instead of a zlib one.
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("deflateInit2 failed");
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) throw std::runtime_error("deflate failed");
    out.resize(stream.total_out);
    return out;
}

std::string brotli(std::string_view data) {
    std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
    std::string out(size, '\0');
    if (!BrotliEncoderCompress(9, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                               reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                               reinterpret_cast<std::uint8_t*>(out.data()))) {
        throw std::runtime_error("BrotliEncoderCompress failed");
    }
    out.resize(size);
    return out;
}

}  // namespace server
