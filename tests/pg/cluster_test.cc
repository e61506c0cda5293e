// SPDX-License-Identifier: Apache-2.0
// The harness of the PostgreSQL tests (tests/pg_database.h, tests/pg/cluster.sh) against a
// real server: what every test_<module>_pg relies on.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "pg_database.h"

namespace smdp::testing {
namespace {

TEST(PgTestDatabase, CreatesWritesAndReadsBack) {
  PgTestDatabase db;
  EXPECT_EQ(pg_scalar(db.url(), "SELECT current_database()"), db.name());
  pg_exec(db.url(), "CREATE TABLE t (id integer PRIMARY KEY, v text NOT NULL)");
  EXPECT_EQ(pg_exec(db.url(), "INSERT INTO t VALUES (1, 'one'), (2, 'two')"), 2);
  EXPECT_EQ(pg_scalar(db.url(), "SELECT v FROM t WHERE id = 2"), "two");
  EXPECT_EQ(pg_scalar(db.url(), "SELECT count(*) FROM t"), "2");
  EXPECT_EQ(pg_scalar(db.url(), "SELECT NULL"), "");
}

TEST(PgTestDatabase, ErrorsThrowWithTheServersMessage) {
  PgTestDatabase db;
  try {
    pg_exec(db.url(), "SELECT * FROM missing_table");
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("missing_table"), std::string::npos) << e.what();
  }
  EXPECT_THROW(pg_scalar(db.url(), "SELECT 1 WHERE false"), std::runtime_error);
}

TEST(PgTestDatabase, DatabasesAreIsolatedAndDroppedAfterUse) {
  std::string dropped;
  {
    PgTestDatabase a, b;
    ASSERT_NE(a.name(), b.name());
    pg_exec(a.url(), "CREATE TABLE t (v text); INSERT INTO t VALUES ('a')");
    EXPECT_EQ(pg_scalar(a.url(), "SELECT v FROM t"), "a");
    EXPECT_THROW(pg_scalar(b.url(), "SELECT v FROM t"), std::runtime_error);
    dropped = a.name();
  }
  EXPECT_EQ(pg_scalar(pg_cluster_url(),
                      "SELECT count(*) FROM pg_database WHERE datname = '" + dropped + "'"),
            "0");
}

TEST(PgUrl, ReplacesOnlyTheDatabase) {
  EXPECT_EQ(pg_url_with_database("postgresql://u@/postgres?host=/s&port=5432", "d"),
            "postgresql://u@/d?host=/s&port=5432");
  EXPECT_EQ(pg_url_with_database("postgresql://u@?host=/s", "d"), "postgresql://u@/d?host=/s");
  EXPECT_EQ(pg_url_with_database("postgresql://h:1/x", "d"), "postgresql://h:1/d");
}

TEST(PgCluster, KeepsItsDataAcrossAStopAndAStart) {
  PgCluster cluster;
  cluster.start();
  cluster.create_database("app");
  pg_exec(cluster.url("app"), "CREATE TABLE t (v text); INSERT INTO t VALUES ('kept')");

  cluster.stop();
  EXPECT_THROW(pg_scalar(cluster.url("app"), "SELECT 1"), std::runtime_error);

  cluster.start();
  EXPECT_EQ(pg_scalar(cluster.url("app"), "SELECT v FROM t"), "kept");
  {
    PgTestDatabase db(cluster.url());  // a test database in a private cluster
    EXPECT_EQ(pg_scalar(db.url(), "SELECT 1"), "1");
  }
}

}  // namespace
}  // namespace smdp::testing
