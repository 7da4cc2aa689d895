#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "intents/answer.hpp"
#include "intents/entity_extractor.hpp"
#include "intents/intent.hpp"
#include "intents/passage_index.hpp"
#include "knowledge/figure_text.hpp"
#include "knowledge/knowledge_base.hpp"

namespace intents {

// How long an answer part may grow, and the few words the composer adds itself
// (intents/data/answering.json).
struct AnswerStyle {
    std::size_t max_facts = 2;  // whole facts per part, besides the direct `{figure:}` lines
    std::size_t max_items = 5;  // bullets of one fact before the rest is held back
    std::string more_items;     // after a cut list: "…and {count} more." ({count})
    std::string more_of_list;   // before the rest of a cut list, on "tell me more"
    std::string tell_me_more;   // the chip offered when facts were held back
    std::string row;            // one line of {rows}: "- {label}: {figure} ({source})"
    std::string recognised;     // said by a fallback that caught entities: "… {entities} …"
    std::string in_english;     // before the answer to a question asked in another language
    // First, when the guides' closest passage answers a career question nothing else caught: that it is
    // the closest they come, not an answer they give in so many words.
    std::string closest;
    // Words of a question that asks to choose between what it names ("or", "vs", "which"):
    // ComposeInputs::choosing.
    std::vector<std::string> choice_words;
    // A place the guides give no figure for but one within it ("Ohio as a whole"): `{name}`.
    std::string as_a_whole = "{name}";
    // A question that quotes figures of the guides and asks about them (one of `figure_cues`: "why", "which",
    // "only") gets the facts that state them; before two or more, `figures_differ`.
    std::vector<std::string> figure_cues;
    std::string figures_differ;
    // A question that names no figure but asks why the ones just given differ ("why are those so far
    // apart?"): one of `differ_cues`, and a word pointing back at them ("those") or one of `differ_pointers`
    // ("why are there two different senior numbers?").
    std::vector<std::string> differ_cues, differ_pointers;
    // Numbers as words, from two ("which one" names no count): "why are there three different averages"
    // names how many figures it means.
    std::vector<std::string> count_words;
    // Said before a part that opens with the passage or list items found for the question's own words, when
    // the question asks yes or no: `yes_openers` start it ("do", "is"), none of `yes_blockers` is in it
    // ("not", "or", "worth": questions a plain yes would misanswer). Empty: never.
    std::string yes;
    std::vector<std::string> yes_openers, yes_blockers;
    // Words by which a question asks for the items of a list ("what", "which", "list"): asked again once
    // everything on the topic was shown, such a question gets the list again, not its introducing line alone.
    std::vector<std::string> list_askers;
    // Said instead of the facts when a follow-up asks what the conversation already holds all the guides say
    // on ("how long till you land the job?" after the bootcamp's length). Empty: that line again instead.
    std::string no_further;
    // Before a sentence the conversation showed that is the closest the guides come to a question asked again
    // in other words ("what's the hard part nobody expects?" after a line on what surprises people).
    std::string said_above;
    // How a line saying what the guides don't cover opens ("The guides give no"): such a line is never
    // dropped as restating figures said before (responder.cpp), since what it says is the gap.
    std::vector<std::string> gap_openers;
    // A question asking for a number (`figure_askers`: "what %", "how many") whose answer holds none gets
    // `no_figure` first: the guides' nearby words are not passed off as the number asked for.
    std::vector<std::string> figure_askers;
    std::string no_figure;
    // Kinds of named things ("industry", "aspect") that a one-question answer must not leave out: when its
    // facts are about none of them, the thing's own topic answers it too, after (responder.cpp).
    std::vector<std::string> answer_named;
    std::string
        not_in_guides;  // first, when a question names what the guides never mention: "… {entities} …"
    // First, when a question names a level ("is it worse for juniors?") and a topic answers it whose facts
    // say nothing of that level: "… {entities} …" (responder.cpp). Not for topics whose ids start with one of
    // `level_given_by`: how to get started is entry-level by nature.
    std::string level_not_given;
    std::vector<std::string> level_given_by;
    // {verdict} of a two-value comparison: how {a}'s main figure ({figure}) stands against {b}'s.
    // {what} names what it was compared with: `verdict_points` (averages, medians) or `verdict_ranges`.
    std::string verdict_above, verdict_below, verdict_overlap, verdict_same, verdict_points, verdict_ranges;
    std::string and_word = " and ";
    std::string or_word = " or ";
    std::string list_comma = ", ";
    knowledge::FigureWords figure_words;  // how figures are written ("about ", "$", " a year")
};

// A sentence as compared, read in one pass without copying it: its words are its letters, digits, "$"
// and "%" in lower case ("what's" and "125,000" are one word each; every other character separates
// them). `key` is a hash of the words in order (the same words, the same key), `words` their hashes,
// sorted. Hashes, not strings: this runs for every sentence of every answer.
struct SentenceWords {
    std::uint64_t key = 0;
    std::vector<std::uint64_t> words;  // empty: no words ("- ", "...")
};
SentenceWords sentence_words(std::string_view sentence);

// What earlier parts and turns already said, so that no part says it again.
struct Said {
    std::vector<SentenceWords> sentences;  // each sentence or bullet said
    std::vector<std::string> shown;        // facts shown in full ("id") or in part ("id@N": N items shown)
};

// The rendered answer of one intent: text plus the facts it drew on.
struct ComposedPart {
    std::string text;
    std::vector<const knowledge::Fact*> facts;  // every fact whose text or figure the part used
    std::vector<std::string> shown;             // as in Said::shown, for this part
    bool held_back = false;                     // facts or items were left for "tell me more"
    bool not_covered = false;                   // the part says the sources do not cover (part of) it
    bool direct = false;  // it opens with the passage or list items found for the question's own words
    // It says again, on purpose, facts shown before: the closest place to one the guides lack ("no figures
    // for Portland; the closest is Seattle") stands in for what is asked now.
    bool repeats_on_purpose = false;
};

// Everything compose() reads besides the question.
struct ComposeInputs {
    const knowledge::KnowledgeBase& kb;
    const EntityExtractor& names;
    const AnswerStyle& style;
    // The conversation's last topic when the question leans on it (short: AnswerTemplate::after), else empty.
    // A view: the caller's context outlives the inputs.
    std::string_view last_topic = {};
    // What the conversation's context carried, if any. An aspect named again that is already in it ("the
    // degree" once more) gets no second telling of facts all shown; one newly asked ("how many people work in
    // it?" after the outlook, which said it in passing) does.
    const Entities* carried = nullptr;
    // The question asks to choose between what it names (one of the style's `choice_words`): rules with
    // `compare_needs_choice` compare two values only then.
    bool choosing = false;
};

// Fills an intent's answer template from the knowledge base. Pure.
// Lines, in order: the `by_aspect` lines of each aspect the question names (when there are any),
// then the `by_entity` rules that apply (see EntityRule); with neither, `lines`. Whole facts stop at
// `style.max_facts`; the rest are held back for "tell me more". A fact or sentence in `said` is not
// repeated (except an aspect's own lines when all they hold was said before and the question asks that aspect
// anew), and an intro line ending in ":" is dropped when nothing follows it. `more` composes
// the answer to "tell me more": the `more` lines and what the first answer held back.
ComposedPart compose(const Intent& intent, const Entities& entities, const ComposeInputs& in, Said& said,
                     bool more = false);

// One passage of the guides as a part (the question's best passage, passage_index.hpp): a list item under
// the sentence that introduces its list, the rest of the list held back; or a whole fact. With `again`, said
// even though `said` shows it (a sentence said again on purpose). Pure.
ComposedPart compose_passage(const Passage& passage, const ComposeInputs& in, Said& said, bool again = false);

// The facts whole, in order, said again though shown before: what a question about their figures asks
// ("what's the 8% thing?"). Opens with `intro` when it is not empty.
ComposedPart compose_facts(const std::vector<const knowledge::Fact*>& facts, const std::string& intro,
                           const ComposeInputs& in, Said& said);

// "Seattle and Austin", "Go, Java and Python", with the style's list words; with `alternatives`, "Redis or
// Memcached", as a line that says what the guides do not name reads.
std::string join_names(const std::vector<std::string>& names, const AnswerStyle& style,
                       bool alternatives = false);

// `line` with every "{entities}" placeholder replaced by `names` joined as join_names does: the one place a
// template's {entities} is filled (answers, fallbacks and the salary API's note).
std::string with_entities(std::string line, const std::vector<std::string>& names, const AnswerStyle& style,
                          bool alternatives = false);

// A fact as text: its sentence, then its items as "- " bullets, one per line (all of them).
std::string render_fact(const knowledge::Fact& fact);

// True when text[i] ends a sentence: ".", "!" or "?" before a space, but not the dot of an initial
// ("U.S. Bureau", "J. Smith").
bool ends_sentence(std::string_view text, std::size_t i);

// True when two sentences have the same words or share at least 80% of them.
bool same_sentence(const SentenceWords& a, const SentenceWords& b);

}  // namespace intents
