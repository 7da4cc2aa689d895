#include "knowledge/knowledge_loader.hpp"

#include <gtest/gtest.h>

#include "intents/advisor.hpp"
#include "knowledge/json_reader.hpp"
#include "support/project_advisor.hpp"
#include "support/temp_dir.hpp"

using namespace test_support;

namespace {

// The first error of loading both folders, or "" when they load.
std::string first_error(const DataCopy& data) {
    auto loaded = intents::load_advisor(data.knowledge(), data.intents());
    return loaded.errors.empty() ? std::string() : loaded.errors.front();
}

}  // namespace

TEST(KnowledgeLoader, LoadsTheProjectData) {
    auto loaded = knowledge::load_knowledge(source_dir() / "knowledge" / "data");
    ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front());
    EXPECT_EQ(loaded.value->sources().size(), 2u);
    EXPECT_GT(loaded.value->facts().size(), 60u);
}

TEST(KnowledgeLoader, EveryFactCitesAKnownSource) {
    auto loaded = knowledge::load_knowledge(source_dir() / "knowledge" / "data");
    ASSERT_TRUE(loaded.ok());
    for (const auto& fact : loaded.value->facts()) {
        EXPECT_NE(loaded.value->find_source(fact.source), nullptr) << fact.id;
    }
}

TEST(KnowledgeLoader, ProjectDataPassesAllCrossChecks) {
    DataCopy data;
    EXPECT_EQ(load_errors(data), "");
}

TEST(KnowledgeLoader, SyntaxErrorNamesTheFile) {
    DataCopy data;
    write_file(data.knowledge() / "facts" / "salary.json", "{\"topic\": \"salary\", ");
    const std::string error = first_error(data);
    EXPECT_NE(error.find("salary.json"), std::string::npos) << error;
    EXPECT_NE(error.find("syntax error"), std::string::npos) << error;
}

TEST(KnowledgeLoader, MissingFieldNamesFileAndJsonPath) {
    DataCopy data;
    replace_in_file(data.knowledge() / "facts" / "outlook.json", "\"source\":", "\"origin\":");
    const std::string error = first_error(data);
    EXPECT_NE(error.find("outlook.json: /facts/0/source: required string is missing"), std::string::npos)
        << error;
}

// Answers link to a source's page: an address a page or a platform's markup could be tricked by is refused.
TEST(KnowledgeLoader, ASourceAddressMustBeHttpsWithoutMarkup) {
    for (const std::string bad : {"javascript:alert(1)", "http://blog.nobledesktop.com/x",
                                  "https://a.example/\\\"onmouseover=\\\"x" /* a quote, JSON-escaped */,
                                  "https://a.example/<b>", "https://"}) {
        DataCopy data;
        replace_in_file(data.knowledge() / "sources.json",
                        "https://blog.nobledesktop.com/what-back-end-developers-do", bad);
        const std::string error = first_error(data);
        EXPECT_NE(error.find("sources.json: /sources/0/url: must be an https:// address"), std::string::npos)
            << bad << ": " << error;
    }
}

TEST(KnowledgeLoader, WrongTypeIsReported) {
    DataCopy data;
    replace_in_file(data.knowledge() / "facts" / "role.json", "\"text\": \"", "\"text\": 42, \"was\": \"");
    const std::string error = first_error(data);
    EXPECT_NE(error.find("role.json: /facts/0/text: must be a string"), std::string::npos) << error;
}

TEST(KnowledgeLoader, UnknownSourceIsReported) {
    DataCopy data;
    replace_in_file(data.knowledge() / "facts" / "education.json", "\"source\": \"noble-guide-2026\"",
                    "\"source\": \"wikipedia\"");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("education.json: /facts/0/source: unknown source id 'wikipedia'"), std::string::npos)
        << error;
}

