// SPDX-License-Identifier: Apache-2.0
// Test fixtures of the store. StoreTest is the contract suite, one suite for every
// engine, compiled once: each test file instantiates its fixtures with
// SMDP_STORE_ENGINES, which takes the engine of the binary it is linked into
// (contract_engine(): engine_sqlite.cc in test_store and test_store_concurrent, a fresh
// file in a temporary directory per test; engine_postgresql.cc in test_store_pg, a fresh
// database in the test cluster per test, tests/pg_database.h). SqliteTest is SQLite-only
// (file settings, migrations of old files).
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/store.h"
#include "store/migration.h"
#include "store/sql_store.h"

namespace smdp::store::testing {

inline core::TimePoint at(std::int64_t seconds) {
  return core::TimePoint{std::chrono::seconds{seconds}};
}

inline core::ProfileRecord released_profile(const std::string& iccid) {
  core::ProfileRecord p;
  p.iccid = iccid;
  p.state = core::ProfileState::released;
  p.profile_package = {0x30, 0x03, 0x02, 0x01, 0x01};
  p.profile_metadata = {0xBF, 0x25, 0x00};
  p.updated_at = at(1'700'000'000);
  return p;
}

inline core::RspSession new_session(std::uint8_t id) {
  core::RspSession s;
  s.transaction_id = Bytes(16, id);
  s.created_at = at(1'700'000'000);
  s.expires_at = at(1'700'000'600);
  s.smdp_address = "smdp.example.com";
  s.euicc_challenge = Bytes(16, 0xE1);
  s.server_challenge = Bytes(16, 0x5C);
  s.euicc_info1 = {0xBF, 0x20, 0x00};
  s.ci_pkid = Bytes(20, 0xC1);
  return s;
}

// A database other than a SQLite file: where it is, and raw access to inspect it.
class TestDatabase {
 public:
  virtual ~TestDatabase() = default;
  virtual std::string location() const = 0;
  // A scalar (booleans as 0/1); -1 when the query fails.
  virtual std::int64_t query_int(const std::string& sql) const = 0;
  // True when the SQL ran.
  virtual bool exec(const std::string& sql) const = 0;
};

// Defined once per test binary (engine_sqlite.cc, engine_postgresql.cc): the engine the
// contract suite runs on, and a fresh PostgreSQL database (nullptr without one).
sql::Engine contract_engine();
std::unique_ptr<TestDatabase> fresh_postgresql_database();

// A fresh database of `engine()` per test: location_ (a SQLite path or a PostgreSQL
// URL), opened and migrated as store_.
class StoreTestBase : public ::testing::Test {
 protected:
  virtual sql::Engine engine() const = 0;

  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "smdp-store-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = (dir_ / "smdp.db").string();
    location_ = path_;
    if (engine() == sql::Engine::postgresql) {
      other_ = fresh_postgresql_database();
      ASSERT_NE(other_, nullptr) << "this binary has no PostgreSQL";
      location_ = other_->location();
    }
    auto store = SqlStore::open(location_, SchemaMode::migrate);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
  }

  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    other_.reset();
  }

  // A scalar from the database (booleans read as 0/1), read with a separate raw
  // connection; -1 when the query fails.
  std::int64_t query_int(const std::string& sql) const {
    if (other_) return other_->query_int(sql);
    sqlite3* db = nullptr;
    std::int64_t value = -1;
    if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
          sqlite3_step(st) == SQLITE_ROW) {
        value = sqlite3_column_int64(st, 0);
      }
      sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return value;
  }

  // Runs SQL on the database with a separate raw connection; true on success.
  bool exec_raw(const std::string& sql) const {
    if (other_) return other_->exec(sql);
    sqlite3* db = nullptr;
    bool ok = sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK &&
              sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
  }

  std::filesystem::path dir_;
  std::string path_;      // the SQLite file (unused on PostgreSQL)
  std::string location_;  // what SqlStore::open takes
  std::unique_ptr<SqlStore> store_;
  std::unique_ptr<TestDatabase> other_;  // on PostgreSQL
};

// The contract suite: TEST_P(StoreTest or a subclass, ...), instantiated per file with
// SMDP_STORE_ENGINES(Fixture).
class StoreTest : public StoreTestBase, public ::testing::WithParamInterface<sql::Engine> {
 protected:
  sql::Engine engine() const override { return GetParam(); }
};

// SQLite only: TEST_F(SqliteTest, ...).
class SqliteTest : public StoreTestBase {
 protected:
  sql::Engine engine() const override { return sql::Engine::sqlite; }

