// SPDX-License-Identifier: Apache-2.0
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

}  // namespace
}  // namespace smdp::core
