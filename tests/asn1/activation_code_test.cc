// SPDX-License-Identifier: Apache-2.0
#include "asn1/activation_code.h"

#include <gtest/gtest.h>

#include "testdata_json.h"

namespace smdp::asn1 {
namespace {

std::vector<std::string> kat_codes() {
  return smdp::testing::bsp_kat().at("activation_codes_roundtrip").get<std::vector<std::string>>();
}

std::error_code code_of(std::string_view text) {
  auto r = parse_activation_code(text);
  return r ? std::error_code{} : r.error().code;
}

TEST(ActivationCode, when_kat_codes_parsed_then_format_gives_them_back) {
  const auto codes = kat_codes();
  ASSERT_FALSE(codes.empty());
  for (const auto& text : codes) {
    auto code = parse_activation_code(text);
    ASSERT_TRUE(code) << text << ": " << code.error().message();
    EXPECT_EQ(code->smdp_address, "SMDP.GSMA.COM");
    auto again = format_activation_code(*code);
    ASSERT_TRUE(again) << text;
    EXPECT_EQ(*again, text);
  }
}

TEST(ActivationCode, when_all_fields_present_then_each_is_parsed) {
  auto code = parse_activation_code("1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746$1");
  ASSERT_TRUE(code);
  EXPECT_EQ(code->matching_id, "04386-AGYFT-A74Y8-3F815");
  EXPECT_EQ(code->smdp_oid, "1.3.6.1.4.1.31746");
  EXPECT_TRUE(code->confirmation_code_required);
}

TEST(ActivationCode, when_empty_oid_before_flag_then_kept_empty) {
  auto code = parse_activation_code("1$SMDP.GSMA.COM$MID$$1");
  ASSERT_TRUE(code);
  EXPECT_TRUE(code->smdp_oid.empty());
  EXPECT_TRUE(code->confirmation_code_required);
}

TEST(ActivationCode, when_empty_matching_id_then_accepted) {
  auto code = parse_activation_code("1$SMDP.GSMA.COM$");
  ASSERT_TRUE(code);
  EXPECT_TRUE(code->matching_id.empty());
  EXPECT_EQ(*format_activation_code(*code), "1$SMDP.GSMA.COM$");
}

TEST(ActivationCode, when_format_not_1_then_unsupported) {
  EXPECT_EQ(code_of("2$SMDP.GSMA.COM$MID"), ActivationCodeErrc::unsupported_format);
  EXPECT_EQ(code_of("$SMDP.GSMA.COM$MID"), ActivationCodeErrc::unsupported_format);
  EXPECT_EQ(code_of("LPA:1$SMDP.GSMA.COM$MID"), ActivationCodeErrc::unsupported_format);
  EXPECT_EQ(code_of(""), ActivationCodeErrc::unsupported_format);
}

TEST(ActivationCode, when_address_empty_or_not_fqdn_then_rejected) {
  EXPECT_EQ(code_of("1$$MID"), ActivationCodeErrc::empty_address);
  EXPECT_EQ(code_of("1$smdp example.com$MID"), ActivationCodeErrc::invalid_address);
  EXPECT_EQ(code_of("1$.example.com$MID"), ActivationCodeErrc::invalid_address);
  EXPECT_EQ(code_of("1$smdp..example.com$MID"), ActivationCodeErrc::invalid_address);
  EXPECT_EQ(code_of("1$smdp.example.com.$MID"), ActivationCodeErrc::invalid_address);
}

TEST(ActivationCode, when_field_count_wrong_then_rejected) {
  EXPECT_EQ(code_of("1"), ActivationCodeErrc::missing_field);
  EXPECT_EQ(code_of("1$SMDP.GSMA.COM"), ActivationCodeErrc::missing_field);
  EXPECT_EQ(code_of("1$SMDP.GSMA.COM$MID$1.2.3$1$x"), ActivationCodeErrc::too_many_fields);
  EXPECT_EQ(code_of("1$SMDP.GSMA.COM$MID$1.2.3$1$"), ActivationCodeErrc::too_many_fields);
}

TEST(ActivationCode, when_flag_not_1_then_invalid_flag) {
  for (const char* text :
       {"1$A.COM$M$1.2.3$0", "1$A.COM$M$1.2.3$", "1$A.COM$M$1.2.3$11", "1$A.COM$M$$true"}) {
    EXPECT_EQ(code_of(text), ActivationCodeErrc::invalid_flag) << text;
  }
}

TEST(ActivationCode, when_oid_malformed_or_trailing_empty_then_rejected) {
  EXPECT_EQ(code_of("1$A.COM$M$1.3.x"), ActivationCodeErrc::invalid_oid);
  EXPECT_EQ(code_of("1$A.COM$M$7.1"), ActivationCodeErrc::invalid_oid);
  EXPECT_EQ(code_of("1$A.COM$M$"), ActivationCodeErrc::empty_trailing_field);
}

TEST(ActivationCode, when_control_character_then_rejected) {
  EXPECT_EQ(code_of("1$A.COM$M\nX"), ActivationCodeErrc::invalid_character);
}

TEST(ActivationCode, when_formatting_a_field_with_dollar_then_rejected) {
  ActivationCode code{"A.COM", "M$X", "", false};
  auto text = format_activation_code(code);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ActivationCodeErrc::invalid_character);
  code.matching_id = "MX";
  code.smdp_oid = "1.2$3";
  EXPECT_FALSE(format_activation_code(code));
  code.smdp_oid.clear();
  code.smdp_address.clear();
  EXPECT_EQ(format_activation_code(code).error().code, ActivationCodeErrc::empty_address);
}

TEST(ActivationCode, when_flag_without_oid_then_formats_empty_oid_field) {
  ActivationCode code{"A.COM", "MID", "", true};
  EXPECT_EQ(*format_activation_code(code), "1$A.COM$MID$$1");
}

// §4.1: the QR code carries "LPA:" and the code; an LPA takes either form.
TEST(ActivationCode, when_put_in_a_qr_code_then_lpa_prefix_and_stripped_back) {
  EXPECT_EQ(qr_payload("1$A.COM$MID"), "LPA:1$A.COM$MID");
  EXPECT_EQ(without_qr_prefix("LPA:1$A.COM$MID"), "1$A.COM$MID");
  EXPECT_EQ(without_qr_prefix("1$A.COM$MID"), "1$A.COM$MID");
  EXPECT_TRUE(parse_activation_code(without_qr_prefix(qr_payload("1$A.COM$MID"))));
  EXPECT_FALSE(parse_activation_code("LPA:1$A.COM$MID"));  // the prefix is not part of the code
}

}  // namespace
}  // namespace smdp::asn1
