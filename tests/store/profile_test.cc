// SPDX-License-Identifier: Apache-2.0
// Profiles in the SQLite store: round trip, unique keys, look-ups, compare-and-swap.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

class ProfileStoreTest : public StoreTest {};

using core::ProfileState;
using core::StoreErrc;

constexpr const char* kEid = "89049032123451234512345678901235";

core::ProfileRecord every_field_set() {
  core::ProfileRecord p = released_profile("8900000000000000001");
  p.state = ProfileState::downloaded;
  p.profile_package = Bytes(5000, 0xA5);
  p.profile_package[0] = 0x00;  // embedded zero bytes survive
  p.eid = kEid;
  p.matching_id = "QR-G-5C-KR-1";
  p.confirmation_code_hash = Bytes(32, 0x11);
  p.confirmation_attempts = 2;
  p.max_confirmation_attempts = 5;
  p.download_attempts = 7;
  p.max_download_attempts = 9;
  p.order_expires_at = at(1'800'000'000);
  p.session_transaction_id = "00112233445566778899aabbccddeeff";
  p.session_expires_at = at(1'700'000'300);
  p.result = "error:8/3";
  p.updated_at = at(1'700'000'123);
  p.bound_euicc_otpk = Bytes(65, 0x04);
  p.bound_package = Bytes(12'700, 0xBF);
  p.bound_until = at(1'700'086'400);
  return p;
}

TEST_P(ProfileStoreTest, when_every_profile_field_set_then_round_trip_is_exact) {
  auto p = every_field_set();
  ASSERT_TRUE(store_->add_profile(p));
  EXPECT_EQ(p.version, 1);
  auto got = store_->get_profile(p.iccid);
  ASSERT_TRUE(got) << got.error().message();
  ASSERT_TRUE(got->has_value());
  expect_same(**got, p);
}

TEST_P(ProfileStoreTest, when_optional_profile_fields_unset_then_they_read_back_unset) {
  auto p = released_profile("8900000000000000002");
  p.profile_metadata.clear();  // empty bytes stay empty, not NULL
  ASSERT_TRUE(store_->add_profile(p));
  auto got = store_->get_profile(p.iccid);
  ASSERT_TRUE(got && got->has_value());
  expect_same(**got, p);
  EXPECT_FALSE((*got)->eid);
  EXPECT_FALSE((*got)->matching_id);
  EXPECT_FALSE((*got)->confirmation_code_hash);
  EXPECT_FALSE((*got)->order_expires_at);
  EXPECT_FALSE((*got)->session_transaction_id);
  EXPECT_FALSE((*got)->session_expires_at);
  EXPECT_FALSE((*got)->result);
  EXPECT_FALSE((*got)->bound_until);
  EXPECT_TRUE((*got)->bound_package.empty());
  EXPECT_TRUE((*got)->profile_metadata.empty());
}

TEST_P(ProfileStoreTest,
       when_optional_fields_hold_empty_values_then_they_stay_distinct_from_unset) {
  auto p = released_profile("8900000000000000003");
  p.confirmation_code_hash = Bytes{};
  p.result = "";
  ASSERT_TRUE(store_->add_profile(p));
  auto got = store_->get_profile(p.iccid);
  ASSERT_TRUE(got && got->has_value());
  ASSERT_TRUE((*got)->confirmation_code_hash);
  EXPECT_TRUE((*got)->confirmation_code_hash->empty());
  ASSERT_TRUE((*got)->result);
  EXPECT_EQ(*(*got)->result, "");
}

TEST_P(ProfileStoreTest, when_profile_unknown_then_get_returns_empty) {
  auto got = store_->get_profile("8900000000000000099");
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->has_value());
}

TEST_P(ProfileStoreTest, when_iccid_duplicate_then_add_conflicts) {
  auto a = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(a));
  auto b = released_profile("8900000000000000001");
  b.state = ProfileState::available;
  auto r = store_->add_profile(b);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::conflict);
  EXPECT_EQ(b.version, 0);
  auto got = store_->get_profile(a.iccid);
  ASSERT_TRUE(got && got->has_value());
  EXPECT_EQ((*got)->state, ProfileState::released);
}

TEST_P(ProfileStoreTest, when_matching_id_duplicate_then_add_conflicts) {
  auto a = released_profile("8900000000000000001");
  a.matching_id = "MATCH-1";
  ASSERT_TRUE(store_->add_profile(a));
  auto b = released_profile("8900000000000000002");
  b.matching_id = "MATCH-1";
  auto r = store_->add_profile(b);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::conflict);
  auto missing = store_->get_profile(b.iccid);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_P(ProfileStoreTest, when_two_profiles_lack_matching_id_then_both_are_added) {
  auto a = released_profile("8900000000000000001");
  auto b = released_profile("8900000000000000002");
  ASSERT_TRUE(store_->add_profile(a));
  ASSERT_TRUE(store_->add_profile(b));
  auto all = store_->list_profiles();
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2U);
}

TEST_P(ProfileStoreTest, when_matching_id_known_then_find_returns_that_profile) {
  auto a = released_profile("8900000000000000001");
  a.matching_id = "MATCH-A";
  auto b = released_profile("8900000000000000002");
  b.matching_id = "MATCH-B";
  ASSERT_TRUE(store_->add_profile(a));
  ASSERT_TRUE(store_->add_profile(b));
  auto got = store_->find_profile_by_matching_id("MATCH-B");
  ASSERT_TRUE(got && got->has_value());
  EXPECT_EQ((*got)->iccid, b.iccid);
  auto none = store_->find_profile_by_matching_id("MATCH-C");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

TEST_P(ProfileStoreTest, when_finding_for_eid_then_only_default_orders_in_state_oldest_first) {
  const std::string other_eid = "89049032123451234512345678901236";
  // Added in this order; the expected result is 3 then 1 (insertion order), not by ICCID.
  auto p3 = released_profile("8900000000000000003");
  p3.eid = kEid;
  auto with_mid = released_profile("8900000000000000004");
  with_mid.eid = kEid;
  with_mid.matching_id = "MATCH";
  auto p1 = released_profile("8900000000000000001");
  p1.eid = kEid;
  auto wrong_state = released_profile("8900000000000000005");
  wrong_state.eid = kEid;
  wrong_state.state = ProfileState::installed;
  auto other = released_profile("8900000000000000006");
  other.eid = other_eid;
  auto no_eid = released_profile("8900000000000000007");
  for (auto* p : {&p3, &with_mid, &p1, &wrong_state, &other, &no_eid}) {
    ASSERT_TRUE(store_->add_profile(*p));
  }
  auto found = store_->find_profiles_for_eid(kEid, ProfileState::released);
  ASSERT_TRUE(found) << found.error().message();
  ASSERT_EQ(found->size(), 2U);
  EXPECT_EQ((*found)[0].iccid, p3.iccid);
  EXPECT_EQ((*found)[1].iccid, p1.iccid);

  auto installed = store_->find_profiles_for_eid(kEid, ProfileState::installed);
  ASSERT_TRUE(installed);
  ASSERT_EQ(installed->size(), 1U);
  EXPECT_EQ((*installed)[0].iccid, wrong_state.iccid);

  auto all = store_->list_profiles();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 6U);
  EXPECT_EQ((*all)[0].iccid, p3.iccid);
  EXPECT_EQ((*all)[5].iccid, no_eid.iccid);
}

TEST_P(ProfileStoreTest,
       when_profile_updated_with_current_version_then_stored_and_version_advances) {
  auto p = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(p));
  p.state = ProfileState::allocated;
  p.download_attempts = 1;
  ASSERT_TRUE(store_->update(nullptr, &p));
  EXPECT_EQ(p.version, 2);
  auto got = store_->get_profile(p.iccid);
  ASSERT_TRUE(got && got->has_value());
  expect_same(**got, p);
}

