// SPDX-License-Identifier: Apache-2.0
// What is particular to the PostgreSQL engine: explicit migrations (serve refuses an
// unmigrated or newer schema), concurrent migrators, recovery after the server went
// away, and the round-trip counters.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "pg_database.h"
#include "store/migrations.h"
#include "store/pg_connection.h"
#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

using core::StoreErrc;
using smdp::testing::PgCluster;
using smdp::testing::PgTestDatabase;

TEST(PgStore, when_database_unmigrated_then_open_refuses_and_names_db_migrate) {
  PgTestDatabase db;
  auto r = SqlStore::open(db.url());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::unavailable);
  EXPECT_NE(r.error().message().find("smdpp db migrate"), std::string::npos) << r.error().message();
  EXPECT_EQ(smdp::testing::pg_scalar(db.url(),
                                     "SELECT count(*) FROM pg_tables WHERE "
                                     "schemaname = 'public'"),
            "0");  // nothing created
}

TEST(PgStore, when_migrated_then_open_accepts_and_migrating_again_changes_nothing) {
  PgTestDatabase db;
  ASSERT_TRUE(SqlStore::open(db.url(), SchemaMode::migrate));
  smdp::testing::pg_exec(db.url(), "UPDATE schema_migrations SET applied_at = 42");
  ASSERT_TRUE(SqlStore::open(db.url(), SchemaMode::migrate));
  auto store = SqlStore::open(db.url());
  ASSERT_TRUE(store) << store.error().message();
  EXPECT_TRUE((*store)->check_ready());
  EXPECT_EQ(smdp::testing::pg_scalar(db.url(), "SELECT max(version) FROM schema_migrations"),
            std::to_string(latest_schema_version(sql::Engine::postgresql)));
  EXPECT_EQ(smdp::testing::pg_scalar(db.url(), "SELECT min(applied_at) FROM schema_migrations"),
            "42");
}

TEST(PgStore, when_schema_newer_than_build_then_open_and_migrate_refuse) {
  PgTestDatabase db;
  ASSERT_TRUE(SqlStore::open(db.url(), SchemaMode::migrate));
  const int newer = latest_schema_version(sql::Engine::postgresql) + 1;
  smdp::testing::pg_exec(db.url(), "INSERT INTO schema_migrations VALUES (" +
                                       std::to_string(newer) + ", 'future', 1)");
  for (SchemaMode mode : {SchemaMode::engine_default, SchemaMode::migrate}) {
    auto r = SqlStore::open(db.url(), mode);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, StoreErrc::unavailable);
    EXPECT_NE(r.error().message().find("newer than this build supports"), std::string::npos)
        << r.error().message();
  }
}

TEST(PgStore, when_migrators_race_then_each_step_applied_once) {
  PgTestDatabase db;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      if (SqlStore::open(db.url(), SchemaMode::migrate)) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 4);
  EXPECT_EQ(smdp::testing::pg_scalar(db.url(), "SELECT count(*) FROM schema_migrations"),
            std::to_string(migrations(sql::Engine::postgresql).size()));
}

TEST(PgStore, when_url_unreachable_then_open_is_unavailable_without_the_url) {
  auto r = SqlStore::open("postgresql://smdpp:s3cret@/db?host=/nonexistent-dir&connect_timeout=2");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::unavailable);
  EXPECT_EQ(r.error().message().find("s3cret"), std::string::npos) << r.error().message();
}

TEST(PgStore, when_server_restarts_then_calls_fail_unavailable_and_the_store_recovers) {
  PgCluster cluster;
  cluster.start();
  cluster.create_database("smdp");
  auto store = SqlStore::open(cluster.url("smdp"), SchemaMode::migrate);
  ASSERT_TRUE(store) << store.error().message();
  auto p = released_profile("8900000000000000001");
  ASSERT_TRUE((*store)->add_profile(p));

  // A restart while the store sat idle: its first call afterwards works.
  cluster.stop();
  cluster.start();
  auto first = (*store)->get_profile(p.iccid);
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_TRUE(first->has_value());

  cluster.stop();
  auto down = (*store)->get_profile(p.iccid);
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code, StoreErrc::unavailable);
  EXPECT_FALSE((*store)->check_ready());

  cluster.start();
  auto back = (*store)->get_profile(p.iccid);
  ASSERT_TRUE(back) << back.error().message();
  ASSERT_TRUE(back->has_value());
  EXPECT_EQ((*back)->iccid, p.iccid);
  EXPECT_TRUE((*store)->check_ready());
}

// Round trips (store/pg_connection.h): one per statement once prepared; a write
// transaction's BEGIN travels with its first statement; one statement alone needs no
// transaction.
TEST(PgStore, when_statements_run_then_round_trips_are_few_and_counted) {
  PgTestDatabase db;
  auto store = SqlStore::open(db.url(), SchemaMode::migrate);
  ASSERT_TRUE(store);
  auto p = released_profile("8900000000000000001");
  ASSERT_TRUE((*store)->add_profile(p));
  auto s = new_session(7);
  ASSERT_TRUE((*store)->create_session(s));
  for (int warm = 0; warm < 2; ++warm) {  // every statement prepared on the connection
    ASSERT_TRUE((*store)->get_profile(p.iccid));
    ASSERT_TRUE((*store)->update(nullptr, &p));
    ASSERT_TRUE((*store)->update(&s, &p));
  }
  auto trips = [] { return pg_round_trips(); };
  std::uint64_t before = trips();
  const std::uint64_t statements = pg_statements();
  ASSERT_TRUE((*store)->get_profile(p.iccid));
  EXPECT_EQ(trips() - before, 1U);
  EXPECT_EQ(pg_statements() - statements, 1U);
  before = trips();
  ASSERT_TRUE((*store)->update(nullptr, &p));  // one UPDATE, autocommit
  EXPECT_EQ(trips() - before, 1U);
  before = trips();
  ASSERT_TRUE((*store)->update(&s, &p));  // BEGIN + UPDATE, UPDATE, COMMIT
  EXPECT_EQ(trips() - before, 3U);
  auto stored = (*store)->get_profile(p.iccid);
  ASSERT_TRUE(stored && stored->has_value());
  EXPECT_EQ((*stored)->version, p.version);
}

}  // namespace
}  // namespace smdp::store::testing
