#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace server {

// A file of web/ ready to send: read once, its ETag and (when worth it) gzip computed once.
struct PreparedFile {
    std::string body;
    std::string gzipped;  // empty when the type does not compress or the file is small
    std::string etag;
    std::string gzipped_etag;  // another representation, another tag (RFC 9110 8.8.3)
    std::string content_type;
};

// The files of web/ as the router serves them, prepared on first use and kept in memory until
// clear() (a reload). Only files that exist are kept, so the cache is bounded by web/ itself.
// Thread-safe; a PreparedFile is immutable and outlives clear() for whoever holds it.
class StaticCache {
  public:
    explicit StaticCache(std::filesystem::path root) : root_(std::move(root)) {}

    // The file a URL path names (load_static_file's rules); null when there is none.
    std::shared_ptr<const PreparedFile> find(std::string_view url_path);
    void clear();

  private:
    const std::filesystem::path root_;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const PreparedFile>, std::less<>> files_;
};

}  // namespace server
