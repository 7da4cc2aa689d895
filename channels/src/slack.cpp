#include "channels/render.hpp"
#include "table.hpp"

namespace channels {

using nlohmann::json;

namespace {

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

// A section's text may hold 3000 characters; answers are shorter, but a cut is better than a refused reply.
std::string at_most(std::string text, std::size_t bytes) {
    if (text.size() <= bytes) return text;
    std::size_t cut = bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    return text + "\u2026";
}

}  // namespace

std::string rows_table(const intents::Answer& answer) {
    std::size_t width = 0;
    for (const intents::DataRow& row : answer.salary_rows) width = std::max(width, code_points(row.label));
    std::string table;
    for (const intents::DataRow& row : answer.salary_rows) {
        if (!table.empty()) table += '\n';
        table += row.label + std::string(width - code_points(row.label) + 2, ' ') + figure_text(row, false);
    }
    return table;
}

std::string linked_source_list(
    const intents::Answer& answer, const std::string& wording,
    const std::function<std::string(std::string_view)>& escape,
    const std::function<std::string(const std::string&, const std::string&)>& link) {
    std::string list;
    for (const intents::SourceRef& source : answer.sources) {
        if (!list.empty()) list += escape("; ");
        list += source.url.empty() ? escape(source.title) : link(escape(source.title), source.url);
        std::string by = source.publisher;
        if (!source.published.empty()) by += (by.empty() ? "" : ", ") + source.published;
        if (!by.empty()) list += escape(" (" + by + ")");
    }
    if (list.empty()) return "";
    const std::size_t at = wording.find("{sources}");  // the wording's check makes sure it is there
    if (at == std::string::npos) return escape(wording) + list;
    return escape(wording.substr(0, at)) + list + escape(wording.substr(at + 9));
}

std::string escape_markup(std::string_view text, bool quotes) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '&')
            out += "&amp;";
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (quotes && c == '"')
            out += "&quot;";
        else if (quotes && c == '\'')
            out += "&apos;";
        else
            out += c;
    }
    return out;
}

std::string slack_escape(std::string_view text) { return escape_markup(text); }

json slack_text(std::string_view text) {
    return {{"response_type", "ephemeral"}, {"text", slack_escape(text)}};
}

json slack_answer(const intents::Answer& answer, const Wording& wording) {
    json blocks = json::array();
    blocks.push_back({{"type", "section"},
                      {"text", {{"type", "mrkdwn"}, {"text", at_most(slack_escape(answer.text), 2900)}}}});
    if (const std::string table = rows_table(answer); !table.empty()) {
        const std::string text =
            "*" + slack_escape(wording.table_title) + "*\n```" + slack_escape(table) + "```";
        blocks.push_back(
            {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", at_most(text, 2900)}}}});
    }
    const std::string text = linked_source_list(
        answer, wording.sources, [](std::string_view t) { return slack_escape(t); },
        [](const std::string& title, const std::string& url) { return "<" + url + "|" + title + ">"; });
    if (!text.empty()) {
        blocks.push_back({{"type", "context"},
                          {"elements", json::array({{{"type", "mrkdwn"}, {"text", at_most(text, 2900)}}})}});
    }
    return {{"response_type", "ephemeral"},
            {"text", at_most(slack_escape(answer.text), 2900)},
            {"blocks", blocks}};
}

}  // namespace channels
