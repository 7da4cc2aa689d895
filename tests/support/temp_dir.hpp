#pragma once

#include <filesystem>
#include <string>

namespace test_support {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// A writable copy of the project's data folders (knowledge/data and intents/data) to break on purpose.
struct DataCopy {
    TempDir dir;
    std::filesystem::path knowledge() const { return dir.path() / "knowledge"; }
    std::filesystem::path intents() const { return dir.path() / "intents"; }
    DataCopy();
};

std::filesystem::path source_dir();
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);
// Replaces the first occurrence of `from` in the file; fails the test when absent.
void replace_in_file(const std::filesystem::path& path, const std::string& from, const std::string& to);

}  // namespace test_support
