#include "server/static_cache.hpp"

#include "server/http_policy.hpp"
#include "server/static_files.hpp"

namespace server {

namespace {

bool compressible(std::string_view type) {
    return type.starts_with("text/") || type.starts_with("application/json") || type.starts_with("image/svg");
}

std::size_t prepared_bytes(const PreparedFile& f) {
    return f.body.size() + f.gzipped.size() + f.brotli.size() + f.etag.size() + f.gzipped_etag.size() +
           f.brotli_etag.size() + f.content_type.size() + f.hash.size();
}

bool is_page(std::string_view content_type) { return content_type.starts_with("text/html"); }

}  // namespace

std::shared_ptr<PreparedFile> prepare_file(std::string body, std::string content_type) {
    auto prepared = std::make_shared<PreparedFile>();
    prepared->etag = entity_tag(body);
    if (body.size() > 512 && compressible(content_type)) {
        const std::string_view tag = std::string_view(prepared->etag).substr(0, prepared->etag.size() - 1);
        prepared->gzipped = gzip(body);
        prepared->gzipped_etag = std::string(tag) + "-gz\"";
        prepared->brotli = brotli(body);
        prepared->brotli_etag = std::string(tag) + "-br\"";
    }
    prepared->body = std::move(body);
    prepared->content_type = std::move(content_type);
    return prepared;
}

// Pages first get their references rewritten: the files they name are prepared (or found) to learn their
// hashes, so a page and the versions it names come from the same reading. Only other types are looked up,
// so two pages naming each other cannot recurse. The rest is prepare_file's.
std::shared_ptr<const PreparedFile> StaticCache::prepare(StaticFile file) {
    std::string hash;
    if (is_page(file.content_type)) {
        file.body =
            rewrite_references(file.body, [this](std::string_view path) -> std::optional<std::string> {
                if (is_page(mime_type(path))) return std::nullopt;
                const auto named = find(path);
                if (!named || named->hash.empty()) return std::nullopt;
                return versioned_path(path, named->hash);
            });
    } else {
        hash = content_hash(file.body);
    }
    auto prepared = prepare_file(std::move(file.body), std::move(file.content_type));
    prepared->hash = std::move(hash);
    return prepared;
}

StaticLookup StaticCache::lookup(std::string_view url_path) {
    if (auto versioned = split_versioned_path(url_path)) {
        auto file = find(versioned->plain);
        if (file && !file->hash.empty()) {
            return {file,
                    versioned->hash == file->hash ? AssetName::current_version : AssetName::other_version};
        }
    }
    return {find(url_path), AssetName::plain};
}

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
