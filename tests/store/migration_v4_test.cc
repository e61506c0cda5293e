// SPDX-License-Identifier: Apache-2.0
// Migration of a version-3 file to version 4 (bound packages kept with the order,
// matchingId failures per EID): rows kept, sessions without their BPP column, the new
// columns at their defaults, the new table usable.
#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

TEST_F(SqliteTest, when_version_3_file_opened_then_migrated_to_4_with_rows_kept) {
  const std::string old_path = old_file(
      3,
      "INSERT INTO profiles (iccid, state, profile_package, profile_metadata, "
      "confirmation_attempts, max_confirmation_attempts, download_attempts, "
      "max_download_attempts, updated_at, version, session_transaction_id) VALUES "
      "('8900000000000000001', 'Downloaded', x'30', x'BF2500', 0, 3, 1, 10, 1700000000, 4, "
      "'0101010101010101');"
      "INSERT INTO sessions VALUES (x'01010101010101010101010101010101', 'bound', "
      "1700000000, 1700000600, 'smdp.example.com', x'E1', x'5C', x'BF2000', x'C1', "
      "'89049032123451234512345678901235', x'30', x'30', '8900000000000000001', 0, "
      "x'5F37', x'04AA', zeroblob(12700), 3);");
  ASSERT_FALSE(old_path.empty());
  auto store = SqlStore::open(old_path);
  ASSERT_TRUE(store) << store.error().message();
  auto p = (*store)->get_profile("8900000000000000001");
  ASSERT_TRUE(p && p->has_value()) << (p ? "missing" : p.error().message());
  EXPECT_EQ((*p)->state, core::ProfileState::downloaded);
  EXPECT_EQ((*p)->version, 4);
  EXPECT_TRUE((*p)->bound_package.empty());
  EXPECT_TRUE((*p)->bound_euicc_otpk.empty());
  EXPECT_FALSE((*p)->bound_until);
  auto s = (*store)->get_session(Bytes(16, 0x01));
  ASSERT_TRUE(s && s->has_value()) << (s ? "missing" : s.error().message());
  EXPECT_EQ((*s)->state, core::SessionState::bound);
  EXPECT_EQ((*s)->euicc_otpk, (Bytes{0x04, 0xAA}));
  EXPECT_EQ((*s)->version, 3);

  // The migrated file works as a new one.
  core::ProfileRecord kept = **p;
  kept.bound_euicc_otpk = {0x04, 0xAA};
  kept.bound_package = Bytes(12'700, 0xBF);
  kept.bound_until = at(1'700'086'400);
  ASSERT_TRUE((*store)->update(nullptr, &kept));
  auto counted = (*store)->count_unknown_matching_id("89049032123451234512345678901235",
                                                     at(1'700'000'000), {.max_failures = 1});
  ASSERT_TRUE(counted) << counted.error().message();
  EXPECT_EQ(*counted, at(1'700'003'600));
  // And the later steps applied too (version 5: leases).
  auto lease =
      (*store)->acquire_lease("housekeeping", "a", at(1'700'000'000), std::chrono::seconds{60});
  ASSERT_TRUE(lease) << lease.error().message();
  EXPECT_TRUE(*lease);
}

}  // namespace
}  // namespace smdp::store::testing
