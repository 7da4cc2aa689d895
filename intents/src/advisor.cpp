#include "intents/advisor.hpp"

#include "intents/catalogue_check.hpp"
#include "intents/intent_loader.hpp"
#include "intents/normalizer.hpp"
#include "intents/responder.hpp"
#include "knowledge/knowledge_loader.hpp"

namespace intents {

const Intent* Advisor::find_intent(std::string_view id) const {
    for (const Intent& intent : intents) {
        if (intent.id == id) return &intent;
    }
    return nullptr;
}

knowledge::LoadResult<AdvisorPtr> load_advisor(const std::filesystem::path& knowledge_dir,
                                               const std::filesystem::path& intents_dir,
                                               std::size_t answer_cache_bytes) {
    auto kb = knowledge::load_knowledge(knowledge_dir);
    auto data = load_intent_data(intents_dir);
    std::vector<std::string> errors = kb.errors;
    errors.insert(errors.end(), data.errors.begin(), data.errors.end());
    if (!kb.ok() || !data.ok()) return knowledge::LoadResult<AdvisorPtr>::failure(std::move(errors));

    auto references = check_references(*data.value, *kb.value);
    auto values = check_entity_values(*kb.value, data.value->entity_kinds, data.value->years_bands,
                                      (intents_dir / "entities.json").string());
    auto matcher = Matcher::build(data.value->intents);
    errors.insert(errors.end(), references.begin(), references.end());
    errors.insert(errors.end(), values.begin(), values.end());
    errors.insert(errors.end(), matcher.errors.begin(), matcher.errors.end());
    if (!errors.empty()) return knowledge::LoadResult<AdvisorPtr>::failure(std::move(errors));

    IntentData& d = *data.value;
    std::vector<std::string> excluding =
        d.lexicon.excluding;  // d.lexicon is moved before the extractor is made
    auto advisor =
        std::make_shared<Advisor>(Advisor{std::move(*kb.value),
                                          std::move(d.intents),
                                          std::move(d.lexicon),
                                          {},
                                          EntityExtractor(std::move(d.entity_kinds), std::move(d.years_bands),
                                                          std::move(excluding), std::move(d.other_years)),
                                          std::move(*matcher.value),
                                          std::move(d.style),
                                          {},
                                          nullptr,
                                          {}});
    LexiconWords translating = advisor->lexicon;
    for (const auto& [word, english] : translating.translations) translating.shorthand[word] = english;
    advisor->translating = Lexicon(std::move(translating));
    // Built here, once the facts sit where they will stay: passages point at them.
    advisor->passages = PassageIndex(advisor->knowledge, advisor->intents, advisor->lexicon,
                                     TermRules(advisor->lexicon, advisor->lexicon.synonyms));
    std::map<std::string, Advisor::ChipTarget> targets;
    for (const Intent& intent : advisor->intents) {
        // Chips are the suggestions, and each intent's first example (offered for near misses).
        std::vector<std::string> chips = intent.suggestions;
        if (!intent.examples.empty()) chips.push_back(intent.examples.front());
        for (const std::string& chip : chips) {
            if (targets.contains(chip)) continue;
            const Answer answer = respond(*advisor, {}, chip, 0);
            targets[chip] =
                Advisor::ChipTarget{normalize(chip, advisor->lexicon), answer.intent, answer.entities};
        }
    }
    advisor->chip_targets = std::move(targets);
    if (answer_cache_bytes > 0) advisor->answers = std::make_shared<AnswerCache>(answer_cache_bytes);
    return knowledge::LoadResult<AdvisorPtr>::success(AdvisorPtr(std::move(advisor)));
}

std::string summary(const Advisor& advisor) {
    std::size_t values = 0;
    for (const EntityKind& kind : advisor.entities.kinds()) values += kind.values.size();
    return std::to_string(advisor.knowledge.sources().size()) + " sources, " +
           std::to_string(advisor.knowledge.facts().size()) + " facts, " +
           std::to_string(advisor.intents.size()) + " intents, " +
           std::to_string(advisor.matcher.pattern_count()) + " patterns, " + std::to_string(values) +
           " entity values";
}

}  // namespace intents
