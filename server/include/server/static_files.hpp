#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace server {

struct StaticFile {
    std::string body;
    std::string content_type;
    std::string resolved_path;  // the file itself, symlinks resolved: one per file however it was named
};

// The file under `root` that a URL path names ("/" is index.html). Refuses (nullopt) any path
// that is not plain and canonical (letters, digits, / . - _; no empty, "." or ".." segment, no
// trailing /), leaves `root` (symlinks out), or is not a regular file.
std::optional<StaticFile> load_static_file(const std::filesystem::path& root, std::string_view url_path);

// Content-Type by extension; application/octet-stream when unknown.
std::string_view mime_type(std::string_view path);

}  // namespace server
