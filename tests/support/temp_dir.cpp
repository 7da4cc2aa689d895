#include "support/temp_dir.hpp"

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace test_support {

namespace fs = std::filesystem;

TempDir::TempDir() {
    std::random_device rd;
    path_ =
        fs::temp_directory_path() / ("career-advisor-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

fs::path source_dir() { return CAREER_ADVISOR_SOURCE_DIR; }

DataCopy::DataCopy() {
    fs::copy(source_dir() / "knowledge" / "data", knowledge(), fs::copy_options::recursive);
    fs::copy(source_dir() / "intents" / "data", intents(), fs::copy_options::recursive);
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

void replace_in_file(const fs::path& path, const std::string& from, const std::string& to) {
    std::string text = read_file(path);
    const auto pos = text.find(from);
    if (pos == std::string::npos) throw std::runtime_error("'" + from + "' not found in " + path.string());
    text.replace(pos, from.size(), to);
    write_file(path, text);
}

}  // namespace test_support
