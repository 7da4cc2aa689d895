#include "intents/evaluation.hpp"

#include <gtest/gtest.h>

#include "support/project_advisor.hpp"
#include "support/temp_dir.hpp"

using namespace intents;

namespace {

const intents::Advisor& advisor() { return test_support::project_advisor(); }

}  // namespace

TEST(EvalFile, ReadsSinglesMultisAndConversations) {
    const std::string text =
        "{\"text\":\"hi\",\"intent\":\"greeting\"}\n"
        "\n"
        "{\"text\":\"a and b\",\"intents\":[\"x\",\"y\"]}\n"
        "{\"conversation\":[{\"text\":\"pay in "
        "seattle\",\"intent\":\"salary\",\"entities\":{\"location\":\"seattle\"}},"
        "{\"text\":\"and austin\",\"intent\":\"salary\"}]}\n";
    auto cases = read_eval_cases(text, "t.jsonl");
    ASSERT_TRUE(cases.ok());
    ASSERT_EQ(cases.value->size(), 3u);
    EXPECT_EQ((*cases.value)[1].turns[0].intents, (std::vector<std::string>{"x", "y"}));
    EXPECT_EQ((*cases.value)[2].turns.size(), 2u);
    EXPECT_EQ((*cases.value)[2].turns[0].entities.at("location"), std::vector<std::string>{"seattle"});
    EXPECT_EQ((*cases.value)[2].line, 4u);
}

TEST(EvalFile, BadLinesAreReportedWithTheirNumber) {
    auto cases =
        read_eval_cases("{\"text\":\"hi\",\"intent\":\"greeting\"}\n{oops\n{\"text\":\"x\"}\n", "t.jsonl");
    ASSERT_FALSE(cases.ok());
    ASSERT_EQ(cases.errors.size(), 2u);
    EXPECT_EQ(cases.errors[0], "t.jsonl:2: not valid JSON");
    EXPECT_EQ(cases.errors[1], "t.jsonl:3: needs \"intent\" or a non-empty \"intents\"");
}

TEST(EvalMetrics, PrecisionRecallAndF1) {
    IntentMetrics m{8, 2, 8};
    EXPECT_DOUBLE_EQ(m.precision(), 0.8);
    EXPECT_DOUBLE_EQ(m.recall(), 0.5);
    EXPECT_NEAR(m.f1(), 0.6154, 1e-4);
}

TEST(EvalMetrics, CountsMissesAndConfusions) {
    auto cases = read_eval_cases(
        "{\"text\":\"hello\",\"intent\":\"greeting\"}\n{\"text\":\"hello\",\"intent\":\"salary\"}\n", "t");
    ASSERT_TRUE(cases.ok());
    const EvalReport report = evaluate(advisor(), *cases.value);
    EXPECT_EQ(report.questions, 2u);
    EXPECT_EQ(report.correct, 1u);
    ASSERT_EQ(report.misses.size(), 1u);
    EXPECT_EQ(report.misses[0].line, 2u);
    EXPECT_EQ((report.confusions.at({"salary", "greeting"})), 1u);
}

// The accuracy targets of the intent engine on the labelled set (written before the patterns).
TEST(EvalTargets, LabelledSetMeetsAccuracyTargets) {
    const std::string path = (test_support::source_dir() / "tests" / "data" / "eval.jsonl").string();
    auto cases = read_eval_cases(test_support::read_file(path), path);
    ASSERT_TRUE(cases.ok()) << cases.errors.front();
    const EvalReport report = evaluate(advisor(), *cases.value);
    EXPECT_GE(report.questions, 400u);
    EXPECT_GE(report.out_of_domain, 80u);
    EXPECT_GE(report.accuracy(), 0.95) << to_text(report);
    EXPECT_GE(report.out_of_domain_accuracy(), 0.95) << to_text(report);
}

namespace {

EvalReport evaluate_file(const char* name) {
    const std::string path = (test_support::source_dir() / "tests" / "data" / name).string();
    auto cases = read_eval_cases(test_support::read_file(path), path);
    EXPECT_TRUE(cases.ok()) << (cases.errors.empty() ? "" : cases.errors.front());
    return cases.ok() ? evaluate(advisor(), *cases.value) : EvalReport{};
}

// The answer-shape gates of issue 9, on any labelled set.
void expect_answer_shape(const EvalReport& report) {
    const ShapeReport& s = report.shape;
    EXPECT_LE(s.words_percentile(0.5), 60u) << to_text(report);
    EXPECT_LE(s.words_percentile(0.9), 130u) << to_text(report);
    EXPECT_EQ(s.repeated, 0u) << to_text(report);
    EXPECT_EQ(s.internal_labels, 0u) << to_text(report);
    EXPECT_EQ(s.bare_dollars, 0u) << to_text(report);
    // The coverage rule (issue 23): a named thing left unanswered without a word in at most 1% of the answers
    // from the guides (today: "in 2025" twice and "RSUs" in eval.jsonl, "250k+" in real_questions.jsonl).
    EXPECT_GT(s.coverage_checked, 0u);
    EXPECT_LE(s.coverage_violations * 100, s.coverage_checked) << to_text(report);
}

}  // namespace

