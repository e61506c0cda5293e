// SPDX-License-Identifier: Apache-2.0
// Migration of a version-2 file (inventory) to version 3 (ES2+ operators, function
// calls, outbox): rows kept, the new columns at their defaults, the new tables usable.
#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

using core::ProfileState;

TEST_F(SqliteTest, when_version_2_file_opened_then_migrated_with_rows_kept) {
  const std::string old_path =
      old_file(2,
               "INSERT INTO templates VALUES ('tpl', x'A000', x'5A5A', 1700000000);"
               "INSERT INTO profile_types VALUES ('gtp', 'tpl', 'iccid,imsi', x'BF2500', 3, 1, 10, "
               "NULL, 1700000000);"
               "INSERT INTO profiles (iccid, state, profile_package, profile_metadata, "
               "confirmation_attempts, max_confirmation_attempts, download_attempts, "
               "max_download_attempts, updated_at, version, profile_type, imsi, sealed_values) "
               "VALUES ('8900000000000000001', 'Available', x'', x'', 0, 3, 0, 10, 1700000000, 2, "
               "'gtp', '001010000000001', x'01EE');");
  ASSERT_FALSE(old_path.empty());
  auto store = SqlStore::open(old_path);
  ASSERT_TRUE(store) << store.error().message();
  auto p = (*store)->get_profile("8900000000000000001");
  ASSERT_TRUE(p && p->has_value()) << (p ? "missing" : p.error().message());
  EXPECT_EQ((*p)->state, ProfileState::available);
  EXPECT_EQ((*p)->profile_type, "gtp");
  EXPECT_EQ((*p)->imsi, "001010000000001");
  EXPECT_EQ((*p)->sealed_values, (Bytes{0x01, 0xEE}));
  EXPECT_EQ((*p)->version, 2);
  EXPECT_FALSE((*p)->smds_address.has_value());
  auto type = (*store)->get_profile_type("gtp");
  ASSERT_TRUE(type && type->has_value());
  EXPECT_EQ((*type)->low_stock_threshold, 3);
  EXPECT_EQ((*type)->operator_name, "");

  // The migrated file works as a new one.
  core::ProfileRecord updated = **p;
  updated.smds_address = "smds.example.com";
  std::vector<core::OutboxMessage> out(1);
  out[0].interface = "es12";
  out[0].ordering_key = updated.iccid;
  out[0].body = "{}";
  ASSERT_TRUE((*store)->update(nullptr, &updated, out));
  EXPECT_GT(out[0].id, 0);
  core::OperatorRecord op;
  op.name = "mno1";
  ASSERT_TRUE((*store)->add_operator(op));
  core::FunctionCallRecord call;
  call.operator_name = "mno1";
  call.function_call_id = "1";
  auto begun = (*store)->begin_function_call(call);
  ASSERT_TRUE(begun) << begun.error().message();
  store->reset();

  const std::string latest = std::to_string(latest_schema_version(sql::Engine::sqlite));
  EXPECT_EQ(schema_of(old_path), std::pair(latest, latest));
  EXPECT_EQ(value_in(old_path, "SELECT smds_address FROM profiles"), "smds.example.com");
}

}  // namespace
}  // namespace smdp::store::testing
