// SPDX-License-Identifier: Apache-2.0
// Opening the SQLite store: settings, versioned migrations, refusal of newer schemas and
// of unusable paths.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "store/migrations.h"
#include "store_fixture.h"

namespace smdp::store::testing {
namespace {

using core::StoreErrc;

TEST_F(SqliteTest, when_opened_then_wal_mode_and_latest_schema_version) {
  EXPECT_EQ(query_int("SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
  EXPECT_EQ(query_int("PRAGMA user_version"), latest_schema_version(sql::Engine::sqlite));
  EXPECT_EQ(query_int("SELECT count(*) FROM schema_migrations"),
            static_cast<std::int64_t>(migrations(sql::Engine::sqlite).size()));
}

TEST_F(SqliteTest, when_reopened_then_data_kept_and_migrations_not_rerun) {
  auto p = released_profile("8900000000000000001");
  ASSERT_TRUE(store_->add_profile(p));
  // Mark the migration record: a re-run would fail or replace it.
  ASSERT_TRUE(exec_raw("UPDATE schema_migrations SET applied_at = 42"));
  store_.reset();

  auto reopened = SqlStore::open(path_);
  ASSERT_TRUE(reopened) << reopened.error().message();
  auto got = (*reopened)->get_profile(p.iccid);
  ASSERT_TRUE(got && got->has_value());
  expect_same(**got, p);
  EXPECT_EQ(query_int("SELECT count(*) FROM schema_migrations"),
            static_cast<std::int64_t>(migrations(sql::Engine::sqlite).size()));
  EXPECT_EQ(query_int("SELECT min(applied_at) FROM schema_migrations"), 42);
}

TEST_F(SqliteTest, when_schema_newer_than_build_then_open_fails_unavailable) {
  store_.reset();
  const int newer = latest_schema_version(sql::Engine::sqlite) + 1;
  ASSERT_TRUE(exec_raw("PRAGMA user_version = " + std::to_string(newer)));
  auto r = SqlStore::open(path_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::unavailable);
  EXPECT_NE(r.error().message().find("schema version " + std::to_string(newer) +
                                     " is newer than this build supports"),
            std::string::npos)
      << r.error().message();
  EXPECT_EQ(query_int("PRAGMA user_version"), newer);  // left as it was
}

// Subscriptions and orders: owner-only whatever the umask, the WAL and its index too.
TEST_F(SqliteTest, when_created_under_a_loose_umask_then_database_and_wal_are_owner_only) {
  const mode_t old = ::umask(022);
  const auto path = dir_ / "fresh.db";
  auto opened = SqlStore::open(path.string());
  ::umask(old);
  ASSERT_TRUE(opened) << opened.error().message();
  auto p = released_profile("8900000000000000002");
  ASSERT_TRUE((*opened)->add_profile(p));
  for (const char* suffix : {"", "-wal", "-shm"}) {
    struct stat st {};
    ASSERT_EQ(::stat((path.string() + suffix).c_str(), &st), 0) << suffix;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << suffix;
  }
}

TEST_F(SqliteTest, when_directory_missing_then_open_returns_error) {
  auto r = SqlStore::open((dir_ / "no-such-dir" / "smdp.db").string());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::unavailable);
  EXPECT_NE(r.error().context.find("open database"), std::string::npos);
}

TEST_F(SqliteTest, when_file_is_not_a_database_then_open_returns_error) {
  const auto junk = dir_ / "junk.db";
  {
    std::ofstream out(junk, std::ios::binary);
    out << std::string(4096, 'x');
  }
  auto r = SqlStore::open(junk.string());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::unavailable);
}

TEST_F(SqliteTest, when_database_locked_beyond_timeout_then_write_is_unavailable) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto p = released_profile("8900000000000000001");
  auto r = store_->add_profile(p);  // waits the 5 s busy timeout
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::unavailable);
  EXPECT_NE(r.error().context.find("busy"), std::string::npos) << r.error().context;
  // Readers are not blocked by a writer in WAL mode, and the store recovers.
  ASSERT_TRUE(store_->add_profile(p));
}

}  // namespace
}  // namespace smdp::store::testing
