#include "server/static_cache.hpp"

#include "server/http_policy.hpp"
#include "server/static_files.hpp"

namespace server {

namespace {

bool compressible(std::string_view type) {
    return type.starts_with("text/") || type.starts_with("application/json") || type.starts_with("image/svg");
}

std::size_t prepared_bytes(const PreparedFile& f) {
    return f.body.size() + f.gzipped.size() + f.etag.size() + f.gzipped_etag.size() + f.content_type.size();
}

std::shared_ptr<const PreparedFile> prepare(StaticFile file) {
    auto prepared = std::make_shared<PreparedFile>();
    prepared->etag = entity_tag(file.body);
    if (file.body.size() > 512 && compressible(file.content_type)) {
        prepared->gzipped = gzip(file.body);
        prepared->gzipped_etag = prepared->etag.substr(0, prepared->etag.size() - 1) + "-gz\"";
    }
    prepared->body = std::move(file.body);
    prepared->content_type = std::move(file.content_type);
    return prepared;
}

}  // namespace

std::shared_ptr<const PreparedFile> StaticCache::find(std::string_view url_path) {
    {
        std::lock_guard lock(mutex_);
        if (auto it = by_name_.find(url_path); it != by_name_.end()) return it->second;
    }
    auto file = load_static_file(root_, url_path);  // outside the lock: disk and gzip take time
    if (!file) return nullptr;
    std::string resolved = file->resolved_path;
    std::shared_ptr<const PreparedFile> prepared;
    {
        std::lock_guard lock(mutex_);
        if (auto it = by_file_.find(resolved); it != by_file_.end()) prepared = it->second;
    }
    if (!prepared) prepared = prepare(std::move(*file));
    std::lock_guard lock(mutex_);
    auto [kept, added] = by_file_.try_emplace(resolved, prepared);
    if (added) {
        const std::size_t size = prepared_bytes(*prepared);
        if (bytes_ + size > max_bytes_) {
            by_file_.erase(kept);
            return prepared;  // served, not kept
        }
        bytes_ += size;
    }
    if (by_name_.size() < max_names_) by_name_.emplace(std::string(url_path), kept->second);
    return kept->second;
}

void StaticCache::clear() {
    std::lock_guard lock(mutex_);
    by_name_.clear();
    by_file_.clear();
    bytes_ = 0;
}

std::size_t StaticCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

std::size_t StaticCache::names() const {
    std::lock_guard lock(mutex_);
    return by_name_.size();
}

}  // namespace server
