#include "knowledge/json_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace knowledge {

using nlohmann::json;

std::string join_path(const std::string& path, const std::string& key) { return path + "/" + key; }
std::string join_path(const std::string& path, std::size_t index) {
    return path + "/" + std::to_string(index);
}

FileText read_text_file(const std::filesystem::path& path, std::size_t max_bytes) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer; fstat then checks what
    // was opened, not what the name pointed to a moment before.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return {std::nullopt, std::string("cannot be opened (") + std::strerror(errno) + ")"};
    const auto close_fd = [fd](FileText result) {
        ::close(fd);
        return result;
    };
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode))
        return close_fd({std::nullopt, "is not a regular file"});
    const auto too_large = [max_bytes] {
        return FileText{std::nullopt, "is larger than " + std::to_string(max_bytes) + " bytes"};
    };
    if (static_cast<std::uintmax_t>(info.st_size) > max_bytes) return close_fd(too_large());
    std::string text;
    char chunk[65536];
    for (;;) {  // to the end, not to st_size: a file that grows meanwhile is still capped
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            return close_fd({std::nullopt, std::string("cannot be read (") + std::strerror(errno) + ")"});
        if (n == 0) break;
        if (text.size() + static_cast<std::size_t>(n) > max_bytes) return close_fd(too_large());
        text.append(chunk, static_cast<std::size_t>(n));
    }
    return close_fd({std::move(text), ""});
}

void JsonReader::error(const std::string& path, const std::string& message) {
    errors_.push_back(file_ + ": " + (path.empty() ? std::string("/") : path) + ": " + message);
}

std::optional<json> JsonReader::parse(const std::string& text) {
    // Untrusted text: a syntax error (with its byte offset) or a number too large to hold is recorded,
    // never thrown through the loader.
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        errors_.push_back(file_ + ": syntax error at byte " + std::to_string(e.byte) + ": " + e.what());
    } catch (const json::exception& e) {
        errors_.push_back(file_ + ": " + e.what());
    }
    return std::nullopt;
}

bool JsonReader::require_object(const json& value, const std::string& path) {
    if (value.is_object()) return true;
    error(path, "must be an object");
    return false;
}

std::optional<std::string> JsonReader::string_at(const json& obj, const std::string& path, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        error(join_path(path, key), "required string is missing");
        return std::nullopt;
    }
    if (!it->is_string()) {
        error(join_path(path, key), "must be a string");
        return std::nullopt;
    }
    return it->get<std::string>();
}

std::optional<double> JsonReader::number_at(const json& obj, const std::string& path, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        error(join_path(path, key), "required number is missing");
        return std::nullopt;
    }
    if (!it->is_number()) {
        error(join_path(path, key), "must be a number");
        return std::nullopt;
    }
    return it->get<double>();
}

const json* JsonReader::array_at(const json& obj, const std::string& path, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        error(join_path(path, key), "required array is missing");
        return nullptr;
    }
    if (!it->is_array()) {
        error(join_path(path, key), "must be an array");
        return nullptr;
    }
    return &*it;
}

const json* JsonReader::object_at(const json& obj, const std::string& path, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        error(join_path(path, key), "required object is missing");
        return nullptr;
    }
    if (!it->is_object()) {
        error(join_path(path, key), "must be an object");
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> JsonReader::optional_string(const json& obj, const std::string& path,
                                                       const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
        error(join_path(path, key), "must be a string");
        return std::nullopt;
    }
    return it->get<std::string>();
}

std::optional<double> JsonReader::optional_number(const json& obj, const std::string& path, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    if (!it->is_number()) {
        error(join_path(path, key), "must be a number");
        return std::nullopt;
    }
    return it->get<double>();
}

bool JsonReader::optional_bool(const json& obj, const std::string& path, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return false;
    if (!it->is_boolean()) {
        error(join_path(path, key), "must be true or false");
        return false;
    }
    return it->get<bool>();
}

std::vector<std::string> JsonReader::optional_strings(const json& obj, const std::string& path,
                                                      const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return {};
    std::vector<std::string> out;
    const std::string here = join_path(path, key);
    if (!it->is_array()) {
        error(here, "must be an array of strings");
        return out;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json& item = (*it)[i];
        if (!item.is_string()) {
            error(join_path(here, i), "must be a string");
            continue;
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::vector<std::string> JsonReader::strings_at(const json& obj, const std::string& path, const char* key) {
    if (!obj.contains(key)) {
        error(join_path(path, key), "required array of strings is missing");
        return {};
    }
    return optional_strings(obj, path, key);
}

}  // namespace knowledge
