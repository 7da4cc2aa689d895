#include "server/static_cache.hpp"

#include "server/http_policy.hpp"
#include "server/static_files.hpp"

namespace server {

namespace {

bool compressible(std::string_view type) {
    return type.starts_with("text/") || type.starts_with("application/json") || type.starts_with("image/svg");
}

}  // namespace

std::shared_ptr<const PreparedFile> StaticCache::find(std::string_view url_path) {
    {
        std::lock_guard lock(mutex_);
        if (auto it = files_.find(url_path); it != files_.end()) return it->second;
    }
    auto file = load_static_file(root_, url_path);  // outside the lock: disk and gzip take time
    if (!file) return nullptr;
    auto prepared = std::make_shared<PreparedFile>();
    prepared->etag = entity_tag(file->body);
    if (file->body.size() > 512 && compressible(file->content_type)) {
        prepared->gzipped = gzip(file->body);
        prepared->gzipped_etag = prepared->etag.substr(0, prepared->etag.size() - 1) + "-gz\"";
    }
    prepared->body = std::move(file->body);
    prepared->content_type = std::move(file->content_type);
    std::lock_guard lock(mutex_);
    return files_.emplace(std::string(url_path), std::move(prepared)).first->second;
}

void StaticCache::clear() {
    std::lock_guard lock(mutex_);
    files_.clear();
}

}  // namespace server
