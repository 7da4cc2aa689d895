#include "intents/json_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "intents/utf8.hpp"

namespace intents {

namespace {

// Bytes that are copied as they are: ASCII from space to DEL but '"' and '\\'. One table load per byte
// instead of four comparisons: every reply's text passes through here.
constexpr std::array<bool, 256> plain_bytes = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c) plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return plain;
}();

// True when any of eight bytes is not plain: under 0x20, '"', '\\' or 0x80 and over (bit tricks that test
// all eight at once; exact as a yes/no, which is all the caller needs).
bool any_not_plain(std::uint64_t bytes) {
    constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    const auto any_zero = [](std::uint64_t x) { return ((x - ones) & ~x & high) != 0; };
    const bool any_control = ((bytes - ones * 0x20) & ~bytes & high) != 0;
    return any_control || (bytes & high) != 0 || any_zero(bytes ^ (ones * '"')) ||
           any_zero(bytes ^ (ones * '\\'));
}

// The end of the plain bytes from `i`: eight at a time, then one by one in the eight that hold the end.
std::size_t plain_until(std::string_view text, std::size_t i) {
    for (;;) {
        for (std::uint64_t bytes; i + 8 <= text.size(); i += 8) {
            std::memcpy(&bytes, text.data() + i, 8);
            if (any_not_plain(bytes)) break;
        }
        const std::size_t stop = std::min(i + 8, text.size());
        while (i < stop && plain_bytes[static_cast<unsigned char>(text[i])]) ++i;
        if (i < stop || i == text.size()) return i;
    }
}

void escape_into(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    std::size_t run = 0;  // start of the bytes that need no escaping, appended in one go
    const auto flush = [&](std::size_t end) { out.append(text.data() + run, end - run); };
    for (std::size_t i = 0; i < text.size();) {
        i = plain_until(text, i);
        if (i == text.size()) break;
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const std::size_t n = utf8_sequence(text, i);
            if (n != 0) {
                i += n;
                continue;
            }
            flush(i);
            out += "\xEF\xBF\xBD";
            run = ++i;
            continue;
        }
        flush(i);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xF];
        }
        run = ++i;
    }
    flush(text.size());
}

}  // namespace

void JsonWriter::separate() {
    if (need_comma_) out_ += ',';
}

JsonWriter& JsonWriter::begin_object() {
    separate();
    out_ += '{';
    need_comma_ = false;
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    out_ += '}';
    need_comma_ = true;
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    separate();
    out_ += '[';
    need_comma_ = false;
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    out_ += ']';
    need_comma_ = true;
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    string(name);
    out_ += ':';
    need_comma_ = false;
    return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
    separate();
    out_ += '"';
    escape_into(out_, text);
    out_ += '"';
    need_comma_ = true;
    return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t value) {
    separate();
    char buffer[24];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out_.append(buffer, end);
    need_comma_ = true;
    return *this;
}

JsonWriter& JsonWriter::number(double value) {
    if (!std::isfinite(value)) return null();
    // Within ±2^53 a whole double is an exact integer; beyond, to_chars' shortest form is right.
    if (std::abs(value) < 9007199254740992.0 && value == std::trunc(value)) {
        return integer(static_cast<std::int64_t>(value));
    }
    separate();
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out_.append(buffer, end);
    need_comma_ = true;
    return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
    separate();
    out_ += value ? "true" : "false";
    need_comma_ = true;
    return *this;
}

JsonWriter& JsonWriter::null() {
    separate();
    out_ += "null";
    need_comma_ = true;
    return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
    separate();
    out_ += json;
    need_comma_ = true;
    return *this;
}

}  // namespace intents