  // A SQLite file in dir_ as a build of schema `version` left it: steps 1..version,
  // their schema_migrations rows and user_version, then `rows` (SQL). Its path; "" (and
  // a test failure) when the SQL does not run.
  std::string old_file(int version, const std::string& rows) const {
    const std::string path = (dir_ / ("v" + std::to_string(version) + ".db")).string();
    std::string sql;
    for (int v = 1; v <= version; ++v) {
      sql += sqlite_migrations()[static_cast<std::size_t>(v - 1)].sql;
      sql += "INSERT INTO schema_migrations VALUES (" + std::to_string(v) + ", 'v" +
             std::to_string(v) + "', " + std::to_string(v) + ");";
    }
    sql += rows + "PRAGMA user_version = " + std::to_string(version) + ";";
    sqlite3* db = nullptr;
    const bool ok = sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
                    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!ok) ADD_FAILURE() << "old_file(" << version << "): " << sqlite3_errmsg(db);
    sqlite3_close(db);
    return ok ? path : std::string();
  }

  // The first column of the first row of `query` on the SQLite file `path`, as text
  // ("" when NULL or when the query fails: the test fails).
  static std::string value_in(const std::string& path, const std::string& query) {
    sqlite3* db = nullptr;
    sqlite3_stmt* st = nullptr;
    std::string out;
    if (sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, query.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      if (const unsigned char* text = sqlite3_column_text(st, 0))
        out = reinterpret_cast<const char*>(text);
    } else {
      ADD_FAILURE() << "value_in(" << path << ", " << query << "): " << sqlite3_errmsg(db);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  }

  // The schema an SQLite file has now: applied steps and user_version, which a current
  // file has both at latest_schema_version.
  static std::pair<std::string, std::string> schema_of(const std::string& path) {
    return {value_in(path, "SELECT count(*) FROM schema_migrations"),
            value_in(path, "SELECT user_version FROM pragma_user_version")};
  }
};

inline std::string engine_name(const ::testing::TestParamInfo<sql::Engine>& info) {
  return info.param == sql::Engine::sqlite ? "sqlite" : "postgresql";
}

}  // namespace smdp::store::testing

// Runs the TEST_Ps of `fixture` on this binary's engine.
#define SMDP_STORE_ENGINES(fixture)                                                      \
  INSTANTIATE_TEST_SUITE_P(Engine, fixture,                                              \
                           ::testing::Values(::smdp::store::testing::contract_engine()), \
                           ::smdp::store::testing::engine_name)

namespace smdp::store::testing {

inline void expect_same(const core::ProfileRecord& a, const core::ProfileRecord& b) {
  EXPECT_EQ(a.iccid, b.iccid);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.profile_package, b.profile_package);
  EXPECT_EQ(a.profile_metadata, b.profile_metadata);
  EXPECT_EQ(a.eid, b.eid);
  EXPECT_EQ(a.matching_id, b.matching_id);
  EXPECT_EQ(a.confirmation_code_hash, b.confirmation_code_hash);
  EXPECT_EQ(a.confirmation_attempts, b.confirmation_attempts);
  EXPECT_EQ(a.max_confirmation_attempts, b.max_confirmation_attempts);
  EXPECT_EQ(a.download_attempts, b.download_attempts);
  EXPECT_EQ(a.max_download_attempts, b.max_download_attempts);
  EXPECT_EQ(a.order_expires_at, b.order_expires_at);
  EXPECT_EQ(a.session_transaction_id, b.session_transaction_id);
  EXPECT_EQ(a.session_expires_at, b.session_expires_at);
  EXPECT_EQ(a.result, b.result);
  EXPECT_EQ(a.updated_at, b.updated_at);
  EXPECT_EQ(a.bound_euicc_otpk, b.bound_euicc_otpk);
  EXPECT_EQ(a.bound_package, b.bound_package);
  EXPECT_EQ(a.bound_until, b.bound_until);
  EXPECT_EQ(a.version, b.version);
}

inline void expect_same(const core::RspSession& a, const core::RspSession& b) {
  EXPECT_EQ(a.transaction_id, b.transaction_id);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.expires_at, b.expires_at);
  EXPECT_EQ(a.smdp_address, b.smdp_address);
  EXPECT_EQ(a.euicc_challenge, b.euicc_challenge);
  EXPECT_EQ(a.server_challenge, b.server_challenge);
  EXPECT_EQ(a.euicc_info1, b.euicc_info1);
  EXPECT_EQ(a.ci_pkid, b.ci_pkid);
  EXPECT_EQ(a.eid, b.eid);
  EXPECT_EQ(a.euicc_certificate, b.euicc_certificate);
  EXPECT_EQ(a.eum_certificate, b.eum_certificate);
  EXPECT_EQ(a.iccid, b.iccid);
  EXPECT_EQ(a.confirmation_code_required, b.confirmation_code_required);
  EXPECT_EQ(a.smdp_signature2, b.smdp_signature2);
  EXPECT_EQ(a.euicc_otpk, b.euicc_otpk);
  EXPECT_EQ(a.version, b.version);
}

}  // namespace smdp::store::testing
