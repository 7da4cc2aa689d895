#include "intents/catalogue_check.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "intents/advisor.hpp"
#include "intents/intent_loader.hpp"
#include "knowledge/knowledge_loader.hpp"
#include "support/temp_dir.hpp"

// Every entity value the data names outside entities.json is one of its values (catalogue_check.hpp).

using namespace test_support;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string all_errors(const DataCopy& data) {
    auto loaded = intents::load_advisor(data.knowledge(), data.intents());
    std::string out;
    for (const auto& e : loaded.errors) out += e + "\n";
    return out;
}

// The JSON pointer of the first figure in a facts file whose `key` is `value` ("/facts/13/figures/0"),
// so the tests follow the data's order instead of hard-coding it.
std::string first_figure_with(const fs::path& file, const std::string& key, const std::string& value) {
    const json doc = json::parse(read_file(file));
    const json& facts = doc.at("facts");
    for (std::size_t f = 0; f < facts.size(); ++f) {
        const json figures = facts[f].value("figures", json::array());
        for (std::size_t i = 0; i < figures.size(); ++i) {
            if (figures[i].value(key, "") == value) {
                return "/facts/" + std::to_string(f) + "/figures/" + std::to_string(i);
            }
        }
    }
    ADD_FAILURE() << "no figure with " << key << " " << value << " in " << file;
    return "";
}

std::string pointer_of_fact(const fs::path& file, const std::string& id) {
    const json facts = json::parse(read_file(file)).at("facts");
    for (std::size_t f = 0; f < facts.size(); ++f) {
        if (facts[f].at("id") == id) return "/facts/" + std::to_string(f);
    }
    ADD_FAILURE() << "no fact " << id << " in " << file;
    return "";
}

}  // namespace

TEST(CatalogueCheck, ProjectDataNamesOnlyCatalogueValues) {
    const fs::path intents_dir = source_dir() / "intents" / "data";
    auto knowledge = knowledge::load_knowledge(source_dir() / "knowledge" / "data");
    auto data = intents::load_intent_data(intents_dir);
    ASSERT_TRUE(knowledge.ok() && data.ok());
    const auto errors =
        intents::check_entity_values(*knowledge.value, data.value->entity_kinds, data.value->years_bands,
                                     (intents_dir / "entities.json").string());
    EXPECT_TRUE(errors.empty()) << errors.front();
}

TEST(CatalogueCheck, MisspeltFactEntityIsRefusedNamingFilePathAndKnownValues) {
    DataCopy data;
    const fs::path salary = data.knowledge() / "facts" / "salary.json";
    const std::string fact = pointer_of_fact(salary, "salary.city.seattle");
    replace_in_file(salary, "\"location\": [\n          \"seattle\"",
                    "\"location\": [\n          \"seatle\"");
    const std::string error = all_errors(data);
    EXPECT_NE(
        error.find(salary.string() + ": " + fact + "/entities/location/0: 'seatle' is not a location in " +
                   (data.intents() / "entities.json").string() + " (known: "),
        std::string::npos)
        << error;
    EXPECT_NE(error.find(", seattle, "), std::string::npos) << "the known values are listed\n" << error;
}

TEST(CatalogueCheck, UnknownEntityKindOnAFactIsRefused) {
    DataCopy data;
    const fs::path salary = data.knowledge() / "facts" / "salary.json";
    const std::string fact = pointer_of_fact(salary, "salary.city.seattle");
    replace_in_file(salary, "\"location\": [\n          \"seattle\"",
                    "\"locaton\": [\n          \"seattle\"");
    const std::string error = all_errors(data);
    EXPECT_NE(
        error.find(salary.string() + ": " + fact + "/entities/locaton: 'locaton' is not an entity kind in " +
                   (data.intents() / "entities.json").string() + " (known: "),
        std::string::npos)
        << error;
}

TEST(CatalogueCheck, MisspeltFigureLocationIsRefused) {
    DataCopy data;
    const fs::path salary = data.knowledge() / "facts" / "salary.json";
    const std::string figure = first_figure_with(salary, "location", "seattle");
    replace_in_file(salary, "\"location\": \"seattle\"", "\"location\": \"seatle\"");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find(salary.string() + ": " + figure + "/location: 'seatle' is not a location in " +
                         (data.intents() / "entities.json").string() + " (known: "),
              std::string::npos)
        << error;
}

TEST(CatalogueCheck, MisspeltFigureLevelIsRefused) {
    DataCopy data;
    const fs::path salary = data.knowledge() / "facts" / "salary.json";
    const std::string figure = first_figure_with(salary, "level", "entry");
    replace_in_file(salary, "\"level\": \"entry\"", "\"level\": \"entri\"");
    const std::string error = all_errors(data);
    EXPECT_NE(
        error.find(salary.string() + ": " + figure + "/level: 'entri' is not a level in " +
                   (data.intents() / "entities.json").string() + " (known: entry, mid, senior, principal)"),
        std::string::npos)
        << error;
}

TEST(CatalogueCheck, YearsBandNamingAnUnknownLevelIsRefused) {
    DataCopy data;
    const fs::path entities = data.intents() / "entities.json";
    replace_in_file(entities, "\"max_years\": 2,\n      \"level\": \"entry\"",
                    "\"max_years\": 2,\n      \"level\": \"entri\"");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find(entities.string() + ": /years_to_level/0/level: 'entri' is not a level in " +
                         entities.string()),
              std::string::npos)
        << error;
}

// An item's own tags are checked as a fact's are, and named by the item's path.
TEST(CatalogueCheck, MisspeltItemEntityIsRefusedNamingTheItem) {
    DataCopy data;
    const fs::path file = data.knowledge() / "facts" / "responsibilities.json";
    const std::string fact = pointer_of_fact(file, "responsibilities.list");
    replace_in_file(file, "\"backups\"", "\"backupz\"");
    const std::string error = all_errors(data);
    EXPECT_NE(
        error.find(file.string() + ": " + fact + "/items/7/entities/aspect/0: 'backupz' is not an aspect"),
        std::string::npos)
        << error;
}
