#include <algorithm>

#include "channels/render.hpp"
#include "table.hpp"

namespace channels {

using nlohmann::json;

std::string telegram_escape(std::string_view text) { return escape_markup(text); }

json telegram_text(std::int64_t chat_id, std::string_view text) {
    return {{"method", "sendMessage"},
            {"chat_id", chat_id},
            {"text", telegram_escape(text)},
            {"parse_mode", "HTML"}};
}

json telegram_answer(std::int64_t chat_id, const intents::Answer& answer, const Wording& wording) {
    std::string text = telegram_escape(answer.text);
    if (const std::string table = rows_table(answer); !table.empty()) {
        text += "\n\n<b>" + telegram_escape(wording.table_title) + "</b>\n<pre>" + telegram_escape(table) +
                "</pre>";
    }
    const std::string sources = linked_source_list(
        answer, wording.sources, [](std::string_view t) { return telegram_escape(t); },
        [](const std::string& title, const std::string& url) {
            return "<a href=\"" + url + "\">" + title + "</a>";
        });
    if (!sources.empty()) text += "\n\n<i>" + sources + "</i>";
    // sendMessage takes 4096 characters after entities are parsed; our answers are far shorter, so a longer
    // text (more rows than any answer has) falls back to the answer alone rather than a cut inside a tag.
    std::size_t characters = 0;
    for (char c : text) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    if (characters > 4096) {
        std::size_t cut = std::min<std::size_t>(answer.text.size(), 3000);
        while (cut > 0 && cut < answer.text.size() &&
               (static_cast<unsigned char>(answer.text[cut]) & 0xC0) == 0x80) {
            --cut;  // not inside a character
        }
        text = telegram_escape(answer.text.substr(0, cut));
    }
    return {{"method", "sendMessage"}, {"chat_id", chat_id}, {"text", text}, {"parse_mode", "HTML"}};
}

}  // namespace channels
