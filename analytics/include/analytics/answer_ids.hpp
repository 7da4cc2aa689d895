#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace analytics {

// Issues and checks answer ids: 48 hex digits, the issue time (ms, 48 bits), 80 random bits from
// OpenSSL's CSPRNG and a 64-bit tag, HMAC-SHA256 of the first two under the deployment's key.
// The tag lets any process holding the key tell, without a database lookup and so on the I/O thread,
// whether an id was issued by this deployment: replicas that share a PostgreSQL database share the
// key (the store keeps it), so an id from one is valid on the others; an id from anywhere else is
// refused. The random part makes ids unguessable and unique across replicas without coordination.
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

private:
    struct Keys {
        std::string signing;
        std::vector<std::string> accepted;  // signing included
    };
    std::atomic<std::shared_ptr<const Keys>> keys_;
};

const char* to_string(AnswerIds::Verdict verdict);

// A new random key for adopt() and for a new database.
std::string new_answer_id_key();

}  // namespace analytics
