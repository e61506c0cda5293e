// SPDX-License-Identifier: Apache-2.0
#include "asn1/euicc_info.h"

#include <gtest/gtest.h>

#include "asn1/authenticate_server.h"
#include "asn1/initiate_authentication.h"
#include "samples.h"
#include "session.h"
#include "strictness.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using testing::hex_of;

TEST(EUICCInfo1, when_fixture_decoded_then_fields_match) {
  for (const char* name : testing::kSessions) {
    const testing::Session session{name};
    const Bytes der = session.der("euiccInfo1.der");
    auto info = EUICCInfo1View::decode(der);
    ASSERT_TRUE(info) << info.error().message();
    EXPECT_EQ(hex_of(info->svn), "020300");
    // The CI key the SM-DP+ then picked is the one the eUICC offered.
    const Bytes ok_der = session.der("initiateAuthenticationOkEs9.der");
    auto ok = InitiateAuthenticationOkEs9View::decode(ok_der);
    ASSERT_TRUE(ok);
    ASSERT_EQ(info->euicc_ci_pkid_list_for_verification.size(), 1u);
    EXPECT_EQ(hex_of(info->euicc_ci_pkid_list_for_verification[0]),
              hex_of(ok->euicc_ci_pkid_to_be_used));
    ASSERT_EQ(info->euicc_ci_pkid_list_for_signing.size(), 1u);
    EXPECT_TRUE(info->extensions.empty());
    EXPECT_EQ(hex_of(info->raw), hex_of(der));
  }
}

TEST(EUICCInfo1, when_built_then_encodes_as_spec) {
  EUICCInfo1 info{hex("020500"), {hex("0102")}, {}, {}, {}};
  EXPECT_EQ(to_hex(info.encode()), "bf200d8203020500a90404020102aa00");
}

TEST(EUICCInfo2, when_fixture_decoded_then_fields_match) {
  const Bytes der =
      smdp::testing::session_message("session_nist", "authenticateServerResponse.der");
  auto response = AuthenticateServerResponseView::decode(der);
  ASSERT_TRUE(response);
  const auto& info = std::get<0>(response->result).euicc_signed1.euicc_info2;
  EXPECT_EQ(hex_of(info.profile_version), "020301");
  EXPECT_EQ(hex_of(info.svn), "020300");
  EXPECT_EQ(hex_of(info.euicc_firmware_ver), "230623");
  EXPECT_EQ(hex_of(info.ext_card_resource), "810108820400045bf883022419");
  EXPECT_EQ(hex_of(info.uicc_capability), "067f36f3c0");
  EXPECT_EQ(hex_of(*info.ts102241_version), "0f0100");
  EXPECT_EQ(hex_of(*info.globalplatform_version), "020300");
  EXPECT_TRUE(has_bit(info.rsp_capability, 0));
  EXPECT_TRUE(has_bit(info.rsp_capability, 3));
  EXPECT_FALSE(info.euicc_category);
  EXPECT_TRUE(has_bit(*info.forbidden_profile_policy_rules, 1));
  EXPECT_EQ(hex_of(info.pp_version), "010000");
  EXPECT_EQ(info.sas_acreditation_number, "FIXTURE-SAS-1");
  EXPECT_FALSE(info.certification_data_object);
  EXPECT_FALSE(info.additional_euicc_profile_package_versions);
  testing::expect_strict(testing::codec_of<EUICCInfo2View>(), testing::bytes_of(info.raw));
}

TEST(EUICCInfo2, when_all_optionals_present_then_round_trip) {
  const Bytes der = testing::full_euicc_info2().encode();
  auto info = EUICCInfo2View::decode(der);
  ASSERT_TRUE(info) << info.error().message();
  EXPECT_EQ(*info->euicc_category, 2u);
  EXPECT_EQ(info->certification_data_object->platform_label, "PL");
  EXPECT_EQ(info->certification_data_object->discovery_base_url, "https://dloa.example");
  EXPECT_EQ(*info->tre_product_reference, "TRE-1");
  ASSERT_EQ(info->additional_euicc_profile_package_versions->size(), 2u);
  EXPECT_EQ(hex_of((*info->additional_euicc_profile_package_versions)[1]), "030000");
  EXPECT_EQ(info->euicc_ci_pkid_list_for_signing.size(), 2u);
  EXPECT_EQ(to_hex(info->encode()), to_hex(der));
  testing::expect_strict(testing::codec_of<EUICCInfo2View>(), der);
}

TEST(EUICCInfo2, when_optionals_absent_then_round_trip) {
  const Bytes der = testing::minimal_euicc_info2().encode();
  auto info = EUICCInfo2View::decode(der);
  ASSERT_TRUE(info) << info.error().message();
  EXPECT_FALSE(info->ts102241_version);
  EXPECT_FALSE(info->certification_data_object);
  EXPECT_FALSE(info->additional_euicc_profile_package_versions);
  EXPECT_EQ(to_hex(info->encode()), to_hex(der));
  testing::expect_strict(testing::codec_of<EUICCInfo2View>(), der);
}

TEST(EUICCInfo2, when_version_not_three_octets_then_size_constraint_names_field) {
  EUICCInfo2 info = testing::minimal_euicc_info2();
  info.svn = hex("0205");
  const Bytes der = info.encode();
  auto decoded = EUICCInfo2View::decode(der);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, Errc::size_constraint);
  EXPECT_EQ(decoded.error().context.rfind("EUICCInfo2.svn", 0), 0u) << decoded.error().context;
}

TEST(EUICCInfo2, when_sas_number_over_64_characters_then_rejected) {
  EUICCInfo2 info = testing::minimal_euicc_info2();
  std::string euros;
  for (int i = 0; i < 64; ++i) euros += "\xe2\x82\xac";  // 64 characters, 192 octets
  info.sas_acreditation_number = euros;
  Bytes ok = info.encode();
  EXPECT_TRUE(EUICCInfo2View::decode(ok));
  info.sas_acreditation_number += "x";
  Bytes too_long = info.encode();
  auto decoded = EUICCInfo2View::decode(too_long);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, Errc::size_constraint);
}

TEST(EUICCInfo2, when_unknown_trailing_element_then_kept_and_reencoded) {
  EUICCInfo2 info = testing::full_euicc_info2();
  info.extensions =
      hex("9f2001ff"
          "bf21023000");
  const Bytes der = info.encode();
  auto decoded = EUICCInfo2View::decode(der);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(hex_of(decoded->extensions), "9f2001ffbf21023000");
  EXPECT_EQ(to_hex(decoded->encode()), to_hex(der));
}

TEST(EUICCInfo2, when_trailing_element_reuses_known_tag_then_rejected) {
  EUICCInfo2 info = testing::minimal_euicc_info2();
  info.extensions =
      hex("820302050"
          "0");  // a second svn
  auto decoded = EUICCInfo2View::decode(info.encode());
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, Errc::reused_tag);
}

TEST(EUICCInfo2, when_optional_out_of_order_then_rejected) {
  EUICCInfo2 info = testing::minimal_euicc_info2();
  info.extensions = hex("86030f0100");  // ts102241Version after sasAcreditationNumber
  EXPECT_FALSE(EUICCInfo2View::decode(info.encode()));
}

TEST(EUICCInfo2, when_bit_string_padding_not_zero_then_invalid) {
  EUICCInfo2 info = testing::minimal_euicc_info2();
  info.rsp_capability = hex("0399");
  auto decoded = EUICCInfo2View::decode(info.encode());
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, Errc::invalid_bit_string);
}

}  // namespace
}  // namespace smdp::asn1
