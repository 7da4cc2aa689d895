#include "server/static_files.hpp"

#include <algorithm>

#include "knowledge/json_reader.hpp"

namespace server {

namespace fs = std::filesystem;

std::string_view mime_type(std::string_view path) {
    struct Entry {
        std::string_view ext;
        std::string_view type;
    };
    static constexpr Entry types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    };
    const std::size_t dot = path.rfind('.');
    if (dot == std::string_view::npos) return "application/octet-stream";
    const std::string_view ext = path.substr(dot);
    for (const Entry& e : types) {
        if (e.ext == ext) return e.type;
    }
    return "application/octet-stream";
}

namespace {

// Each name between slashes is a real one: no "", "." or ".." (nor any name with ".." in it). One file
// then has one URL path (but for symlinks inside the root), so "/./widget.js" is not a second name for it.
bool canonical_segments(std::string_view relative) {
    if (relative.find("..") != std::string_view::npos) return false;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = std::min(relative.find('/', start), relative.size());
        const std::string_view segment = relative.substr(start, end - start);
        if (segment.empty() || segment == ".") return false;
        if (end == relative.size()) return true;
        start = end + 1;
    }
}

}  // namespace

std::optional<StaticFile> load_static_file(const fs::path& root, std::string_view url_path) {
    if (url_path.empty() || url_path.front() != '/') return std::nullopt;
    std::string relative(url_path.substr(1));
    if (relative.empty()) relative = "index.html";
    // Only plain names: no dot segments, no backslashes, no NUL, no percent escapes to decode.
    const bool plain = std::all_of(relative.begin(), relative.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
               c == '.' || c == '-' || c == '_';
    });
    if (!plain || !canonical_segments(relative)) return std::nullopt;
    std::error_code ec;
    const fs::path base = fs::weakly_canonical(root, ec);
    if (ec) return std::nullopt;
    const fs::path file = fs::weakly_canonical(base / relative, ec);
    if (ec) return std::nullopt;
    const auto [base_end, file_it] = std::mismatch(base.begin(), base.end(), file.begin(), file.end());
    if (base_end != base.end() || !fs::is_regular_file(file, ec)) return std::nullopt;
    auto body = knowledge::read_text_file(file);
    if (!body.text) return std::nullopt;
    return StaticFile{std::move(*body.text), std::string(mime_type(file.string())), file.string()};
}

}  // namespace server
