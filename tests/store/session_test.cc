// SPDX-License-Identifier: Apache-2.0
// RSP sessions in the SQLite store: round trip, compare-and-swap of a session and a
// profile in one transaction, purge.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

class SessionStoreTest : public StoreTest {};

using core::ProfileState;
using core::SessionState;
using core::StoreErrc;

TEST_P(SessionStoreTest, when_every_session_field_set_then_round_trip_is_exact) {
  auto profile = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(profile));
  auto s = new_session(0x01);
  s.state = SessionState::bound;
  s.eid = "89049032123451234512345678901235";
  s.euicc_certificate = Bytes(600, 0x30);
  s.eum_certificate = Bytes(700, 0x31);
  s.iccid = profile.iccid;
  s.confirmation_code_required = true;
  s.smdp_signature2 = Bytes(67, 0x5F);
  s.euicc_otpk = Bytes(65, 0x04);
  ASSERT_TRUE(store_->create_session(s));
  EXPECT_EQ(s.version, 1);
  auto got = store_->get_session(s.transaction_id);
  ASSERT_TRUE(got) << got.error().message();
  ASSERT_TRUE(got->has_value());
  expect_same(**got, s);
}

TEST_P(SessionStoreTest, when_optional_session_fields_unset_then_they_read_back_unset) {
  auto s = new_session(0x02);
  ASSERT_TRUE(store_->create_session(s));
  auto got = store_->get_session(s.transaction_id);
  ASSERT_TRUE(got && got->has_value());
  expect_same(**got, s);
  EXPECT_FALSE((*got)->eid);
  EXPECT_FALSE((*got)->iccid);
  EXPECT_FALSE((*got)->confirmation_code_required);
  EXPECT_TRUE((*got)->euicc_otpk.empty());
}

TEST_P(SessionStoreTest, when_session_unknown_then_get_returns_empty) {
  auto got = store_->get_session(Bytes(16, 0x77));
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->has_value());
}

TEST_P(SessionStoreTest, when_transaction_id_duplicate_then_create_conflicts) {
  auto a = new_session(0x03);
  ASSERT_TRUE(store_->create_session(a));
  auto b = new_session(0x03);
  auto r = store_->create_session(b);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::conflict);
}

TEST_P(SessionStoreTest, when_session_and_profile_current_then_both_written_in_one_update) {
  auto profile = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(profile));
  auto s = new_session(0x04);
  ASSERT_TRUE(store_->create_session(s));
  s.state = SessionState::authenticated;
  s.iccid = profile.iccid;
  profile.state = ProfileState::allocated;
  profile.session_transaction_id = to_hex(s.transaction_id);
  ASSERT_TRUE(store_->update(&s, &profile));
  EXPECT_EQ(s.version, 2);
  EXPECT_EQ(profile.version, 2);
  auto got_s = store_->get_session(s.transaction_id);
  auto got_p = store_->get_profile(profile.iccid);
  ASSERT_TRUE(got_s && got_s->has_value() && got_p && got_p->has_value());
  expect_same(**got_s, s);
  expect_same(**got_p, profile);
}

TEST_P(SessionStoreTest, when_profile_cas_fails_then_session_is_not_written_either) {
  auto profile = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(profile));
  auto other = profile;  // someone else moves the profile first
  other.state = ProfileState::allocated;
  ASSERT_TRUE(store_->update(nullptr, &other));

  auto s = new_session(0x05);
  ASSERT_TRUE(store_->create_session(s));
  const auto original = s;
  s.state = SessionState::authenticated;
  s.iccid = profile.iccid;
  profile.state = ProfileState::allocated;
  auto r = store_->update(&s, &profile);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::conflict);
  EXPECT_EQ(s.version, 1);
  EXPECT_EQ(profile.version, 1);
  auto got = store_->get_session(s.transaction_id);
  ASSERT_TRUE(got && got->has_value());
  expect_same(**got, original);
}

TEST_P(SessionStoreTest, when_session_cas_fails_then_profile_is_not_written_either) {
  auto profile = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(profile));
  auto s = new_session(0x06);
  ASSERT_TRUE(store_->create_session(s));
  auto stale = s;
  s.state = SessionState::cancelled;
  ASSERT_TRUE(store_->update(&s, nullptr));

  stale.state = SessionState::authenticated;
  auto changed = profile;
  changed.state = ProfileState::allocated;
  auto r = store_->update(&stale, &changed);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::conflict);
  auto got = store_->get_profile(profile.iccid);
  ASSERT_TRUE(got && got->has_value());
  expect_same(**got, profile);
}

TEST_P(SessionStoreTest, when_session_names_unknown_profile_then_not_found) {
  auto s = new_session(0x07);
  s.iccid = "8900000000000000099";
  auto r = store_->create_session(s);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::not_found);
}

TEST_P(SessionStoreTest, when_both_null_then_update_does_nothing) {
  EXPECT_TRUE(store_->update(nullptr, nullptr));
}

TEST_P(SessionStoreTest, when_purging_then_only_sessions_expired_before_the_time_go) {
  auto old1 = new_session(0x10);
  old1.expires_at = at(1000);
  auto old2 = new_session(0x11);
  old2.expires_at = at(1999);
  auto edge = new_session(0x12);
  edge.expires_at = at(2000);  // not before 2000: kept
  auto live = new_session(0x13);
  live.expires_at = at(5000);
  for (auto* s : {&old1, &old2, &edge, &live}) ASSERT_TRUE(store_->create_session(*s));
  auto n = store_->purge_sessions(at(2000));
  ASSERT_TRUE(n) << n.error().message();
  EXPECT_EQ(*n, 2);
  for (auto* s : {&old1, &old2}) {
    auto got = store_->get_session(s->transaction_id);
    ASSERT_TRUE(got);
    EXPECT_FALSE(got->has_value());
  }
  for (auto* s : {&edge, &live}) {
    auto got = store_->get_session(s->transaction_id);
    ASSERT_TRUE(got);
    EXPECT_TRUE(got->has_value());
  }
  auto again = store_->purge_sessions(at(2000));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

SMDP_STORE_ENGINES(SessionStoreTest);

}  // namespace
}  // namespace smdp::store::testing
