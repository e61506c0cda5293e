// SPDX-License-Identifier: Apache-2.0
#include "asn1/store_metadata.h"

#include <gtest/gtest.h>

#include "samples.h"
#include "session.h"
#include "strictness.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;
using testing::hex_of;

TEST(StoreMetadataRequest, when_fixture_decoded_then_fields_match) {
  for (const char* name : testing::kSessions) {
    const Bytes der = smdp::testing::session_message(name, "storeMetadataRequest.der");
    auto m = StoreMetadataRequestView::decode(der);
    ASSERT_TRUE(m) << m.error().message();
    EXPECT_EQ(hex_of(m->iccid), "98001032547698103214");
    EXPECT_EQ(m->service_provider_name, "Fixture SP");
    EXPECT_EQ(m->profile_name, "TS.48 GTP fixture");
    EXPECT_EQ(m->profile_class, kProfileClassTest);
    EXPECT_FALSE(m->icon_type);
    EXPECT_FALSE(m->notification_configuration_info);
    EXPECT_FALSE(m->profile_owner);
    EXPECT_FALSE(m->profile_policy_rules);
  }
}

TEST(StoreMetadataRequest, when_every_optional_present_then_round_trip) {
  const Bytes der = testing::full_store_metadata().encode();
  auto m = StoreMetadataRequestView::decode(der);
  ASSERT_TRUE(m) << m.error().message();
  EXPECT_EQ(*m->icon_type, 1u);
  EXPECT_EQ(hex_of(*m->icon), "89504e47");
  EXPECT_EQ(m->profile_class, kProfileClassProvisioning);
  ASSERT_EQ(m->notification_configuration_info->size(), 2u);
  const auto& second = (*m->notification_configuration_info)[1];
  EXPECT_EQ(second.notification_address, "other.example.com");
  EXPECT_TRUE(has_bit(second.profile_management_operation, 3));
  EXPECT_EQ(hex_of(m->profile_owner->mcc_mnc), "21f354");
  EXPECT_EQ(hex_of(*m->profile_owner->gid2), "02");
  EXPECT_TRUE(has_bit(*m->profile_policy_rules, 2));
  EXPECT_EQ(hex_of(*m->service_specific_data_stored_in_euicc), "3009800388370aa1020400");
  EXPECT_EQ(to_hex(m->encode()), to_hex(der));
  testing::expect_strict(testing::codec_of<StoreMetadataRequestView>(), der);
}

TEST(StoreMetadataRequest, when_profile_class_is_the_default_then_omitted_and_explicit_rejected) {
  StoreMetadataRequest m{
      .iccid = hex("98001032547698103214"), .service_provider_name = "SP", .profile_name = "P"};
  const Bytes der = m.encode();
  EXPECT_EQ(to_hex(der),
            "bf25135a0a98001032547698103214"
            "91025350920150");
  auto decoded = StoreMetadataRequestView::decode(der);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->profile_class, kProfileClassOperational);
  testing::expect_strict(testing::codec_of<StoreMetadataRequestView>(), der);

  Bytes explicit_default =
      hex("bf25165a0a98001032547698103214"
          "91025350920150"
          "950102");
  auto rejected = StoreMetadataRequestView::decode(explicit_default);
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().code, Errc::default_value_encoded);
}

TEST(StoreMetadataRequest, when_sizes_exceed_constraints_then_rejected) {
  StoreMetadataRequest name33 = testing::full_store_metadata();
  name33.service_provider_name = std::string(33, 'x');
  StoreMetadataRequest icon1025 = testing::full_store_metadata();
  icon1025.icon = Bytes(1025, 0);
  StoreMetadataRequest iccid9 = testing::full_store_metadata();
  iccid9.iccid = hex("980010325476981032");
  StoreMetadataRequest mcc2 = testing::full_store_metadata();
  mcc2.profile_owner->mcc_mnc = hex("21f3");
  for (const auto* m : {&name33, &icon1025, &iccid9, &mcc2}) {
    auto decoded = StoreMetadataRequestView::decode(m->encode());
    ASSERT_FALSE(decoded);
    EXPECT_EQ(decoded.error().code, Errc::size_constraint) << decoded.error().message();
  }
  StoreMetadataRequest name32 = testing::full_store_metadata();
  name32.service_provider_name = std::string(32, 'x');
  EXPECT_TRUE(StoreMetadataRequestView::decode(name32.encode()));
}

TEST(StoreMetadataRequest, when_service_specific_data_not_a_sequence_of_sequences_then_rejected) {
  StoreMetadataRequest m = testing::full_store_metadata();
  m.service_specific_data_stored_in_euicc = hex("0400");
  EXPECT_FALSE(StoreMetadataRequestView::decode(m.encode()));
}

}  // namespace
}  // namespace smdp::asn1
