// SPDX-License-Identifier: Apache-2.0
// A SQLite file of schema version 1 (before the inventory) opened by this build.
#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

using core::ProfileState;

// A SQLite file written by the previous schema version keeps its rows when opened.
TEST_F(SqliteTest, when_version_1_file_opened_then_migrated_with_rows_kept) {
  const std::string old_path =
      old_file(1,
               "INSERT INTO profiles (iccid, state, profile_package, profile_metadata, eid, "
               "confirmation_attempts, max_confirmation_attempts, download_attempts, "
               "max_download_attempts, updated_at, version) VALUES ('8900000000000000001', "
               "'Released', x'300302', x'BF2500', '89049032123451234512345678901235', 0, 3, 1, 10, "
               "1700000000, 4);");
  ASSERT_FALSE(old_path.empty());
  auto store = SqlStore::open(old_path);
  ASSERT_TRUE(store) << store.error().message();
  auto p = (*store)->get_profile("8900000000000000001");
  ASSERT_TRUE(p && p->has_value()) << (p ? "missing" : p.error().message());
  EXPECT_EQ((*p)->state, ProfileState::released);
  EXPECT_EQ((*p)->profile_package, (Bytes{0x30, 0x03, 0x02}));
  EXPECT_EQ((*p)->eid, "89049032123451234512345678901235");
  EXPECT_EQ((*p)->download_attempts, 1);
  EXPECT_EQ((*p)->version, 4);
  EXPECT_FALSE((*p)->profile_type.has_value());
  EXPECT_FALSE((*p)->imsi.has_value());
  EXPECT_TRUE((*p)->sealed_values.empty());
  EXPECT_TRUE((*p)->protected_package.empty());
  // The migrated file works as a new one: inventory tables present, the row updatable.
  core::TemplateRecord t;
  t.name = "tpl";
  t.package = {0xA0, 0x03, 0x80, 0x01, 0x01};
  t.sha256 = Bytes(32, 0x5A);
  t.created_at = at(1'700'000'000);
  ASSERT_TRUE((*store)->add_template(t));
  core::ProfileRecord updated = **p;
  updated.imsi = "001010000000001";
  ASSERT_TRUE((*store)->update(nullptr, &updated));
  store->reset();
  const std::string latest = std::to_string(latest_schema_version(sql::Engine::sqlite));
  EXPECT_EQ(schema_of(old_path), std::pair(latest, latest));
}

}  // namespace
}  // namespace smdp::store::testing
