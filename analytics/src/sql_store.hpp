#pragma once

#include <memory>

#include "analytics/store.hpp"
#include "connection.hpp"

namespace analytics::detail {

// The Store, written once over a Connection: both engines run the same statements (schema.cpp).
class SqlStore : public Store {
  public:
    explicit SqlStore(std::unique_ptr<Connection> connection) : db_(std::move(connection)) {}

    const char* kind() const override { return db_->kind(); }
    std::string migrate() override;
    int version() override;
    void write(std::span<const AnswerEvent> answers, std::span<const FeedbackEvent> votes) override;
    std::uint64_t delete_before(std::int64_t cutoff_ms) override;
    StoreUsage usage() override;
    std::optional<std::int64_t> answer_time_at(std::uint64_t n) override;
    ReportRows read(std::int64_t since_ms, std::size_t max_rows) override;
    void save_context(const std::string& sender, const std::string& context, std::int64_t at_ms,
                      std::int64_t forget_before_ms) override;
    std::optional<std::string> load_context(const std::string& sender, std::int64_t since_ms) override;
    DeliveryClaim claim_delivery(const std::string& id, std::int64_t at_ms, std::int64_t forget_before_ms,
                                 std::int64_t abandoned_before_ms) override;
    void answer_delivery(const std::string& id, const std::string& reply) override;
    void release_delivery(const std::string& id) override;

  private:
    // Runs `work` in the transaction `begin` started: committed when it returns, rolled back when it throws.
    template <class Begin, class Work>
    auto transaction(Begin begin, Work work);

    std::unique_ptr<Connection> db_;
};

}  // namespace analytics::detail
