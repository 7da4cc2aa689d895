#include "intents/intent.hpp"

namespace intents {

const char* to_string(IntentKind kind) {
    switch (kind) {
        case IntentKind::topic:
            return "topic";
        case IntentKind::gap:
            return "gap";
        case IntentKind::smalltalk:
            return "smalltalk";
        case IntentKind::system:
            return "system";
    }
    return "topic";
}

std::optional<IntentKind> intent_kind_from_string(const std::string& text) {
    for (IntentKind kind : {IntentKind::topic, IntentKind::gap, IntentKind::smalltalk, IntentKind::system}) {
        if (text == to_string(kind)) return kind;
    }
    return std::nullopt;
}

}  // namespace intents
