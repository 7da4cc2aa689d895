// A reload with one data file broken, as an operator's editor or a bad copy can leave it: the input's first
// byte picks the file, the next two where the damage starts, the fourth how many bytes go, and the rest is
// written there (any bytes: Latin-1, NUL, half a UTF-8 sequence). Besides the sanitizers' findings it checks
// what the reload promises: the data loads or comes back with errors, each naming a file or folder, and the
// 422 reply built from them is JSON that parses (a bad byte once threw in dump() and ended the process).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "knowledge/json_reader.hpp"
#include "knowledge/json_text.hpp"

namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// A copy of the project's data folders under a fresh temporary directory, kept for the fuzzer's life.
struct DataFiles {
    fs::path root, knowledge, intents;
    std::vector<fs::path> files;    // every data file of the copy, in a fixed order
    std::vector<std::string> text;  // and its original text, put back after each input

    DataFiles() {
        const fs::path source = CAREER_ADVISOR_SOURCE_DIR;
        std::string dir_template = (fs::temp_directory_path() / "career-advisor-reload-fuzz-XXXXXX").string();
        fuzz::require(mkdtemp(dir_template.data()) != nullptr, "a temporary directory for the data copy");
        root = dir_template;
        knowledge = root / "knowledge";
        intents = root / "intents";
        fs::copy(source / "knowledge" / "data", knowledge, fs::copy_options::recursive);
        fs::copy(source / "intents" / "data", intents, fs::copy_options::recursive);
        for (const fs::path& dir : {knowledge, intents}) {
            for (const auto& entry : fs::recursive_directory_iterator(dir)) {
                if (entry.is_regular_file()) files.push_back(entry.path());
            }
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) text.push_back(::knowledge::read_text_file(f).text.value_or(""));
    }
    ~DataFiles() {
        std::error_code ec;
        fs::remove_all(root, ec);
    }
};

DataFiles& data_files() {
    static DataFiles data;
    return data;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)fuzz::project_advisor();  // quiets the logs
    (void)data_files();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 4) return 0;
    DataFiles& d = data_files();
    const std::size_t which = data[0] % d.files.size();
    const std::string& original = d.text[which];
    const std::size_t at = (data[1] | (std::size_t{data[2]} << 8)) % (original.size() + 1);
    const std::size_t cut = std::min<std::size_t>(data[3], original.size() - at);
    std::string broken = original;
    broken.replace(at, cut, reinterpret_cast<const char*>(data + 4), size - 4);
    write_file(d.files[which], broken);

    const auto loaded = intents::load_advisor(d.knowledge, d.intents, 0);
    write_file(d.files[which], original);
    fuzz::require(loaded.ok() == loaded.errors.empty(), "a load either succeeds or says why not");
    for (const std::string& e : loaded.errors) {
        // A file's problem names the file; a folder's (no intent 'fallback' in intents/) names the folder.
        const bool named =
            e.find(".json") != std::string::npos || e.find(d.root.string()) != std::string::npos;
        fuzz::require(named, "every load error names its file or folder: " + e);
    }
    const nlohmann::json reply = {{"code", "reload_failed"}, {"errors", loaded.errors}};
    const auto parsed = nlohmann::json::parse(knowledge::json_text(reply), nullptr, false);
    fuzz::require(!parsed.is_discarded() && parsed["errors"].size() == loaded.errors.size(),
                  "the reload's error reply is JSON, whatever bytes the files hold");
    return 0;
}
