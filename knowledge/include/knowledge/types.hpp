#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace knowledge {

// A source document that facts cite.
struct Source {
    std::string id;
    std::string title;
    std::string publisher;
    std::string published;
    std::string seed_file;
    std::string url;  // the public page, https:// (what answers link to)
};

// How a figure relates to the population it describes.
enum class Scope { average, median, range, minimum, count, rate };

// One number (or range) of a fact, as data, exactly as its source states it.
struct Figure {
    std::string label;   // names it in a table row: "National median, broader occupational category"
    std::string phrase;  // names it in a sentence: "Truest's national median for …" (the label when empty)
    Scope scope = Scope::average;
    std::optional<double> value;  // every scope but range
    std::optional<double> low;    // range only
    std::optional<double> high;   // range only
    bool open_ended = false;      // "or more", "over", "+"
    bool approximate = false;     // "about", "roughly"
    bool comparison = false;      // another population's figure, given to compare with (all workers)
    std::string unit;             // USD/year, percent, jobs/year, people, weeks, years
    std::string period;           // "2020-2030", "through 2034", or empty
    std::string location;         // location id, or empty
    std::string level;            // experience level id, or empty
};

// One statement from one source, in our words, with its numbers as data.
struct Fact {
    std::string id;
    std::string topic;
    std::string source;
    std::string text;
    std::vector<std::string> items;
    std::map<std::string, std::vector<std::string>> entities;  // kind -> ids the fact is about
    std::vector<Figure> figures;
    // Per item, what that item alone is about ("Setting up automated backups…": backups), as `entities`;
    // empty when no item is tagged, else one map per item. The fact is about these too.
    std::vector<std::map<std::string, std::vector<std::string>>> item_entities{};
    std::string file{};     // where it was read from, and its JSON pointer there ("/facts/3"), so that
    std::string pointer{};  // checks made after loading (entity values) can name both

    // True when the fact, or one of its items, is about the value.
    bool is_about(const std::string& kind, const std::string& value) const;
    // True when item `i` is tagged with the value (item_entities).
    bool item_is_about(std::size_t i, const std::string& kind, const std::string& value) const;
};

struct Topic {
    std::string id;
    std::string title;
};

const char* to_string(Scope scope);
std::optional<Scope> scope_from_string(const std::string& text);

}  // namespace knowledge
