#include "intents/answer_cache.hpp"

#include <stdexcept>

#include "intents/answer_json.hpp"
#include "intents/context_policy.hpp"
#include "intents/responder.hpp"

namespace intents {

namespace {

std::size_t strings_bytes(const std::vector<std::string>& strings) {
    std::size_t n = strings.size() * sizeof(std::string);
    for (const std::string& one : strings) n += one.size();
    return n;
}

std::size_t entities_bytes(const Entities& entities) {
    constexpr std::size_t node = 64;  // a map node besides its strings
    std::size_t n = 0;
    for (const auto& [kind, values] : entities) n += node + kind.size() + strings_bytes(values);
    return n;
}

// What one kept answer costs, roughly: the key, every string of the answer (its text is held again in
// its parts and in the members), its rows and sources, and the maps' nodes.
std::size_t entry_bytes(std::string_view key, const CachedAnswer& entry) {
    constexpr std::size_t overhead = 512;  // the entry, its shared_ptr block, the map node
    const Answer& a = entry.answer;
    std::size_t n = overhead + key.size() + entry.members_before_time.size() +
                    entry.members_after_time.size() + a.intent.size() + a.text.size() +
                    strings_bytes(a.suggestions) + entities_bytes(a.entities) + a.context.last_intent.size() +
                    entities_bytes(a.context.entities) + strings_bytes(a.context.shown);
    for (const AnswerPart& part : a.parts) n += sizeof(AnswerPart) + part.intent.size() + part.text.size();
    for (const SourceRef& source : a.sources) {
        n += sizeof(SourceRef) + source.id.size() + source.title.size() + source.publisher.size() +
             source.published.size();
    }
    for (const DataRow& row : a.salary_rows) {
        n += sizeof(DataRow) + row.label.size() + row.scope.size() + row.period.size() + row.location.size() +
             row.level.size() + row.source.size() + row.figure.size() + strings_bytes(row.facts);
    }
    return n;
}

// What a question is kept by: its sanitized context without the time, then its text.
std::string key_of(Context context, std::string_view text) {
    context.updated_at_ms = 0;
    std::string key;
    JsonWriter writer(key);
    write_context(writer, context);
    key += '\n';
    key += text;
    return key;
}

}  // namespace

Context CachedAnswer::context_at(std::int64_t now_ms) const {
    Context context = answer.context;
    if (!context.empty()) context.updated_at_ms = now_ms;  // respond() stamps every context it sets
    return context;
}

void CachedAnswer::write_members(JsonWriter& writer, std::int64_t now_ms) const {
    if (answer.context.empty()) {
        writer.raw(members_before_time);
        return;
    }
    std::string members;
    members.reserve(members_before_time.size() + 20 + members_after_time.size());
    members += members_before_time;
    members += std::to_string(now_ms);
    members += members_after_time;
    writer.raw(members);
}

std::string CachedAnswer::object_text(std::int64_t now_ms) const {
    std::string out;
    JsonWriter writer(out);
    writer.begin_object();
    write_members(writer, now_ms);
    writer.end_object();
    return out;
}

CachedAnswer cached_answer(Answer answer) {
    CachedAnswer out{std::move(answer), {}, {}};
    std::string object;
    JsonWriter writer(object);
    writer.begin_object();
    write_answer_members(writer, out.answer);
    writer.end_object();
    const std::string_view members = std::string_view(object).substr(1, object.size() - 2);
    if (out.answer.context.empty()) {
        out.members_before_time = members;
        return out;
    }
    // Inside a JSON string every '"' is escaped, and entity kinds are followed by '[': the pattern is
    // found only as the context's member.
    const std::string time_member = "\"updated_at_ms\":" + std::to_string(out.answer.context.updated_at_ms);
    const std::size_t at = members.rfind(time_member);
    if (at == std::string_view::npos) throw std::logic_error("an answer's context has no updated_at_ms");
    const std::size_t value_at =
        at + time_member.size() - std::to_string(out.answer.context.updated_at_ms).size();
    out.members_before_time = members.substr(0, value_at);
    out.members_after_time = members.substr(at + time_member.size());
    return out;
}

std::shared_ptr<const CachedAnswer> AnswerCache::answer(const Advisor& advisor, const Context& context,
                                                        std::string_view text, std::int64_t now_ms) {
    const auto found = [&] {
        return std::make_shared<const CachedAnswer>(cached_answer(respond(advisor, context, text, now_ms)));
    };
    if (text.size() > max_question_bytes || budget_bytes_ == 0 || expired(context, now_ms)) {
        misses_.fetch_add(1, std::memory_order_relaxed);  // answered without the cache
        return found();
    }
    const std::string key = key_of(sanitize(context, advisor, now_ms), text);
    {
        std::unique_lock lock(mutex_);
        if (auto it = newer_.find(key); it != newer_.end()) {
            hits_.fetch_add(1, std::memory_order_relaxed);
            return it->second;
        }
        if (auto it = older_.find(key); it != older_.end()) {
            hits_.fetch_add(1, std::memory_order_relaxed);
            auto entry = it->second;
            const std::size_t bytes = entry_bytes(key, *entry);
            older_.erase(it);
            older_bytes_ -= std::min(older_bytes_, bytes);
            Generation dropped = keep(key, entry, bytes);
            lock.unlock();  // the dropped answers are freed outside the lock
            return entry;
        }
        misses_.fetch_add(1, std::memory_order_relaxed);
    }
    // Found outside the lock: two threads may find the same answer at once, and keep one.
    auto entry = found();
    Generation dropped;
    std::unique_lock lock(mutex_);
    if (!newer_.contains(key) && !older_.contains(key)) dropped = keep(key, entry, entry_bytes(key, *entry));
    lock.unlock();
    return entry;
}

AnswerCache::Generation AnswerCache::keep(std::string_view key, std::shared_ptr<const CachedAnswer> entry,
                                          std::size_t bytes) {
    const std::size_t generation_budget = budget_bytes_ / 2;
    if (bytes > generation_budget) return {};
    Generation dropped;
    if (newer_bytes_ + bytes > generation_budget) {
        dropped = std::move(older_);
        older_ = std::move(newer_);
        older_bytes_ = newer_bytes_;
        newer_ = Generation();
        newer_bytes_ = 0;
    }
    newer_.emplace(std::string(key), std::move(entry));
    newer_bytes_ += bytes;
    return dropped;
}

AnswerCache::Counts AnswerCache::counts() const {
    std::lock_guard lock(mutex_);
    return {hits_.load(), misses_.load(), newer_.size() + older_.size(), newer_bytes_ + older_bytes_};
}

}  // namespace intents
