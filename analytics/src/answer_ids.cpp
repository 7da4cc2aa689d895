#include "analytics/answer_ids.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace analytics {

namespace {

constexpr std::size_t time_bytes = 6, random_bytes = 10, tag_bytes = 8;
constexpr std::size_t body_bytes = time_bytes + random_bytes;
constexpr std::int64_t future_slack_ms = 60'000;  // clocks of replicas differ a little
using Body = std::array<unsigned char, body_bytes>;
using Tag = std::array<unsigned char, tag_bytes>;

Tag tag_of(const std::string& key, const Body& body) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), body.data(), body.size(), mac, &length) == nullptr) {
        throw std::runtime_error("HMAC-SHA256 failed");
    }
    Tag tag;
    std::copy_n(mac, tag.size(), tag.begin());
    return tag;
}

constexpr char hex_digits[] = "0123456789abcdef";

void append_hex(std::string& out, const unsigned char* bytes, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(hex_digits[bytes[i] >> 4]);
        out.push_back(hex_digits[bytes[i] & 0xF]);
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;  // upper case is not how ids are written: not ours
}

bool read_hex(std::string_view text, unsigned char* out) {
    for (std::size_t i = 0; i < text.size() / 2; ++i) {
        const int high = hex_value(text[2 * i]), low = hex_value(text[2 * i + 1]);
        if (high < 0 || low < 0) return false;
        out[i] = static_cast<unsigned char>(high << 4 | low);
    }
    return true;
}

// Compares every byte whatever the first difference: the time taken says nothing about the tag.
bool same_tag(const Tag& a, const Tag& b) {
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

}  // namespace

std::string new_answer_id_key() {
    std::array<unsigned char, 32> key;
    if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) throw std::runtime_error("RAND_bytes failed");
    std::string out;
    append_hex(out, key.data(), key.size());
    return out;
}

AnswerIds::AnswerIds() {
    const std::string key = new_answer_id_key();
    keys_.store(std::make_shared<const Keys>(Keys{key, {key}}));
}

void AnswerIds::adopt(const std::string& key) {
    if (key.size() < 32) throw std::invalid_argument("an answer-id key needs at least 32 bytes");
    auto keys = std::make_shared<Keys>(*keys_.load());
    keys->signing = key;
    if (std::find(keys->accepted.begin(), keys->accepted.end(), key) == keys->accepted.end()) {
        keys->accepted.push_back(key);
    }
    keys_.store(std::move(keys));
}

std::string AnswerIds::issue(std::int64_t now_ms) const {
    Body body;
    const auto time = static_cast<std::uint64_t>(now_ms);
    for (std::size_t i = 0; i < time_bytes; ++i) body[i] = static_cast<unsigned char>(time >> (8 * (time_bytes - 1 - i)));
    if (RAND_bytes(body.data() + time_bytes, static_cast<int>(random_bytes)) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    const Tag tag = tag_of(keys_.load()->signing, body);
    std::string id;
    id.reserve(id_length);
    append_hex(id, body.data(), body.size());
    append_hex(id, tag.data(), tag.size());
    return id;
}

AnswerIds::Verdict AnswerIds::check(std::string_view id, std::int64_t now_ms, std::int64_t max_age_ms) const {
    Body body;
    Tag tag;
    if (id.size() != id_length || !read_hex(id.substr(0, 2 * body_bytes), body.data()) ||
        !read_hex(id.substr(2 * body_bytes), tag.data())) {
        return Verdict::malformed;
    }
    const auto keys = keys_.load();
    bool ours = false;
    for (const std::string& key : keys->accepted) ours = ours || same_tag(tag_of(key, body), tag);
    if (!ours) return Verdict::foreign;
    std::int64_t issued = 0;
    for (std::size_t i = 0; i < time_bytes; ++i) issued = issued << 8 | body[i];
    if (issued > now_ms + future_slack_ms) return Verdict::foreign;
    if (max_age_ms > 0 && issued < now_ms - max_age_ms) return Verdict::expired;
    return Verdict::ok;
}

const char* to_string(AnswerIds::Verdict verdict) {
    switch (verdict) {
        case AnswerIds::Verdict::ok: return "ok";
        case AnswerIds::Verdict::malformed: return "malformed";
        case AnswerIds::Verdict::foreign: return "foreign";
        case AnswerIds::Verdict::expired: return "expired";
    }
    return "malformed";
}

}  // namespace analytics