TEST(KnowledgeLoader, DuplicateFactIdIsReported) {
    DataCopy data;
    auto kb = knowledge::load_knowledge(data.knowledge());
    ASSERT_TRUE(kb.ok());
    const std::string first_id = kb.value->with_prefix("salary.").at(0)->id;
    const std::string second_id = kb.value->with_prefix("salary.").at(1)->id;
    replace_in_file(data.knowledge() / "facts" / "salary.json", "\"" + second_id + "\"",
                    "\"" + first_id + "\"");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("duplicate fact id '" + first_id + "'"), std::string::npos) << error;
}

TEST(KnowledgeLoader, FigureMissingFromTextIsReported) {
    DataCopy data;
    replace_in_file(data.knowledge() / "facts" / "outlook.json", "17,900", "seventeen thousand nine hundred");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("the figure 17,900 does not appear in the fact's text"), std::string::npos) << error;
}

TEST(KnowledgeLoader, UnknownScopeIsReported) {
    DataCopy data;
    replace_in_file(data.knowledge() / "facts" / "salary.json", "\"scope\": \"average\"",
                    "\"scope\": \"typical\"");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("unknown scope 'typical'"), std::string::npos) << error;
}

TEST(KnowledgeLoader, UnknownAspectOnAFactIsReported) {
    DataCopy data;
    replace_in_file(data.knowledge() / "facts" / "salary.json", "\"median\"", "\"middle\"");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("/entities/aspect/0: 'middle' is not an aspect in "), std::string::npos) << error;
}

TEST(KnowledgeLoader, UnreachableFactIsReported) {
    DataCopy data;
    replace_in_file(
        data.knowledge() / "facts" / "role.json", "\"facts\": [",
        "\"facts\": [{\"id\": \"role.orphan\", \"source\": \"truest-profile\", \"text\": \"An orphan.\"},");
    const std::string error = load_errors(data);
    EXPECT_NE(error.find("fact 'role.orphan' (topic role) is not reachable from any intent"),
              std::string::npos)
        << error;
    // Named by its file and place, as every load error is (the reload fuzzer found it was not).
    EXPECT_NE(error.find("role.json: /facts/0: fact 'role.orphan'"), std::string::npos) << error;
}

TEST(ReadTextFile, ReadsARegularFileUpToItsCapAndSaysWhatIsWrongOtherwise) {
    TempDir dir;
    write_file(dir.path() / "small.json", "{}");
    EXPECT_EQ(knowledge::read_text_file(dir.path() / "small.json", 2).text, "{}");
    const knowledge::FileText large = knowledge::read_text_file(dir.path() / "small.json", 1);
    EXPECT_FALSE(large.text);
    EXPECT_EQ(large.problem, "is larger than 1 bytes");
    EXPECT_EQ(knowledge::read_text_file(dir.path()).problem, "is not a regular file") << "a folder";
    EXPECT_EQ(knowledge::read_text_file("/dev/zero").problem, "is not a regular file");
    EXPECT_EQ(knowledge::read_text_file(dir.path() / "absent.json").problem,
              "cannot be opened (No such file or directory)");
}

// An item may carry its own tags as {"text", "entities"}; one without its text is refused by path.
TEST(KnowledgeLoader, AnItemObjectNeedsItsText) {
    DataCopy data;
    replace_in_file(data.knowledge() / "facts" / "responsibilities.json",
                    "\"text\": \"Setting up automated backups", "\"txt\": \"Setting up automated backups");
    const std::string error = first_error(data);
    EXPECT_NE(error.find("responsibilities.json: /facts/0/items/7/text: required string is missing"),
              std::string::npos)
        << error;
}

// An item that is neither a string nor an object is refused by its path, not read as a missing text.
TEST(KnowledgeLoader, AnItemMustBeAStringOrAnObject) {
    DataCopy data;
    replace_in_file(data.knowledge() / "facts" / "responsibilities.json",
                    "\"Designing scalable application architecture and choosing suitable technology stacks\"",
                    "42");
    const std::string error = first_error(data);
    EXPECT_NE(
        error.find("responsibilities.json: /facts/0/items/1: must be a string or an object with \"text\""),
        std::string::npos)
        << error;
}