TEST_P(ProfileStoreTest, when_profile_version_stale_then_update_conflicts_and_nothing_written) {
  auto p = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(p));
  auto stale = p;
  p.state = ProfileState::allocated;
  ASSERT_TRUE(store_->update(nullptr, &p));

  stale.state = ProfileState::error;
  stale.result = "stale";
  auto r = store_->update(nullptr, &stale);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::conflict);
  EXPECT_EQ(stale.version, 1);
  auto got = store_->get_profile(p.iccid);
  ASSERT_TRUE(got && got->has_value());
  expect_same(**got, p);
}

TEST_P(ProfileStoreTest, when_updated_profile_does_not_exist_then_not_found) {
  auto p = released_profile("8900000000000000001");
  p.version = 1;
  auto r = store_->update(nullptr, &p);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::not_found);
}

TEST_P(ProfileStoreTest, when_update_moves_matching_id_onto_another_then_conflict) {
  auto a = released_profile("8900000000000000001");
  a.matching_id = "MATCH-A";
  auto b = released_profile("8900000000000000002");
  ASSERT_TRUE(store_->add_profile(a));
  ASSERT_TRUE(store_->add_profile(b));
  b.matching_id = "MATCH-A";
  auto r = store_->update(nullptr, &b);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::conflict);
  EXPECT_EQ(b.version, 1);
}

SMDP_STORE_ENGINES(ProfileStoreTest);

}  // namespace
}  // namespace smdp::store::testing
