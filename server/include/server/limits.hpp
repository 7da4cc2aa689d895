#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace server {

// The name the per-address limits count a client under: an IPv4 address as it is, an IPv6 address by its
// first `ipv6_prefix_bits` bits, written as the network ("2001:db8:0:1::/64"). One IPv6 customer is handed
// a /64 or more and may use any address in it, so counting exact addresses would give each of 2^64 its own
// budget; 128 counts each address. Text that is no address is returned as it is.
std::string limit_key(const std::string& address, unsigned ipv6_prefix_bits);
inline constexpr unsigned default_ipv6_prefix_bits = 64;

// How many WebSockets are open, in all and per client address. try_open() takes a slot when both
// are under their caps; the Slot gives it back when destroyed. Thread-safe.
class ConnectionLimits {
  public:
    ConnectionLimits(std::size_t max_total, std::size_t max_per_address)
        : max_total_(max_total), max_per_address_(max_per_address) {}

    enum class Verdict { ok, too_many, too_many_from_address };

    class Slot {
      public:
        Slot(ConnectionLimits& owner, std::string address) : owner_(&owner), address_(std::move(address)) {}
        Slot(Slot&& other) noexcept : owner_(other.owner_), address_(std::move(other.address_)) {
            other.owner_ = nullptr;
        }
        Slot& operator=(Slot&&) = delete;
        Slot(const Slot&) = delete;
        ~Slot();

      private:
        ConnectionLimits* owner_;
        std::string address_;
    };

    // A slot, or why there is none.
    struct Outcome {
        Verdict verdict = Verdict::ok;
        std::optional<Slot> slot;
    };
    Outcome try_open(const std::string& address);

    std::size_t open() const;

  private:
    void release(const std::string& address);

    const std::size_t max_total_, max_per_address_;
    mutable std::mutex mutex_;
    std::size_t total_ = 0;
    std::map<std::string, std::size_t> per_address_;
};

// A token bucket: `rate` tokens a second up to `burst`; each message takes one. Pure: the caller
// passes the time, so tests need no clock.
class TokenBucket {
  public:
    TokenBucket(double rate, double burst) : rate_(rate), burst_(burst), tokens_(burst) {}
    // Takes a token at `now_s` (seconds, any monotonic origin); false when the bucket is empty.
    bool take(double now_s);

  private:
    double rate_, burst_, tokens_;
    std::optional<double> last_s_;
};

// One token bucket per client address, shared by all its connections and HTTP requests: many
// sockets from one address cannot multiply its rate. Thread-safe; remembers at most `max_addresses`
// (then starts afresh, which only hands out one more burst each).
class AddressRates {
  public:
    AddressRates(double rate, double burst) : rate_(rate), burst_(burst) {}
    bool take(const std::string& address, double now_s);

  private:
    static constexpr std::size_t max_addresses = 100000;
    const double rate_, burst_;
    std::mutex mutex_;
    std::map<std::string, TokenBucket> buckets_;
};

}  // namespace server
