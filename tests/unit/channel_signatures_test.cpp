#include <gtest/gtest.h>

#include "channels/form.hpp"
#include "channels/signatures.hpp"

// Signatures as each platform documents them, checked against the platforms' own published examples.

using namespace channels;

namespace {

// docs.slack.dev, "Verifying requests from Slack": the worked example.
constexpr const char* slack_secret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr const char* slack_timestamp = "1531420618";
constexpr const char* slack_body =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_"
    "name=foobar"
    "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%"
    "2Fhooks.slack.com"
    "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
    "803a0bc887a14d10d2c447fce8b6703c";
constexpr const char* slack_expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
constexpr std::int64_t slack_now = 1531420618 + 60;

// Twilio, "Webhooks security": the documented example (auth token 12345).
const FormFields twilio_params = {{"CallSid", "CA1234567890ABCDE"},
                                  {"Caller", "+14158675309"},
                                  {"Digits", "1234"},
                                  {"From", "+14158675309"},
                                  {"To", "+18005551212"}};
constexpr const char* twilio_url = "https://mycompany.com/myapp.php?foo=1&bar=2";
constexpr const char* twilio_expected = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

}  // namespace

TEST(SlackSignature, ReproducesSlacksPublishedExample) {
    EXPECT_EQ(slack_signature(slack_secret, slack_timestamp, slack_body), slack_expected);
    EXPECT_EQ(check_slack(slack_secret, slack_timestamp, slack_expected, slack_body, slack_now),
              Signature::valid);
}

TEST(SlackSignature, AChangedBodyOrSecretIsWrong) {
    std::string body = slack_body;
    body.replace(body.find("text="), 5, "text=x");
    EXPECT_EQ(check_slack(slack_secret, slack_timestamp, slack_expected, body, slack_now), Signature::wrong);
    EXPECT_EQ(check_slack("another-secret", slack_timestamp, slack_expected, slack_body, slack_now),
              Signature::wrong);
    EXPECT_EQ(check_slack(slack_secret, "1531420619", slack_expected, slack_body, slack_now),
              Signature::wrong);
    EXPECT_EQ(check_slack(slack_secret, "15314x", slack_expected, slack_body, slack_now), Signature::wrong);
}

// Signed timestamps at the ends of int64 once overflowed the skew check (undefined behaviour: never stale).
TEST(SlackSignature, ExtremeTimestampsAreStaleNotValid) {
    for (const char* timestamp : {"-9223372036854775808", "9223372036854775807", "-1", "0"}) {
        const std::string signature = slack_signature(slack_secret, timestamp, slack_body);
        EXPECT_EQ(check_slack(slack_secret, timestamp, signature, slack_body, slack_now), Signature::stale)
            << timestamp;
    }
    EXPECT_EQ(check_slack(slack_secret, "9223372036854775808", "v0=x", slack_body, slack_now),
              Signature::wrong)
        << "past int64: not a timestamp";
}

TEST(SlackSignature, OlderOrNewerThanFiveMinutesIsStale) {
    EXPECT_EQ(check_slack(slack_secret, slack_timestamp, slack_expected, slack_body, 1531420618 + 300),
              Signature::valid);
    EXPECT_EQ(check_slack(slack_secret, slack_timestamp, slack_expected, slack_body, 1531420618 + 301),
              Signature::stale);
    EXPECT_EQ(check_slack(slack_secret, slack_timestamp, slack_expected, slack_body, 1531420618 - 301),
              Signature::stale);
}

TEST(SlackSignature, NoHeaderIsMissing) {
    EXPECT_EQ(check_slack(slack_secret, "", slack_expected, slack_body, slack_now), Signature::missing);
    EXPECT_EQ(check_slack(slack_secret, slack_timestamp, "", slack_body, slack_now), Signature::missing);
}

TEST(TwilioSignature, ReproducesTwiliosDocumentedExample) {
    EXPECT_EQ(twilio_signature("12345", twilio_url, twilio_params), twilio_expected);
    EXPECT_EQ(check_twilio("12345", twilio_url, twilio_params, twilio_expected), Signature::valid);
}

TEST(TwilioSignature, ParametersAreSortedByName) {
    FormFields shuffled(twilio_params.rbegin(), twilio_params.rend());
    EXPECT_EQ(twilio_signature("12345", twilio_url, shuffled), twilio_expected);
}

TEST(TwilioSignature, AnotherUrlParameterOrTokenIsWrong) {
    FormFields changed = twilio_params;
    changed[2].second = "9999";
    EXPECT_EQ(check_twilio("12345", twilio_url, changed, twilio_expected), Signature::wrong);
    EXPECT_EQ(
        check_twilio("12345", "https://mycompany.com/myapp.php?foo=1&bar=3", twilio_params, twilio_expected),
        Signature::wrong);
    EXPECT_EQ(check_twilio("54321", twilio_url, twilio_params, twilio_expected), Signature::wrong);
    EXPECT_EQ(check_twilio("12345", twilio_url, twilio_params, ""), Signature::missing);
}

TEST(TwilioDeliveryKey, IsTheSameForWhatIsSignedTheSameAndOnlyThen) {
    FormFields resplit = twilio_params;  // "CallSid=CA12..." re-sent as "CallSidC=A12...": signed the same
    resplit[0] = {"CallSidC", "A1234567890ABCDE"};
    EXPECT_EQ(twilio_delivery_key(resplit), twilio_delivery_key(twilio_params));
    FormFields shuffled(twilio_params.rbegin(), twilio_params.rend());
    EXPECT_EQ(twilio_delivery_key(shuffled), twilio_delivery_key(twilio_params));
    FormFields changed = twilio_params;
    changed[0].second += "0";
    EXPECT_NE(twilio_delivery_key(changed), twilio_delivery_key(twilio_params));
}

TEST(TelegramSecret, MustMatchExactly) {
    EXPECT_EQ(check_telegram("s3cret_token-1", "s3cret_token-1"), Signature::valid);
    EXPECT_EQ(check_telegram("s3cret_token-1", "s3cret_token-2"), Signature::wrong);
    EXPECT_EQ(check_telegram("s3cret_token-1", "s3cret_token-"), Signature::wrong);
    EXPECT_EQ(check_telegram("s3cret_token-1", ""), Signature::missing);
}

TEST(Form, DecodesPlusAndPercentEscapesInOrder) {
    const auto form = parse_form("text=what+do+devs+earn%3F&user_id=U1&text=second&flag");
    ASSERT_TRUE(form);
    ASSERT_EQ(form->size(), 4u);
    EXPECT_EQ((*form)[0], (std::pair<std::string, std::string>{"text", "what do devs earn?"}));
    EXPECT_EQ(form_value(*form, "text"), "what do devs earn?");
    EXPECT_EQ(form_value(*form, "user_id"), "U1");
    EXPECT_EQ(form_value(*form, "flag"), "");
    EXPECT_EQ(form_value(*form, "absent"), "");
}

TEST(Form, RefusesABrokenEscape) {
    EXPECT_FALSE(parse_form("text=100%"));
    EXPECT_FALSE(parse_form("text=%4"));
    EXPECT_FALSE(parse_form("text=%zz"));
}

TEST(Sha256, IsTheStandardDigest) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
