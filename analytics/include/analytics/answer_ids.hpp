#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace analytics {

// Issues and checks answer ids: 48 hex digits, the issue time (ms, 48 bits), this process's random
// 48-bit nonce, a 32-bit counter, and a 64-bit tag, HMAC-SHA256 of the rest under the deployment's key.
// The tag lets any process holding the key tell, without a database lookup and so on the I/O thread,
// whether an id was issued by this deployment: replicas that share a PostgreSQL database share the
// key (the store keeps it), so an id from one is valid on the others; an id from anywhere else is
// refused, and none can be made without the key. Nonce and counter keep ids unique across replicas
// without coordination (a CSPRNG call per answer cost more than the rest of issuing an id).
//
// Thread-safe. Starts with a key of its own (random, this process only); adopt() adds the store's
// key, which then signs new ids while ids signed with the first key stay valid for this process.
class AnswerIds {
  public:
    AnswerIds();

    std::string issue(std::int64_t now_ms) const;

    enum class Verdict { ok, malformed, foreign, expired };
    // `max_age_ms` 0: ids never expire; otherwise an id issued longer ago than that is `expired`
    // (its answer has been deleted). An id from more than a minute in the future is `foreign`.
    Verdict check(std::string_view id, std::int64_t now_ms, std::int64_t max_age_ms) const;

    // Makes `key` (at least 32 bytes) the signing key; earlier keys stay accepted.
    void adopt(const std::string& key);

    static constexpr std::size_t id_length = 48;

    struct Keys;  // the keys with their HMAC pads absorbed once (answer_ids.cpp)
    ~AnswerIds();

  private:
    std::shared_ptr<const Keys> keys() const;
    // A mutex, not std::atomic<std::shared_ptr>: libstdc++ 12's atomic load is a data race by the
    // letter (tests/sanitizer-known-findings.txt), and this lock is held for a pointer copy only.
    mutable std::mutex mutex_;
    std::shared_ptr<const Keys> keys_;
    std::uint64_t nonce_ = 0;
    mutable std::atomic<std::uint32_t> counter_{0};
};

const char* to_string(AnswerIds::Verdict verdict);

// A new random key for adopt() and for a new database.
std::string new_answer_id_key();

}  // namespace analytics
