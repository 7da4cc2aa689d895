#include "intents/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

using intents::JsonWriter;
using nlohmann::json;

namespace {

std::string written_string(const std::string& text) {
    std::string out;
    JsonWriter(out).string(text);
    return out;
}

TEST(JsonWriter, PlacesCommasInNestedObjectsAndArrays) {
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.key("a")
        .begin_array()
        .integer(1)
        .string("x")
        .begin_object()
        .end_object()
        .begin_array()
        .end_array()
        .end_array();
    w.key("b").boolean(false);
    w.key("c").null();
    w.key("d").begin_object().key("e").raw("[1,2]").end_object();
    w.end_object();
    EXPECT_EQ(out, R"({"a":[1,"x",{},[]],"b":false,"c":null,"d":{"e":[1,2]}})");
}

// Every ASCII byte, quotes and backslashes among them, escaped exactly as nlohmann's dump() does.
TEST(JsonWriter, EscapesEveryAsciiByteAsNlohmannDoes) {
    for (int c = 0; c < 0x80; ++c) {
        const std::string text = std::string("a") + static_cast<char>(c) + "b";
        EXPECT_EQ(written_string(text), json(text).dump()) << "byte " << c;
    }
}

// Plain text is scanned eight bytes at a time, then byte by byte: a byte that needs escaping is found at
// any offset of texts of every length from 1 to 32 (whole blocks, blocks and a tail, a tail alone).
TEST(JsonWriter, FindsEachByteToEscapeAtAnyOffset) {
    for (std::size_t length = 1; length <= 32; ++length) {
        for (std::size_t at = 0; at < length; ++at) {
            for (int c = 0; c < 0x80; ++c) {
                std::string text(length, 'x');
                text[at] = static_cast<char>(c);
                ASSERT_EQ(written_string(text), json(text).dump())
                    << "byte " << c << " at " << at << " of " << length;
            }
            std::string text(length, 'y');
            text[at] = '\xFF';  // invalid UTF-8: its own replacement
            ASSERT_EQ(written_string(text).substr(at + 1, 3), "\xEF\xBF\xBD")
                << "0xFF at " << at << " of " << length;
            if (at + 2 <= length) {
                text.replace(at, 2, "é");
                ASSERT_EQ(written_string(text), json(text).dump()) << "é at " << at << " of " << length;
            }
        }
    }
}

TEST(JsonWriter, KeepsValidUtf8AsItIs) {
    for (const std::string text :
         {"café", "€100k", "日本語", "emoji 😀 end", "\xF4\x8F\xBF\xBF", "\xEE\x80\x80"}) {
        EXPECT_EQ(written_string(text), json(text).dump()) << text;
    }
}

// Invalid UTF-8 must not fail a reply (nlohmann's dump() would throw): each bad byte becomes U+FFFD.
TEST(JsonWriter, ReplacesInvalidUtf8) {
    EXPECT_EQ(written_string("a\xFF"
                             "b"),
              "\"a\xEF\xBF\xBD"
              "b\"");
    EXPECT_EQ(written_string("\xC3"), "\"\xEF\xBF\xBD\"");                  // cut short at the end
    EXPECT_EQ(written_string("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong '/'
    EXPECT_EQ(written_string("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a surrogate
    EXPECT_EQ(written_string("\xF4\x90\x80\x80").substr(0, 4), "\"\xEF\xBF\xBD");           // over U+10FFFF
    EXPECT_TRUE(json::accept(written_string("x\x80\xBF\xFE\xC2")));
}

// Random strings of valid UTF-8 read back unchanged, whatever they hold.
TEST(JsonWriter, RandomValidTextReadsBackUnchanged) {
    std::mt19937 random(12345);
    const std::string pieces[] = {"\"", "\\", "\n", "\t", "\x01", "\x1F", "\x7F",
                                  "é",  "€",  "😀",  "a",  " ",    "/",    "\xC2\x80"};
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        const int length = static_cast<int>(random() % 20);
        for (int i = 0; i < length; ++i) text += pieces[random() % std::size(pieces)];
        std::string out;
        JsonWriter(out).begin_object().key(text).string(text).end_object();
        const json back = json::parse(out);
        ASSERT_EQ(back.begin().key(), text);
        ASSERT_EQ(back.begin().value().get<std::string>(), text);
    }
}

TEST(JsonWriter, WritesWholeNumbersAsIntegersAndOthersShortest) {
    const auto number = [](double v) {
        std::string out;
        JsonWriter(out).number(v);
        return out;
    };
    EXPECT_EQ(number(140000), "140000");
    EXPECT_EQ(number(-3), "-3");
    EXPECT_EQ(number(7.5), "7.5");
    EXPECT_EQ(number(0.1), "0.1");
    EXPECT_EQ(json::parse(number(1e300)).get<double>(), 1e300);
    EXPECT_EQ(number(std::numeric_limits<double>::infinity()), "null");
    EXPECT_EQ(number(std::numeric_limits<double>::quiet_NaN()), "null");
    std::string out;
    JsonWriter(out).integer(std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(out, "-9223372036854775808");
}

}  // namespace
