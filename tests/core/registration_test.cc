// SPDX-License-Identifier: Apache-2.0
#include "asn1/activation_code.h"
#include "asn1/store_metadata.h"
#include "core/profile_registration.h"
#include "core_fixture.h"
#include "crypto/rng.h"

namespace smdp::core {
namespace {

using testing::CoreTest;

const Bytes& pysim_unique() {
  static const Bytes p =
      smdp::testing::read_file(smdp::testing::testdata("profiles/pysim-upp/TS48V1-A-UNIQUE.der"));
  return p;
}

// The ProfileHeader carries the ICCID in digit order ('8949449999999990023F'H); reading it
// nibble-swapped, as EF.ICCID is coded, registered "989444999999990920" (issue 3 bug).
TEST_F(CoreTest, when_a_package_is_registered_then_its_iccid_is_the_header_digits) {
  EXPECT_EQ(profile_header_iccid(pysim_unique()), "8949449999999990023");
  EXPECT_EQ(profile_header_iccid(testing::ts48_template()), "89000123456789012341");
  ProfileRegistration reg;
  reg.profile_package = pysim_unique();
  auto p = register_profile(*store_, reg, crypto::system_rng(), clock_);
  ASSERT_TRUE(p) << p.error().message();
  EXPECT_EQ(p->iccid, "8949449999999990023");
  auto metadata = asn1::StoreMetadataRequestView::decode(p->profile_metadata);
  ASSERT_TRUE(metadata);
  EXPECT_EQ(to_hex(metadata->iccid), "989444999999990920f3");  // EF.ICCID coding, F-padded
}

TEST_F(CoreTest, when_a_registered_package_fails_validation_then_it_is_refused) {
  Bytes broken = pysim_unique();
  broken.resize(broken.size() - 4);  // the end PE cut short
  ProfileRegistration reg;
  reg.profile_package = broken;
  auto p = register_profile(*store_, reg, crypto::system_rng(), clock_);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, RegistrationErrc::invalid_package);
  auto all = store_->list_profiles();
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->empty());
}

// SGP.22 §4.1: "1$address$matchingId[$SM-DP+ OID[$1]]"; without the flag nothing follows
// the matchingId, with it the absent OID is an empty field ("$$1").
TEST(ActivationCode, when_no_confirmation_code_is_required_then_the_code_has_three_fields) {
  ProfileRecord p;
  p.matching_id = "04386-AGYFT-A74Y8-3F815";
  EXPECT_EQ(activation_code(p, "smdp.example.com"), "1$smdp.example.com$04386-AGYFT-A74Y8-3F815");
}

TEST(ActivationCode, when_a_confirmation_code_is_required_then_the_flag_follows_an_empty_oid) {
  ProfileRecord p;
  p.matching_id = "MID-1";
  p.confirmation_code_hash = Bytes(32, 0xAB);
  const std::string text = activation_code(p, "smdp.example.com");
  EXPECT_EQ(text, "1$smdp.example.com$MID-1$$1");
  auto parsed = asn1::parse_activation_code(text);
  ASSERT_TRUE(parsed) << parsed.error().message();
  EXPECT_TRUE(parsed->confirmation_code_required);
  EXPECT_EQ(parsed->smdp_oid, "");
  EXPECT_EQ(parsed->matching_id, "MID-1");
}

TEST(ActivationCode, when_the_address_is_not_an_fqdn_then_there_is_no_code) {
  ProfileRecord p;
  p.matching_id = "MID-1";
  EXPECT_EQ(activation_code(p, "bad address$"), "");
}

}  // namespace
}  // namespace smdp::core
