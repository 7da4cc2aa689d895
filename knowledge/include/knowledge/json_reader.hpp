#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace knowledge {

// Reads fields of untrusted JSON and records, instead of throwing, every problem as
// "FILE: /json/pointer: message". Loaders use one reader per file and read on after an error
// so that one run reports all problems.
class JsonReader {
  public:
    explicit JsonReader(std::string file_label) : file_(std::move(file_label)) {}

    // Parses text; on a syntax error records it (with the byte offset) and returns nullopt.
    std::optional<nlohmann::json> parse(const std::string& text);

    // Required fields: record "required X is missing" or "must be X" and return nullopt.
    std::optional<std::string> string_at(const nlohmann::json& obj, const std::string& path, const char* key);
    std::optional<double> number_at(const nlohmann::json& obj, const std::string& path, const char* key);
    const nlohmann::json* array_at(const nlohmann::json& obj, const std::string& path, const char* key);
    const nlohmann::json* object_at(const nlohmann::json& obj, const std::string& path, const char* key);

    // Optional fields: absent is fine; present with the wrong type is an error.
    std::optional<std::string> optional_string(const nlohmann::json& obj, const std::string& path,
                                               const char* key);
    std::optional<double> optional_number(const nlohmann::json& obj, const std::string& path,
                                          const char* key);
    bool optional_bool(const nlohmann::json& obj, const std::string& path, const char* key);
    std::vector<std::string> optional_strings(const nlohmann::json& obj, const std::string& path,
                                              const char* key);
    std::vector<std::string> strings_at(const nlohmann::json& obj, const std::string& path, const char* key);

    bool require_object(const nlohmann::json& value, const std::string& path);
    void error(const std::string& path, const std::string& message);

    const std::string& file() const { return file_; }
    std::vector<std::string> take_errors() { return std::move(errors_); }

  private:
    std::string file_;
    std::vector<std::string> errors_;
};

// A whole data file: `text`, or nullopt and what is wrong (`problem`: "cannot be opened (...)", "is not a
// regular file", "is larger than ... bytes"). Only a regular file (or a link to one) of at most `max_bytes`
// is read: a FIFO would block the reader and /dev/zero never ends. Opened without blocking, then checked.
struct FileText {
    std::optional<std::string> text;
    std::string problem;
};
inline constexpr std::size_t max_data_file_bytes = std::size_t{16} << 20;
FileText read_text_file(const std::filesystem::path& path, std::size_t max_bytes = max_data_file_bytes);

// "path/key", so error paths read as JSON pointers.
std::string join_path(const std::string& path, const std::string& key);
std::string join_path(const std::string& path, std::size_t index);

}  // namespace knowledge
