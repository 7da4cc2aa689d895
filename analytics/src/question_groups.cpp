#include "analytics/question_groups.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "intents/normalizer.hpp"

namespace analytics {

namespace {

using WordSet = std::unordered_set<std::string_view>;

WordSet ignored_words(const intents::Lexicon& lexicon) {
    WordSet ignored;
    for (const auto* list :
         {&lexicon.stop_words, &lexicon.question_words, &lexicon.joiners, &lexicon.fillers}) {
        ignored.insert(list->begin(), list->end());
    }
    return ignored;
}

std::vector<std::string> content_words(const std::string& normalized, const WordSet& ignored) {
    std::vector<std::string> words;
    for (std::string& w : intents::split_words(normalized)) {
        if (w != "?" && !ignored.contains(w)) words.push_back(std::move(w));
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
}

// How often a wording (or an intent) was seen, and when last.
struct Seen {
    std::uint64_t count = 0;
    std::int64_t last = 0;
    void add(std::uint64_t n, std::int64_t at) {
        count += n;
        last = std::max(last, at);
    }
};
using Tally = std::map<std::string, Seen>;

// The questions of one normal form.
struct Form {
    std::vector<std::string> words;
    std::vector<std::uint32_t> ids;  // the words as numbers, sorted: what the grouping compares
    std::uint64_t count = 0, fallback = 0, not_covered = 0;
    std::int64_t first = 0, last = 0;
    Tally wordings, intents;
};

// Most often seen first; of those seen as often, the latest.
std::vector<std::string> most_first(const Tally& tally) {
    std::vector<std::pair<std::string, Seen>> entries(tally.begin(), tally.end());
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.second.count != b.second.count ? a.second.count > b.second.count
                                                : a.second.last > b.second.last;
    });
    std::vector<std::string> out;
    for (auto& [key, seen] : entries) out.push_back(key);
    return out;
}

std::size_t shared_words(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    std::size_t shared = 0;
    for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
        if (*i < *j)
            ++i;
        else if (*j < *i)
            ++j;
        else
            ++shared, ++i, ++j;
    }
    return shared;
}

bool alike(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    const std::size_t shared = shared_words(a, b);
    if (a.size() == 1 && b.size() == 1) return shared == 1;
    return shared >= 2 && 2 * shared >= a.size() + b.size() - shared;  // Jaccard >= 0.5
}

}  // namespace

std::vector<std::string> content_words(const std::string& question, const intents::Lexicon& lexicon) {
    return content_words(intents::normalize(question, lexicon), ignored_words(lexicon));
}

