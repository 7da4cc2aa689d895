#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "intents/lexicon.hpp"

namespace intents {

// A source an answer used, as sources.json names it (published: an ISO date, or empty when undated).
struct SourceRef {
    std::string id;  // the data's name for it: for programs, never shown to people
    std::string title;
    std::string publisher;
    std::string published;
    std::string url;  // the public page (https://)
};

// A USD/year figure as data, so pages and programs need not parse text (salary_rows.hpp makes them).
struct DataRow {
    std::string label;
    std::string scope;  // average, median, range, minimum
    std::optional<double> value;
    std::optional<double> low;
    std::optional<double> high;
    bool open_ended = false;
    bool approximate = false;
    bool comparison = false;  // another population's figure, for comparison (the average for all workers)
    std::string period;
    std::string location;  // entity id, or empty
    std::string level;     // entity id, or empty
    std::string source;
    std::vector<std::string> facts;  // every fact that states this figure, in knowledge order
    std::string figure;              // as the answer text writes it, without the period: "about $125,000"
};

// The answer to one intent within a message.
struct AnswerPart {
    std::string intent;
    std::string text;
    bool not_covered = false;  // says the sources do not cover the question, or part of it
    bool states_pay = false;   // quotes a yearly pay figure of the guides (one of the answer's salary_rows)
};

// What a conversation remembers between turns, so follow-ups ("what about Austin?") resolve.
struct Context {
    std::string last_intent;
    Entities entities;
    int turns = 0;                   // answers since the context was last refreshed by a topical question
    std::int64_t updated_at_ms = 0;  // wall-clock time of the last answer
    // Facts already shown on this topic ("id", or "id@N" when only N items of its list were), so a
    // follow-up says what is new and "tell me more" gives the rest.
    std::vector<std::string> shown;
    // How many of `shown`'s newest entries the last answer on the topic added (0: not known, as from a client
    // that does not send it): what "those figures" points back at.
    std::size_t last_shown = 0;
    // The most `shown` holds: the responder keeps the newest, and a context from a client with more is
    // refused.
    static constexpr std::size_t max_shown = 64;

    bool empty() const { return last_intent.empty(); }
};

struct Answer {
    std::string intent;  // the first part's intent, or "fallback"
    std::string text;    // every part's text, in order
    std::vector<AnswerPart> parts;
    std::vector<std::string> suggestions;
    std::vector<SourceRef> sources;
    std::vector<DataRow> salary_rows;  // USD/year figures the answer used
    Entities entities;
    Context context;               // to send back with the next question
    bool context_expired = false;  // a context came with the question but was too old to use
};

}  // namespace intents
