#include "server/limits.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>

namespace server {

std::string limit_key(const std::string& address, unsigned ipv6_prefix_bits) {
    boost::system::error_code ec;
    const auto parsed = boost::asio::ip::make_address(address, ec);
    if (ec || !parsed.is_v6() || ipv6_prefix_bits >= 128) return address;
    auto bytes = parsed.to_v6().to_bytes();
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const std::size_t kept =
            std::min<std::size_t>(8, ipv6_prefix_bits > i * 8 ? ipv6_prefix_bits - i * 8 : 0);
        bytes[i] = static_cast<unsigned char>(bytes[i] & (0xFF00u >> kept));
    }
    return boost::asio::ip::address_v6(bytes).to_string() + "/" + std::to_string(ipv6_prefix_bits);
}

ConnectionLimits::Slot::~Slot() {
    if (owner_ != nullptr) owner_->release(address_);
}

ConnectionLimits::Outcome ConnectionLimits::try_open(const std::string& address) {
    std::lock_guard lock(mutex_);
    if (total_ >= max_total_) return {Verdict::too_many, std::nullopt};
    std::size_t& mine = per_address_[address];
    if (mine >= max_per_address_) return {Verdict::too_many_from_address, std::nullopt};
    ++mine;
    ++total_;
    Outcome out;
    out.slot.emplace(*this, address);
    return out;
}

std::size_t ConnectionLimits::open() const {
    std::lock_guard lock(mutex_);
    return total_;
}

void ConnectionLimits::release(const std::string& address) {
    std::lock_guard lock(mutex_);
    --total_;
    auto it = per_address_.find(address);
    if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
}

bool TokenBucket::take(double now_s) {
    if (last_s_) tokens_ = std::min(burst_, tokens_ + std::max(0.0, now_s - *last_s_) * rate_);
    last_s_ = last_s_ ? std::max(*last_s_, now_s) : now_s;
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
}

bool AddressRates::take(const std::string& address, double now_s) {
    std::lock_guard lock(mutex_);
    auto it = buckets_.find(address);
    if (it == buckets_.end()) {
        if (buckets_.size() >= max_addresses) buckets_.clear();
        it = buckets_.emplace(address, TokenBucket(rate_, burst_)).first;
    }
    return it->second.take(now_s);
}

}  // namespace server
