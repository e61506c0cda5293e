// SPDX-License-Identifier: Apache-2.0
// Notifications in the SQLite store: recorded once per (eid, seqNumber), with the
// profile update in the same transaction.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

class NotificationStoreTest : public StoreTest {};

using core::ProfileState;
using core::StoreErrc;

constexpr const char* kEid = "89049032123451234512345678901235";

core::NotificationRecord install_notification(std::int64_t seq) {
  core::NotificationRecord n;
  n.eid = kEid;
  n.seq_number = seq;
  n.iccid = "8900000000000000001";
  n.event = "install";
  n.result = "installed";
  n.der = {0xBF, 0x37, 0x03, 0x01, 0x02, 0x03};
  n.received_at = at(1'700'000'500);
  return n;
}

TEST_P(NotificationStoreTest, when_notification_new_then_recorded_and_profile_updated) {
  auto profile = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(profile));
  profile.state = ProfileState::installed;
  profile.result = "installed";
  auto n = install_notification(7);
  auto r = store_->record_notification(n, &profile);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_TRUE(*r);
  EXPECT_EQ(profile.version, 2);
  auto got = store_->get_profile(profile.iccid);
  ASSERT_TRUE(got && got->has_value());
  expect_same(**got, profile);

  auto list = store_->list_notifications(kEid);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1U);
  const auto& stored = (*list)[0];
  EXPECT_EQ(stored.eid, n.eid);
  EXPECT_EQ(stored.seq_number, n.seq_number);
  EXPECT_EQ(stored.iccid, n.iccid);
  EXPECT_EQ(stored.event, n.event);
  EXPECT_EQ(stored.result, n.result);
  EXPECT_EQ(stored.der, n.der);
  EXPECT_EQ(stored.received_at, n.received_at);
}

TEST_P(NotificationStoreTest, when_notification_duplicate_then_false_and_profile_untouched) {
  auto profile = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(profile));
  auto first = store_->record_notification(install_notification(7), nullptr);
  ASSERT_TRUE(first && *first);

  const auto before = profile;
  profile.state = ProfileState::error;
  auto again = install_notification(7);
  again.event = "delete";
  auto r = store_->record_notification(again, &profile);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_FALSE(*r);
  EXPECT_EQ(profile.version, 1);
  auto got = store_->get_profile(profile.iccid);
  ASSERT_TRUE(got && got->has_value());
  expect_same(**got, before);
  auto list = store_->list_notifications(kEid);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1U);
  EXPECT_EQ((*list)[0].event, "install");
}

TEST_P(NotificationStoreTest, when_same_seq_for_other_eid_then_both_recorded) {
  auto a = install_notification(1);
  auto b = install_notification(1);
  b.eid = "89049032123451234512345678901236";
  b.iccid.reset();
  auto ra = store_->record_notification(a, nullptr);
  auto rb = store_->record_notification(b, nullptr);
  ASSERT_TRUE(ra && rb);
  EXPECT_TRUE(*ra);
  EXPECT_TRUE(*rb);
  auto list = store_->list_notifications(b.eid);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1U);
  EXPECT_FALSE((*list)[0].iccid);
}

TEST_P(NotificationStoreTest, when_profile_cas_fails_then_notification_is_not_recorded) {
  auto profile = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(profile));
  auto stale = profile;
  profile.state = ProfileState::downloaded;
  ASSERT_TRUE(store_->update(nullptr, &profile));

  stale.state = ProfileState::installed;
  auto r = store_->record_notification(install_notification(9), &stale);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::conflict);
  auto list = store_->list_notifications(kEid);
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->empty());
  // The notification can be recorded once the caller re-reads the profile.
  auto fresh = store_->get_profile(profile.iccid);
  ASSERT_TRUE(fresh && fresh->has_value());
  auto retry = store_->record_notification(install_notification(9), &**fresh);
  ASSERT_TRUE(retry && *retry);
}

SMDP_STORE_ENGINES(NotificationStoreTest);

}  // namespace
}  // namespace smdp::store::testing
