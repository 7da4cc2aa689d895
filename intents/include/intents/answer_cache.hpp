#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "intents/answer.hpp"
#include "intents/json_writer.hpp"

namespace intents {

struct Advisor;

// An answer kept for the next time the same words come with the same context, with its JSON members
// written once. respond() is pure and reads only what sanitize() keeps of a context, and of that not its
// time: so the same words with the same sanitized context always get the same answer but for one field,
// the time in the context it sets (updated_at_ms), which is the asker's "now".
struct CachedAnswer {
    Answer answer;                    // as respond() gave it; its context's time is the first asker's
    std::string members_before_time;  // write_answer_members' text up to the context's time
    std::string members_after_time;   // and after it ("" when the answer sets no context)

    // The answer's context as respond() would give it at `now_ms`.
    Context context_at(std::int64_t now_ms) const;
    // What write_answer_members would write for the answer given at `now_ms`.
    void write_members(JsonWriter& writer, std::int64_t now_ms) const;
    // Those members as one object's text: answer_object_text() of the answer given at `now_ms`.
    std::string object_text(std::int64_t now_ms) const;
};

// Writes `answer`'s members once, and finds its context's time in them.
CachedAnswer cached_answer(Answer answer);

// The answers of one advisor snapshot, by their question's exact text and sanitized context (without
// its time): the same popular questions come again and again, first ones and the chips that follow
// them, and finding an answer costs over ten times copying it (docs/performance.md). Each Advisor has
// its own, so a reload starts empty. Thread-safe.
// Bounded in bytes: two generations, each at most half the budget; when the newer is full it becomes
// the older and the older goes, and a question found in the older moves to the newer. So a flood of
// one-off questions pushes out popular ones for a generation at most.
class AnswerCache {
  public:
    // Answers to longer questions are not kept.
    static constexpr std::size_t max_question_bytes = 256;
    static constexpr std::size_t default_bytes = std::size_t{8} << 20;

    explicit AnswerCache(std::size_t budget_bytes = default_bytes) : budget_bytes_(budget_bytes) {}

    // The answer to `text` asked with `context` at `now_ms`, as respond() gives it (default policy):
    // kept from before, or found and kept. A context past its time is answered but not kept (the
    // answer says so). `advisor` must be the one that owns this cache.
    std::shared_ptr<const CachedAnswer> answer(const Advisor& advisor, const Context& context,
                                               std::string_view text, std::int64_t now_ms);

    struct Counts {
        std::uint64_t hits = 0;    // answers that were kept ones
        std::uint64_t misses = 0;  // answers found (then kept, or not kept: too long, context too old)
        std::size_t entries = 0;
        std::size_t bytes = 0;
    };
    Counts counts() const;

  private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Generation =
        std::unordered_map<std::string, std::shared_ptr<const CachedAnswer>, Hash, std::equal_to<>>;

    // Keeps `entry` in the newer generation; returns the generation that went to make room, if any.
    Generation keep(std::string_view key, std::shared_ptr<const CachedAnswer> entry, std::size_t bytes);

    const std::size_t budget_bytes_;
    mutable std::mutex mutex_;
    Generation newer_;
    Generation older_;
    std::size_t newer_bytes_ = 0;
    std::size_t older_bytes_ = 0;
    std::atomic<std::uint64_t> hits_{0};
    std::atomic<std::uint64_t> misses_{0};  // answers found, kept or not (long questions, old contexts)
};

}  // namespace intents
