#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "server/asset_versions.hpp"
#include "server/static_files.hpp"

namespace server {

// A file of web/ ready to send: read once, its ETag, versioned name and (when worth it) gzip and Brotli
// computed once. A page's references to the other files are rewritten to their versioned names first.
struct PreparedFile {
    std::string body;
    std::string gzipped;  // empty when the type does not compress or the file is small
    std::string brotli;   // likewise
    std::string etag;
    std::string gzipped_etag;  // another representation, another tag (RFC 9110 8.8.3)
    std::string brotli_etag;
    std::string content_type;
    std::string hash;  // content_hash(body), for its versioned name; empty for a page (HTML), which has none
};

// A file found by name, and how the name named it (plain, or a versioned name of this or another version).
struct StaticLookup {
    std::shared_ptr<const PreparedFile> file;  // null when no file has the name
    AssetName name = AssetName::plain;
};

// A body ready to send as a file is: its ETag, and its gzipped and Brotli copies (each with its own tag) when
// the type compresses and the body is worth it. No hash: StaticCache::prepare adds a file's.
std::shared_ptr<PreparedFile> prepare_file(std::string body, std::string content_type);

// The files of web/ as the router serves them, prepared on first use and kept in memory until
// clear() (a reload). Kept by the file itself (symlinks resolved), so another name for a file adds
// no copy; misses are not kept; and the whole is bounded: past `max_bytes` of prepared files, or
// `max_names` URL paths, a file is served as prepared but not kept. Thread-safe; a PreparedFile
// is immutable and outlives clear() for whoever holds it.
class StaticCache {
  public:
    static constexpr std::size_t default_max_bytes = std::size_t{64} << 20;
    static constexpr std::size_t default_max_names = 4096;

    explicit StaticCache(std::filesystem::path root, std::size_t max_bytes = default_max_bytes,
                         std::size_t max_names = default_max_names)
        : root_(std::move(root)), max_bytes_(max_bytes), max_names_(max_names) {}

    // The file a URL path names (load_static_file's rules); null when there is none.
    std::shared_ptr<const PreparedFile> find(std::string_view url_path);
    // The same, and a versioned name ("/widget.<hash>.js") leads to its plain name's file, whatever the hash:
    // `name` says whether the hash is the file's. Versioned names add no entry of their own.
    StaticLookup lookup(std::string_view url_path);
    void clear();

    // Bytes of the files kept (bodies, gzipped copies, tags) and how many URL paths lead to them.
    std::size_t bytes() const;
    std::size_t names() const;

  private:
    std::shared_ptr<const PreparedFile> prepare(StaticFile file);

    const std::filesystem::path root_;
    const std::size_t max_bytes_, max_names_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const PreparedFile>, std::less<>> by_name_;  // URL path
    std::map<std::string, std::shared_ptr<const PreparedFile>> by_file_;               // resolved path
    std::size_t bytes_ = 0;
};

}  // namespace server
