#include "server/http_policy.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

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
    EXPECT_TRUE(accepts_coding("gzip, deflate, br", "gzip"));
    EXPECT_TRUE(accepts_coding("br;q=1.0, gzip;q=0.8", "gzip"));
    EXPECT_TRUE(accepts_coding("*", "gzip"));
    EXPECT_FALSE(accepts_coding("gzip;q=0", "gzip"));
    EXPECT_FALSE(accepts_coding("*, gzip;q=0", "gzip"));
    EXPECT_FALSE(accepts_coding("br", "gzip"));
    EXPECT_FALSE(accepts_coding("", "gzip"));
}

TEST(AcceptEncoding, BrotliWhenNamedOrAnyUnlessRefused) {
    EXPECT_TRUE(accepts_coding("gzip, deflate, br", "br"));
    EXPECT_TRUE(accepts_coding("BR;q=0.5", "br"));
    EXPECT_TRUE(accepts_coding("*", "br"));
    EXPECT_FALSE(accepts_coding("br;q=0", "br"));
    EXPECT_FALSE(accepts_coding("*, br;q=0.0", "br"));
    EXPECT_FALSE(accepts_coding("gzip, deflate", "br")) << "curl --compressed without Brotli";
    EXPECT_FALSE(accepts_coding("", "br"));
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

TEST(OriginPolicy, SchemeHostAndPortAreAllCompared) {
    EXPECT_TRUE(origin_allowed("https://shop.example:443", "advisor.example", {"https://shop.example"}));
    EXPECT_TRUE(origin_allowed("https://SHOP.example", "advisor.example", {"https://shop.example:443"}));
    EXPECT_FALSE(origin_allowed("http://shop.example", "advisor.example", {"https://shop.example"}));
    EXPECT_FALSE(origin_allowed("https://shop.example.evil", "advisor.example", {"https://shop.example"}));
    EXPECT_TRUE(origin_allowed("http://advisor.example:80", "advisor.example", {}));
    EXPECT_FALSE(origin_allowed("http://advisor.example:8080", "advisor.example", {}));
    EXPECT_TRUE(origin_allowed("http://[::1]:8080", "[::1]:8080", {}));
}

TEST(OriginPolicy, AnythingButSchemeHostAndPortIsNoOrigin) {
    EXPECT_FALSE(parse_origin("https://shop.example/path"));
    EXPECT_FALSE(parse_origin("https://user@shop.example"));
    EXPECT_FALSE(parse_origin("ftp://shop.example"));
    EXPECT_FALSE(parse_origin("https://shop.example:99999"));
    EXPECT_FALSE(parse_origin("https://"));
    EXPECT_FALSE(parse_origin("null"));
    ASSERT_TRUE(parse_origin("HTTPS://Shop.Example"));
    EXPECT_EQ(parse_origin("HTTPS://Shop.Example")->port, 443);
    EXPECT_EQ(parse_origin("HTTPS://Shop.Example")->host, "shop.example");
}

namespace {
AdminRequest direct_loopback() {
    AdminRequest r;
    r.loopback = true;
    r.host = "127.0.0.1:8080";
    return r;
}
}  // namespace

TEST(AdminAccess, WithoutATokenOnlyADirectLoopbackClient) {
    EXPECT_EQ(admin_access("", direct_loopback()), AdminVerdict::allowed);
    AdminRequest remote = direct_loopback();
    remote.loopback = false;
    EXPECT_EQ(admin_access("", remote), AdminVerdict::needs_token);
    remote.authorization = "Bearer ";
    EXPECT_EQ(admin_access("", remote), AdminVerdict::needs_token);
    AdminRequest proxied = direct_loopback();
    proxied.forwarded = true;  // nginx on the same host: every client looks like loopback
    EXPECT_EQ(admin_access("", proxied), AdminVerdict::needs_token);
}

TEST(AdminAccess, WithATokenItIsAlwaysRequiredEvenFromLoopback) {
    EXPECT_EQ(admin_access("s3cret", direct_loopback()), AdminVerdict::needs_token);
    AdminRequest wrong = direct_loopback();
    wrong.authorization = "Bearer wrong!";
    EXPECT_EQ(admin_access("s3cret", wrong), AdminVerdict::wrong_token);
    AdminRequest right = direct_loopback();
    right.loopback = false;
    right.authorization = "Bearer s3cret";
    EXPECT_EQ(admin_access("s3cret", right), AdminVerdict::allowed);
}

TEST(AdminAccess, BrowserShapedCrossSiteRequestsAreRefused) {
    AdminRequest foreign = direct_loopback();
    foreign.origin = "https://evil.example";
    EXPECT_EQ(admin_access("", foreign), AdminVerdict::foreign_origin);
    AdminRequest form = direct_loopback();
    form.content_type = "text/plain;charset=UTF-8";
    EXPECT_EQ(admin_access("", form), AdminVerdict::browser_form);
    form.content_type = "application/x-www-form-urlencoded";
    EXPECT_EQ(admin_access("", form), AdminVerdict::browser_form);
    AdminRequest own_page = direct_loopback();
    own_page.origin = "http://127.0.0.1:8080";
    own_page.content_type = "application/json";
    EXPECT_EQ(admin_access("", own_page), AdminVerdict::allowed);
}

TEST(AdminAccess, WithoutATokenTheHostMustBeALoopbackName) {
    AdminRequest rebound = direct_loopback();
    rebound.host = "evil.example:8080";
    EXPECT_EQ(admin_access("", rebound), AdminVerdict::foreign_host);
    for (const char* host : {"localhost:8080", "127.0.0.1", "[::1]:8080", "127.1.2.3:80"}) {
        AdminRequest ok = direct_loopback();
        ok.host = host;
        EXPECT_EQ(admin_access("", ok), AdminVerdict::allowed) << host;
    }
    // Names that only look like a loopback address resolve wherever their owner points them.
    for (const char* host : {"127.0.0.1.rebind.attacker.example", "127.0.0.1.nip.io:8080", "127.evil.example",
                             "127.0.0.256", "127.0.0", "127.0.0.1.", "1270.0.0.1", "128.0.0.1"}) {
        AdminRequest rebound_name = direct_loopback();
        rebound_name.host = host;
        EXPECT_EQ(admin_access("", rebound_name), AdminVerdict::foreign_host) << host;
    }
}
