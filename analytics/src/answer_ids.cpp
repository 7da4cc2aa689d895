#include "analytics/answer_ids.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace analytics {

namespace {

constexpr std::size_t time_bytes = 6, nonce_bytes = 6, counter_bytes = 4, tag_bytes = 8;
constexpr std::size_t body_bytes = time_bytes + nonce_bytes + counter_bytes;
constexpr std::int64_t future_slack_ms = 60'000;  // clocks of replicas differ a little
using Body = std::array<unsigned char, body_bytes>;
using Tag = std::array<unsigned char, tag_bytes>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

DigestContext new_context() {
    DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!context) throw std::runtime_error("EVP_MD_CTX_new failed");
    return context;
}

void require(int ok, const char* what) {
    if (ok != 1) throw std::runtime_error(std::string(what) + " failed");
}

// HMAC-SHA256 (RFC 2104) with the key's inner and outer pads hashed once: a tag then costs two copies
// of a digest state and two short hashes, where OpenSSL's one-shot HMAC() sets everything up each time.
class Mac {
  public:
    explicit Mac(const std::string& key) : inner_(new_context()), outer_(new_context()) {
        std::array<unsigned char, 64>
            block{};  // SHA-256's block: a longer key is hashed first, as RFC 2104 says
        if (key.size() > block.size()) {
            require(EVP_Digest(key.data(), key.size(), block.data(), nullptr, EVP_sha256(), nullptr),
                    "EVP_Digest");
        } else {
            std::copy(key.begin(), key.end(), block.begin());
        }
        std::array<unsigned char, 64> pad;
        for (auto [context, byte] : {std::pair{inner_.get(), 0x36}, std::pair{outer_.get(), 0x5c}}) {
            for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = static_cast<unsigned char>(block[i] ^ byte);
            require(EVP_DigestInit_ex(context, EVP_sha256(), nullptr), "EVP_DigestInit_ex");
            require(EVP_DigestUpdate(context, pad.data(), pad.size()), "EVP_DigestUpdate");
        }
    }

    Tag tag(const Body& body) const {
        thread_local DigestContext scratch = new_context();
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        require(EVP_MD_CTX_copy_ex(scratch.get(), inner_.get()), "EVP_MD_CTX_copy_ex");
        require(EVP_DigestUpdate(scratch.get(), body.data(), body.size()), "EVP_DigestUpdate");
        require(EVP_DigestFinal_ex(scratch.get(), digest, &length), "EVP_DigestFinal_ex");
        require(EVP_MD_CTX_copy_ex(scratch.get(), outer_.get()), "EVP_MD_CTX_copy_ex");
        require(EVP_DigestUpdate(scratch.get(), digest, length), "EVP_DigestUpdate");
        require(EVP_DigestFinal_ex(scratch.get(), digest, &length), "EVP_DigestFinal_ex");
        Tag tag;
        std::copy_n(digest, tag.size(), tag.begin());
        return tag;
    }

  private:
    DigestContext inner_, outer_;
};

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

void put_big_endian(unsigned char* out, std::uint64_t value, std::size_t bytes) {
    for (std::size_t i = 0; i < bytes; ++i)
        out[i] = static_cast<unsigned char>(value >> (8 * (bytes - 1 - i)));
}

}  // namespace

struct AnswerIds::Keys {
    std::string signing_key;
    std::vector<std::string> accepted_keys;            // the signing key included
    std::vector<std::shared_ptr<const Mac>> accepted;  // in the same order
    std::shared_ptr<const Mac> signing;
};

std::string new_answer_id_key() {
    std::array<unsigned char, 32> key;
    require(RAND_bytes(key.data(), static_cast<int>(key.size())), "RAND_bytes");
    std::string out;
    append_hex(out, key.data(), key.size());
    return out;
}

AnswerIds::AnswerIds() {
    unsigned char nonce[8];
    require(RAND_bytes(nonce, sizeof nonce), "RAND_bytes");
    for (unsigned char b : nonce) nonce_ = nonce_ << 8 | b;
    const std::string key = new_answer_id_key();
    auto mac = std::make_shared<const Mac>(key);
    keys_ = std::make_shared<const Keys>(Keys{key, {key}, {mac}, mac});
}

AnswerIds::~AnswerIds() = default;

std::shared_ptr<const AnswerIds::Keys> AnswerIds::keys() const {
    std::lock_guard lock(mutex_);
    return keys_;
}

void AnswerIds::adopt(const std::string& key) {
    if (key.size() < 32) throw std::invalid_argument("an answer-id key needs at least 32 bytes");
    std::lock_guard lock(mutex_);
    auto keys = std::make_shared<Keys>(*keys_);
    auto known = std::find(keys->accepted_keys.begin(), keys->accepted_keys.end(), key);
    if (known == keys->accepted_keys.end()) {
        keys->accepted_keys.push_back(key);
        keys->accepted.push_back(std::make_shared<const Mac>(key));
        known = keys->accepted_keys.end() - 1;
    }
    keys->signing_key = key;
    keys->signing = keys->accepted[static_cast<std::size_t>(known - keys->accepted_keys.begin())];
    keys_ = std::move(keys);
}

std::string AnswerIds::issue(std::int64_t now_ms) const {
    Body body;
    put_big_endian(body.data(), static_cast<std::uint64_t>(now_ms), time_bytes);
    put_big_endian(body.data() + time_bytes, nonce_, nonce_bytes);
    put_big_endian(body.data() + time_bytes + nonce_bytes, counter_.fetch_add(1, std::memory_order_relaxed),
                   counter_bytes);
    const Tag tag = keys()->signing->tag(body);
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
    const auto known = keys();
    bool ours = false;
    for (const auto& mac : known->accepted) ours = ours || same_tag(mac->tag(body), tag);
    if (!ours) return Verdict::foreign;
    std::int64_t issued = 0;
    for (std::size_t i = 0; i < time_bytes; ++i) issued = issued << 8 | body[i];
    if (issued > now_ms + future_slack_ms) return Verdict::foreign;
    if (max_age_ms > 0 && issued < now_ms - max_age_ms) return Verdict::expired;
    return Verdict::ok;
}

const char* to_string(AnswerIds::Verdict verdict) {
    switch (verdict) {
        case AnswerIds::Verdict::ok:
            return "ok";
        case AnswerIds::Verdict::malformed:
            return "malformed";
        case AnswerIds::Verdict::foreign:
            return "foreign";
        case AnswerIds::Verdict::expired:
            return "expired";
    }
    return "malformed";
}

}  // namespace analytics
