#include "channels/signatures.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <charconv>

namespace channels {

const char* to_string(Signature verdict) {
    switch (verdict) {
        case Signature::valid:
            return "valid";
        case Signature::missing:
            return "missing";
        case Signature::stale:
            return "stale";
        case Signature::wrong:
            return "wrong";
    }
    return "wrong";
}

namespace {

std::string hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), out, &length);
    return std::string(reinterpret_cast<const char*>(out), length);
}

std::string hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char byte : bytes) {
        const auto c = static_cast<unsigned char>(byte);
        out += digits[c >> 4];
        out += digits[c & 0xF];
    }
    return out;
}

std::string base64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

}  // namespace

bool equal_constant_time(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string sha256_hex(std::string_view text) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(text.data(), text.size(), out, &length, EVP_sha256(), nullptr);
    return hex(std::string_view(reinterpret_cast<const char*>(out), length));
}

std::string slack_signature(std::string_view secret, std::string_view timestamp, std::string_view body) {
    std::string base = "v0:";
    base.append(timestamp).append(":").append(body);
    return "v0=" + hex(hmac(EVP_sha256(), secret, base));
}

Signature check_slack(std::string_view secret, std::string_view timestamp, std::string_view signature,
                      std::string_view body, std::int64_t now_s, std::int64_t max_skew_s) {
    if (timestamp.empty() || signature.empty()) return Signature::missing;
    std::int64_t sent = 0;
    const auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), sent);
    if (ec != std::errc() || end != timestamp.data() + timestamp.size()) return Signature::wrong;
    // Compared before the time: a forged request learns nothing about the clock.
    if (!equal_constant_time(slack_signature(secret, timestamp, body), signature)) return Signature::wrong;
    // Compared without subtracting: now_s - sent overflows (undefined) for a timestamp near INT64_MIN.
    const bool within = sent >= now_s - max_skew_s && sent <= now_s + max_skew_s;
    return within ? Signature::valid : Signature::stale;
}

namespace {

// The parameters as Twilio signs them after the URL: sorted by name, and by value for a repeated name, as
// Twilio's own validators do; each name then value, nothing between.
std::string twilio_signed_parameters(const FormFields& params) {
    FormFields sorted = params;
    std::sort(sorted.begin(), sorted.end());
    std::string data;
    for (const auto& [name, value] : sorted) data.append(name).append(value);
    return data;
}

}  // namespace

std::string twilio_signature(std::string_view auth_token, std::string_view url, const FormFields& params) {
    return base64(hmac(EVP_sha1(), auth_token, std::string(url) + twilio_signed_parameters(params)));
}

std::string twilio_delivery_key(const FormFields& params) {
    const std::string data = twilio_signed_parameters(params);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
    return base64(std::string_view(reinterpret_cast<const char*>(digest), length));
}

Signature check_twilio(std::string_view auth_token, std::string_view url, const FormFields& params,
                       std::string_view signature) {
    if (signature.empty()) return Signature::missing;
    return equal_constant_time(twilio_signature(auth_token, url, params), signature) ? Signature::valid
                                                                                     : Signature::wrong;
}

Signature check_telegram(std::string_view secret, std::string_view header) {
    if (header.empty()) return Signature::missing;
    return equal_constant_time(secret, header) ? Signature::valid : Signature::wrong;
}

}  // namespace channels
