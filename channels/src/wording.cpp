#include "channels/wording.hpp"

#include <nlohmann/json.hpp>
#include <utility>

#include "knowledge/json_reader.hpp"

namespace channels {

using nlohmann::json;

knowledge::LoadResult<Wording> load_wording(const std::filesystem::path& file) {
    const std::string name = file.string();
    const knowledge::FileText text = knowledge::read_text_file(file);
    if (!text.text) return knowledge::LoadResult<Wording>::failure({name + ": the file " + text.problem});
    const json data = json::parse(*text.text, nullptr, false);
    if (!data.is_object()) return knowledge::LoadResult<Wording>::failure({name + ": is not a JSON object"});
    Wording wording;
    std::vector<std::string> errors;
    const std::pair<const char*, std::string*> fields[] = {
        {"help", &wording.help},
        {"not_text", &wording.not_text},
        {"too_long", &wording.too_long},
        {"sources", &wording.sources},
        {"sms_sources", &wording.sms_sources},
        {"sms_more", &wording.sms_more},
        {"table_title", &wording.table_title},
    };
    for (const auto& [key, target] : fields) {
        const auto it = data.find(key);
        if (it == data.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
            errors.push_back(name + ": /" + key + ": needs a non-empty string");
            continue;
        }
        *target = it->get<std::string>();
    }
    for (const auto& [key, value] : data.items()) {
        bool known = false;
        for (const auto& field : fields) known = known || key == field.first;
        if (!known) errors.push_back(name + ": /" + key + ": unknown field");
    }
    if (wording.too_long.find("{max}") == std::string::npos && !wording.too_long.empty()) {
        errors.push_back(name + ": /too_long: must say {max}");
    }
    for (const char* key : {"sources", "sms_sources"}) {
        const std::string& value = key == std::string_view("sources") ? wording.sources : wording.sms_sources;
        if (!value.empty() && value.find("{sources}") == std::string::npos) {
            errors.push_back(name + ": /" + key + ": must say {sources}");
        }
    }
    if (!errors.empty()) return knowledge::LoadResult<Wording>::failure(std::move(errors));
    return knowledge::LoadResult<Wording>::success(std::move(wording));
}

std::string fill(std::string text, std::string_view name, std::string_view value) {
    const std::string mark = "{" + std::string(name) + "}";
    for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size())) {
        text.replace(at, mark.size(), value);
    }
    return text;
}

}  // namespace channels