TEST(EvalTargets, LabelledSetAnswersAreShortAndSayNothingTwice) {
    const EvalReport report = evaluate_file("eval.jsonl");
    EXPECT_GE(report.accuracy(), 0.97) << to_text(report);
    expect_answer_shape(report);
}

// Real people's wording, written from the sources apart from the patterns.
TEST(EvalTargets, RealQuestionsAreAnsweredDirectlyAndHonestly) {
    const EvalReport report = evaluate_file("real_questions.jsonl");
    EXPECT_GE(report.questions, 150u);
    EXPECT_GE(report.shape.not_covered, 40u);
    EXPECT_GE(report.accuracy(), 0.95) << to_text(report);
    expect_answer_shape(report);
    // Questions the guides do not cover are said to be so; expected figures lead the answer.
    EXPECT_LE(report.shape.not_covered_silent * 15, report.shape.not_covered) << to_text(report);
    EXPECT_LE(report.shape.first_missing * 5, report.shape.first_checked) << to_text(report);
}

TEST(EvalShape, CountsRepeatsLabelsAndSilentGaps) {
    auto cases = read_eval_cases(
        "{\"text\":\"how much does a bootcamp cost\",\"intent\":\"uncovered\",\"not_covered\":true}\n"
        "{\"text\":\"what is the median "
        "salary\",\"intent\":\"salary\",\"first\":[\"$91K\"],\"contains\":[\"nowhere\"]}\n"
        "{\"text\":\"what does a back end developer "
        "do\",\"intent\":\"role.overview\",\"not_covered\":true}\n",
        "t");
    ASSERT_TRUE(cases.ok());
    const EvalReport report = evaluate(advisor(), *cases.value);
    EXPECT_EQ(report.correct, 3u) << to_text(report);  // "uncovered" stands for any gap intent
    EXPECT_EQ(report.shape.not_covered, 2u);
    EXPECT_EQ(report.shape.not_covered_silent, 1u);  // the role overview does not say it is a gap
    EXPECT_EQ(report.shape.first_checked, 1u);
    EXPECT_EQ(report.shape.first_missing, 0u) << to_text(report);
    EXPECT_EQ(report.shape.contains_missing, 1u);
}

TEST(EvalShape, FirstSentenceEndsAtTheFirstStopOrLine) {
    EXPECT_EQ(first_sentence("Pay is $91K. More here."), "Pay is $91K.");
    EXPECT_EQ(first_sentence("About 7.5% growth.\nNext"), "About 7.5% growth.");
    EXPECT_EQ(first_sentence("Intro:\n- item"), "Intro:");
    EXPECT_EQ(first_sentence("The U.S. Bureau projects 17,900 openings. Next."),
              "The U.S. Bureau projects 17,900 openings.");
}

// A second set, written later by another writer who saw neither the patterns nor the first sets:
// the check that tuning on the first sets carries over to wording nobody tuned for.
TEST(EvalTargets, FreshQuestionsAreAnsweredDirectlyAndHonestly) {
    const EvalReport report = evaluate_file("fresh_questions.jsonl");
    EXPECT_GE(report.questions, 150u);
    EXPECT_GE(report.accuracy(), 0.93) << to_text(report);
    expect_answer_shape(report);
    EXPECT_LE(report.shape.not_covered_silent * 15, report.shape.not_covered) << to_text(report);
    EXPECT_LE(report.shape.first_missing * 5, report.shape.first_checked) << to_text(report);
}

// The pattern writers' own conversations (not held out: they may tune against it): follow-ups keep
// their topic and entities across turns.
TEST(EvalTargets, DevConversationsKeepTheirThread) {
    const EvalReport report = evaluate_file("dev_conversations.jsonl");
    EXPECT_GE(report.questions, 25u);
    EXPECT_GE(report.accuracy(), 0.96) << to_text(report);
    EXPECT_GE(report.entity_accuracy(), 0.9) << to_text(report);
}

TEST(EvalReportText, AnEmptyCategoryIsNotAHundredPercent) {
    EvalReport report;
    const std::string text = to_text(report);
    EXPECT_EQ(text.find("100.0% (0/0)"), std::string::npos) << text;
    EXPECT_NE(text.find("out-of-domain -> fallback: none in the set"), std::string::npos) << text;
}
