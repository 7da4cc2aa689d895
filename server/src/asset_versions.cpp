#include "server/asset_versions.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <stdexcept>

namespace server {

namespace {

constexpr std::size_t hash_digits = 16;

bool is_hash(std::string_view text) {
    return text.size() == hash_digits && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// Where a name's extension starts in its last segment ("/a/widget.js" → the ".js"); npos when it has none.
std::size_t extension_start(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    const std::size_t dot = path.rfind('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return path.npos;
    if (dot == (slash == std::string_view::npos ? 0 : slash + 1)) return path.npos;  // ".hidden"
    return dot;
}

}  // namespace

std::string content_hash(std::string_view content) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(content.data(), content.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    static constexpr char digits[] = "0123456789abcdef";
    std::string hash;
    for (std::size_t i = 0; i < hash_digits / 2; ++i) {
        hash.push_back(digits[digest[i] >> 4]);
        hash.push_back(digits[digest[i] & 0xF]);
    }
    return hash;
}

std::string versioned_path(std::string_view path, std::string_view hash) {
    const std::size_t dot = extension_start(path);
    if (dot == std::string_view::npos) return std::string(path) + "." + std::string(hash);
    return std::string(path.substr(0, dot)) + "." + std::string(hash) + std::string(path.substr(dot));
}

std::optional<VersionedPath> split_versioned_path(std::string_view path) {
    const std::size_t last = extension_start(path);
    if (last == std::string_view::npos) return std::nullopt;
    // A name without an extension: the hash is its last part ("/LICENSE.<hash>").
    if (is_hash(path.substr(last + 1)))
        return VersionedPath{std::string(path.substr(0, last)), std::string(path.substr(last + 1))};
    // Otherwise the part before the extension ("/widget.<hash>.js").
    const std::string_view stem = path.substr(0, last);
    const std::size_t hash_dot = extension_start(stem);
    if (hash_dot == std::string_view::npos || !is_hash(stem.substr(hash_dot + 1))) return std::nullopt;
    return VersionedPath{std::string(stem.substr(0, hash_dot)) + std::string(path.substr(last)),
                         std::string(stem.substr(hash_dot + 1))};
}

std::string_view cache_control(AssetName name) {
    switch (name) {
        case AssetName::current_version:
            return "public, max-age=31536000, immutable";
        case AssetName::plain:
            return "public, max-age=300";
        case AssetName::other_version:
            return "no-cache";
    }
    return "no-cache";
}

bool redirects_to_version(std::string_view plain_path) { return plain_path == "/widget.js"; }

std::string rewrite_references(std::string_view html,
                               const std::function<std::optional<std::string>(std::string_view)>& versioned) {
    std::string out;
    out.reserve(html.size() + 64);
    std::size_t done = 0;
    for (std::size_t at = 0; at < html.size();) {
        // The next attribute value: src="/…" or href="/…", preceded by a space (not data-src= nor a word
        // end).
        std::size_t start = std::string_view::npos;
        std::size_t value = 0;
        for (std::string_view attribute : {" src=\"/", " href=\"/"}) {
            const std::size_t found = html.find(attribute, at);
            if (found < start) {
                start = found;
                value = found + attribute.size() - 1;  // at the "/"
            }
        }
        if (start == std::string_view::npos) break;
        const std::size_t end = html.find('"', value);
        if (end == std::string_view::npos) break;
        const std::string_view path = html.substr(value, end - value);
        // Only inside a tag: "&lt;script src=\"/widget.js\"" shown in a page's text stays as written.
        const std::size_t open = html.rfind('<', start), close = html.rfind('>', start);
        const bool in_tag =
            open != std::string_view::npos && (close == std::string_view::npos || close < open);
        // A tag that shows site owners the plain name (the embed example's) says so.
        const std::string_view tag =
            in_tag ? html.substr(open, html.find('>', end) - open) : std::string_view();
        const bool keep = !in_tag || tag.find(" data-unversioned") != std::string_view::npos;
        if (auto replacement = keep || path.starts_with("//") ? std::nullopt : versioned(path)) {
            out.append(html.substr(done, value - done));
            out += *replacement;
            done = end;
        }
        at = end;
    }
    out.append(html.substr(done));
    return out;
}

}  // namespace server