std::vector<QuestionGroup> group_questions(const std::vector<QuestionRow>& questions,
                                           const intents::Lexicon& lexicon, std::size_t max_compared) {
    const WordSet ignored = ignored_words(lexicon);
    std::unordered_map<std::string, Form> by_form;
    for (const QuestionRow& q : questions) {
        // A question mark does not make another question: "hi?" and "hi" are one form.
        std::string normalized;
        for (const std::string& w : intents::split_words(intents::normalize(q.text, lexicon))) {
            if (w != "?") normalized += (normalized.empty() ? "" : " ") + w;
        }
        auto [it, fresh] = by_form.try_emplace(normalized);
        Form& f = it->second;
        if (fresh) {
            f.words = content_words(normalized, ignored);
            f.first = f.last = q.at_ms;
        }
        ++f.count;
        f.fallback += q.fallback ? 1 : 0;
        f.not_covered += q.not_covered ? 1 : 0;
        f.first = std::min(f.first, q.at_ms);
        f.last = std::max(f.last, q.at_ms);
        f.wordings[q.text].add(1, q.at_ms);
        f.intents[q.intents.substr(0, q.intents.find(' '))].add(1, q.at_ms);
    }
    std::vector<Form*> forms;
    for (auto& [normalized, form] : by_form) forms.push_back(&form);
    std::sort(forms.begin(), forms.end(), [](const Form* a, const Form* b) {
        return a->count != b->count ? a->count > b->count
               : a->last != b->last ? a->last > b->last
                                    : a->wordings.begin()->first < b->wordings.begin()->first;
    });

    // Each group's forms and an index of its main (first, most frequent) form's rarest words: prefix
    // filtering, as set-similarity joins do it. A form alike to a group's main form shares at least
    // o = max(2, ceil(n/2)) of its n words, so with every word list ordered rarest first, the first n - o + 1
    // words of each share one. Common words ("salary") then sit at the end of the lists and in no
    // prefix, and a form compares with a few groups, not every group that has a common word: the
    // grouping is O(n log n) for real questions instead of O(n^2) (once 5 minutes of CPU for 18,250).
    std::unordered_map<std::string_view, std::uint32_t> id_of;
    std::vector<std::uint32_t> forms_with;  // by word id
    for (Form* form : forms) {
        for (const std::string& w : form->words) {
            auto [it, fresh] = id_of.try_emplace(w, static_cast<std::uint32_t>(id_of.size()));
            if (fresh) forms_with.push_back(0);
            ++forms_with[it->second];
            form->ids.push_back(it->second);
        }
        std::sort(form->ids.begin(), form->ids.end());
    }
    auto rarest_first = [&](const Form& form) {
        std::vector<std::uint32_t> ids = form.ids;
        std::sort(ids.begin(), ids.end(), [&](std::uint32_t a, std::uint32_t b) {
            return forms_with[a] != forms_with[b] ? forms_with[a] < forms_with[b] : a < b;
        });
        const std::size_t n = ids.size();
        const std::size_t overlap = std::max<std::size_t>(2, (n + 1) / 2);
        ids.resize(n > overlap ? n - overlap + 1 : std::min<std::size_t>(n, 1));
        return ids;
    };

    struct Building {
        std::vector<const Form*> forms;
        std::uint64_t count = 0;
    };
    std::vector<Building> groups;
    std::vector<std::vector<std::size_t>> index(forms_with.size());  // prefix word id -> groups
    std::vector<std::size_t> compared_by;  // per group: the last form compared with it, plus one
    for (std::size_t f = 0; f < forms.size(); ++f) {
        const Form* form = forms[f];
        std::size_t best = groups.size();
        const std::vector<std::uint32_t> prefix = rarest_first(*form);
        std::size_t compared = 0;
        for (std::uint32_t w : prefix) {
            for (std::size_t g : index[w]) {
                if (compared == max_compared) break;
                if (compared_by[g] == f + 1) continue;
                compared_by[g] = f + 1;
                ++compared;
                const bool bigger = best == groups.size() || groups[g].count > groups[best].count;
                if (bigger && alike(form->ids, groups[g].forms.front()->ids)) best = g;
            }
        }
        if (best == groups.size()) {
            groups.emplace_back();
            compared_by.push_back(0);
            for (std::uint32_t w : prefix) index[w].push_back(best);
        }
        groups[best].forms.push_back(form);
        groups[best].count += form->count;
    }

    std::vector<QuestionGroup> out;
    for (const Building& b : groups) {
        QuestionGroup g;
        const Form& main = *b.forms.front();
        g.words = main.words;
        g.first_seen_ms = main.first;
        Tally wordings, intents;
        for (const Form* f : b.forms) {
            g.count += f->count;
            g.fallback += f->fallback;
            g.not_covered += f->not_covered;
            g.first_seen_ms = std::min(g.first_seen_ms, f->first);
            g.last_seen_ms = std::max(g.last_seen_ms, f->last);
            for (const auto& [text, seen] : f->wordings) wordings[text].add(seen.count, seen.last);
            for (const auto& [intent, seen] : f->intents) intents[intent].add(seen.count, seen.last);
        }
        g.text = most_first(main.wordings).front();
        for (const std::string& text : most_first(wordings)) {
            if (g.examples.size() == max_examples) break;
            if (text != g.text) g.examples.push_back(text);
        }
        g.intent = most_first(intents).front();
        out.push_back(std::move(g));
    }
    std::stable_sort(out.begin(), out.end(), [](const QuestionGroup& a, const QuestionGroup& b) {
        return a.count != b.count ? a.count > b.count : a.last_seen_ms > b.last_seen_ms;
    });
    return out;
}

}  // namespace analytics
