#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace intents {

// Writes JSON text straight into a string: for the replies sent on every answer, where building a
// nlohmann tree and dumping it cost more than finding the answer. The caller writes a well-formed
// sequence (a key before each value inside an object, ends matching begins); the writer places the
// commas. Strings are escaped as nlohmann's dump() does (no \u escapes beyond control characters);
// invalid UTF-8 becomes U+FFFD instead of throwing, so no text can fail a reply.
class JsonWriter {
  public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);

    JsonWriter& string(std::string_view text);
    JsonWriter& integer(std::int64_t value);
    // Whole values as integers (140000, not 140000.0), others in the shortest form that reads back
    // the same (7.5); non-finite values, which JSON cannot hold, as null.
    JsonWriter& number(double value);
    JsonWriter& boolean(bool value);
    JsonWriter& null();
    // An already serialised JSON value, or members of the object begun ("a":1,"b":2), written as it is.
    JsonWriter& raw(std::string_view json);

  private:
    void separate();

    std::string& out_;
    bool need_comma_ = false;
};

}  // namespace intents
