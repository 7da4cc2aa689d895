#include <gtest/gtest.h>

#include "intents/advisor.hpp"
#include "knowledge/knowledge_loader.hpp"
#include "support/temp_dir.hpp"

using namespace test_support;

namespace {

// The first error of loading both folders, or "" when they load.
std::string first_error(const DataCopy& data) {
    auto loaded = intents::load_advisor(data.knowledge(), data.intents());
    return loaded.errors.empty() ? std::string() : loaded.errors.front();
}

std::string all_errors(const DataCopy& data) {
    auto loaded = intents::load_advisor(data.knowledge(), data.intents());
    std::string out;
    for (const auto& e : loaded.errors) out += e + "\n";
    return out;
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
    EXPECT_EQ(all_errors(data), "");
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
    EXPECT_NE(error.find("outlook.json: /facts/0/source: required string is missing"), std::string::npos) << error;
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
    const std::string error = all_errors(data);
    EXPECT_NE(error.find("education.json: /facts/0/source: unknown source id 'wikipedia'"), std::string::npos) << error;
}

TEST(KnowledgeLoader, DuplicateFactIdIsReported) {
    DataCopy data;
    auto kb = knowledge::load_knowledge(data.knowledge());
    ASSERT_TRUE(kb.ok());
    const std::string first_id = kb.value->with_prefix("salary.").at(0)->id;
    const std::string second_id = kb.value->with_prefix("salary.").at(1)->id;
    replace_in_file(data.knowledge() / "facts" / "salary.json", "\"" + second_id + "\"", "\"" + first_id + "\"");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find("duplicate fact id '" + first_id + "'"), std::string::npos) << error;
}

TEST(KnowledgeLoader, FigureMissingFromTextIsReported) {
    DataCopy data;
    replace_in_file(data.knowledge() / "facts" / "outlook.json", "17,900", "seventeen thousand nine hundred");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find("the figure 17,900 does not appear in the fact's text"), std::string::npos) << error;
}

TEST(KnowledgeLoader, UnknownScopeIsReported) {
    DataCopy data;
    replace_in_file(data.knowledge() / "facts" / "salary.json", "\"scope\": \"average\"", "\"scope\": \"typical\"");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find("unknown scope 'typical'"), std::string::npos) << error;
}

TEST(KnowledgeLoader, TemplateNamingAMissingFactIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "outlook.json", "{fact:outlook.", "{fact:outlook.nope-");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find("which does not exist"), std::string::npos) << error;
    EXPECT_NE(error.find("outlook.json"), std::string::npos) << error;
}

TEST(KnowledgeLoader, FigurePlaceholderNamingAMissingFactIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "salary.json", "{figure:salary.median.truest}",
                    "{figure:salary.median.nope}");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find("names fact 'salary.median.nope', which does not exist"), std::string::npos) << error;
}

TEST(KnowledgeLoader, FigurePlaceholderOnAFactWithoutFiguresIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "salary.json", "{figure:salary.median.truest}",
                    "{figure:salary.factors}");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find("{figure:salary.factors} names a fact without figures"), std::string::npos) << error;
}

TEST(KnowledgeLoader, UnknownAspectOnAFactIsReported) {
    DataCopy data;
    replace_in_file(data.knowledge() / "facts" / "salary.json", "\"median\"", "\"middle\"");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find("/entities/aspect/0: 'middle' is not an aspect in "), std::string::npos) << error;
}

TEST(KnowledgeLoader, GapWithoutATopicToContinueIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "gaps.json", "\"continues\": \"salary\"", "\"continues\": \"nothing\"");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find("a gap must name the topic intent follow-ups continue, not 'nothing'"), std::string::npos)
        << error;
}

TEST(KnowledgeLoader, UnreachableFactIsReported) {
    DataCopy data;
    replace_in_file(data.knowledge() / "facts" / "role.json", "\"facts\": [",
                    "\"facts\": [{\"id\": \"role.orphan\", \"source\": \"truest-profile\", \"text\": \"An orphan.\"},");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find("fact 'role.orphan' (topic role) is not reachable from any intent"), std::string::npos)
        << error;
}

TEST(IntentLoader, BadPatternNamesFileIntentAndRe2Error) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "education.json", "\"patterns\": [", "\"patterns\": [\"(unclosed\", ");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find("education.json: intent '"), std::string::npos) << error;
    EXPECT_NE(error.find("missing )"), std::string::npos) << error;
}

TEST(IntentLoader, MissingFallbackIsReported) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "smalltalk.json", "\"id\": \"fallback\"", "\"id\": \"fallback2\"");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find("no intent has id 'fallback'"), std::string::npos) << error;
}

TEST(IntentLoader, MalformedFigureNotesAreReported) {
    DataCopy data;
    replace_in_file(data.intents() / "intents" / "salary.json", "\"periods\": [", "\"periods\": \"monthly\", \"unused\": [");
    const std::string error = all_errors(data);
    EXPECT_NE(error.find("salary.json: /intents/0/answer/figure_notes/periods: must be an array"), std::string::npos)
        << error;
}
