#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace server {

// Content-hashed names for the files of web/, and how long a browser may keep each kind of name.
//
// A file's versioned name carries the hash of its bytes ("/widget.js" is "/widget.1f0c…e2.js"): what it names
// never changes, so it is cached for a year. Plain names ("/", "/widget.js") may change at any deploy, so
// they are cached briefly. Pages (HTML) have no versioned name: they are what a visitor opens, and they refer
// to the others by their versioned names.

// The first 16 hex digits of the SHA-256 of `content`.
std::string content_hash(std::string_view content);

// "/widget.js" and a hash give "/widget.<hash>.js"; a name without an extension gets ".<hash>" at its end.
std::string versioned_path(std::string_view path, std::string_view hash);

struct VersionedPath {
    std::string plain;  // "/widget.js"
    std::string hash;   // 16 lowercase hex digits
};
// The plain name and hash of a versioned name; nullopt for a name that is not one (no 16-hex-digit part).
std::optional<VersionedPath> split_versioned_path(std::string_view path);

// How a request named a file: by its plain name, by its current versioned name, or by a versioned name whose
// hash is not the file's (a page from before a deploy, or from another replica during one).
enum class AssetName { plain, current_version, other_version };

// Cache-Control for each: a year and immutable for the current version; five minutes for a plain name; for
// another version, the current file, revalidated each time (never kept as that version's bytes).
std::string_view cache_control(AssetName name);

// Whether a plain name answers with a redirect to its versioned name rather than with the file: the widget's
// script, the one name other sites' pages hold.
bool redirects_to_version(std::string_view plain_path);

// `html` with each src="/…" and href="/…" whose path `versioned` knows replaced by the name it returns; not
// in a page's text, nor in a tag with the attribute data-unversioned (one that shows site owners what to
// paste).
std::string rewrite_references(std::string_view html,
                               const std::function<std::optional<std::string>(std::string_view)>& versioned);

}  // namespace server
