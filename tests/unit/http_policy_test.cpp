#include <gtest/gtest.h>
#include <zlib.h>

#include "server/http_policy.hpp"

using namespace server;

TEST(OriginPolicy, ProgramsWithoutOriginMayConnect) { EXPECT_TRUE(origin_allowed("", "127.0.0.1:8080", {})); }

TEST(OriginPolicy, SameOriginIsAllowedByDefault) {
    EXPECT_TRUE(origin_allowed("http://127.0.0.1:8080", "127.0.0.1:8080", {}));
    EXPECT_TRUE(origin_allowed("https://Advisor.example", "advisor.example", {}));
}

TEST(OriginPolicy, OtherOriginsNeedToBeListed) {
    EXPECT_FALSE(origin_allowed("http://127.0.0.1:9000", "127.0.0.1:8080", {}));
    EXPECT_FALSE(origin_allowed("https://evil.example", "advisor.example", {"https://shop.example"}));
    EXPECT_TRUE(origin_allowed("https://shop.example", "advisor.example", {"https://shop.example"}));
    EXPECT_FALSE(origin_allowed("null", "advisor.example", {}));
}

TEST(OriginPolicy, PortIsPartOfTheOrigin) {
    EXPECT_FALSE(origin_allowed("https://shop.example:8443", "advisor.example", {"https://shop.example"}));
}

TEST(EntityTag, DependsOnContentOnly) {
    EXPECT_EQ(entity_tag("abc"), entity_tag("abc"));
    EXPECT_NE(entity_tag("abc"), entity_tag("abd"));
    EXPECT_EQ(entity_tag("abc").size(), 18u);
    EXPECT_EQ(entity_tag("abc").front(), '"');
}

TEST(EntityTag, IfNoneMatchAcceptsListsWeakTagsAndStar) {
    const std::string tag = entity_tag("x");
    EXPECT_TRUE(etag_matches(tag, tag));
    EXPECT_TRUE(etag_matches("\"other\", " + tag, tag));
    EXPECT_TRUE(etag_matches("W/" + tag, tag));
    EXPECT_TRUE(etag_matches("*", tag));
    EXPECT_FALSE(etag_matches("\"other\"", tag));
    EXPECT_FALSE(etag_matches("", tag));
}

TEST(AcceptEncoding, GzipUnlessRefused) {
    EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
    EXPECT_TRUE(accepts_gzip("br;q=1.0, gzip;q=0.8"));
    EXPECT_TRUE(accepts_gzip("*"));
    EXPECT_FALSE(accepts_gzip("gzip;q=0"));
    EXPECT_FALSE(accepts_gzip("*, gzip;q=0"));
    EXPECT_FALSE(accepts_gzip("br"));
    EXPECT_FALSE(accepts_gzip(""));
}

TEST(Gzip, RoundTripsThroughZlib) {
    const std::string text(10000, 'a');
    const std::string zipped = gzip(text);
    EXPECT_LT(zipped.size(), 200u);
    EXPECT_EQ(static_cast<unsigned char>(zipped[0]), 0x1f);  // gzip magic
    EXPECT_EQ(static_cast<unsigned char>(zipped[1]), 0x8b);
    std::string back(text.size(), '\0');
    z_stream s{};
    ASSERT_EQ(inflateInit2(&s, 15 + 16), Z_OK);
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zipped.data()));
    s.avail_in = static_cast<uInt>(zipped.size());
    s.next_out = reinterpret_cast<Bytef*>(back.data());
    s.avail_out = static_cast<uInt>(back.size());
    EXPECT_EQ(inflate(&s, Z_FINISH), Z_STREAM_END);
    inflateEnd(&s);
    EXPECT_EQ(back, text);
}

TEST(SecurityPolicy, AllowsNoInlineScript) {
    const std::string csp(page_security_policy());
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(csp.find("script-src 'self' 'unsafe-inline'"), std::string::npos);
}
