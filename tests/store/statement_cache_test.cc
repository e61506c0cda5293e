// SPDX-License-Identifier: Apache-2.0
// The per-connection statement cache of the SQLite engine (store/sqlite_statement.h).
#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite_connection.h"
#include "store/sqlite_statement.h"

namespace smdp::store {
namespace {

class StatementCache : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("smdp-stmt-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto c = SqliteConnection::open((dir_ / "db").string());
    ASSERT_TRUE(c) << c.error().message();
    connection_ = std::move(*c);
    ASSERT_TRUE(
        connection_->exec("PRAGMA journal_mode = WAL; CREATE TABLE t (k INTEGER, v TEXT);"
                          "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');",
                          "setup"));
  }
  void TearDown() override {
    connection_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::vector<std::string> values(const std::string& sql) {
    std::vector<std::string> out;
    auto st = SqliteStatement::prepare(*connection_, sql, "test");
    EXPECT_TRUE(st);
    if (!st) return out;
    for (auto row = (*st)->step(); row && *row; row = (*st)->step())
      out.push_back((*st)->column_text());
    return out;
  }
  std::filesystem::path dir_;
  std::unique_ptr<SqliteConnection> connection_;
};

const std::string kAll = "SELECT v FROM t ORDER BY k";

TEST_F(StatementCache, when_sql_prepared_again_then_the_compiled_statement_is_reused) {
  EXPECT_EQ(values(kAll), (std::vector<std::string>{"a", "b", "c"}));
  sqlite3_stmt* cached = connection_->take_statement(kAll);
  ASSERT_NE(cached, nullptr);  // given back when the first Statement ended
  connection_->give_back_statement(kAll, cached);
  EXPECT_EQ(values(kAll), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(connection_->take_statement(kAll), cached);
  connection_->give_back_statement(kAll, cached);
}

TEST_F(StatementCache, when_same_sql_in_use_twice_at_once_then_both_run_independently) {
  auto outer = SqliteStatement::prepare(*connection_, kAll, "test");
  ASSERT_TRUE(outer);
  ASSERT_TRUE(*(*outer)->step());
  EXPECT_EQ((*outer)->column_text(), "a");
  EXPECT_EQ(values(kAll), (std::vector<std::string>{"a", "b", "c"}));  // a second compile
  ASSERT_TRUE(*(*outer)->step());
  EXPECT_EQ((*outer)->column_text(), "b");
}

TEST_F(StatementCache,
       when_statement_abandoned_mid_result_then_reuse_starts_over_with_new_bindings) {
  const std::string sql = "SELECT v FROM t WHERE k >= ? ORDER BY k";
  {
    auto st = SqliteStatement::prepare(*connection_, sql, "test");
    ASSERT_TRUE(st);
    (*st)->bind_int(2);
    ASSERT_TRUE(*(*st)->step());
    EXPECT_EQ((*st)->column_text(), "b");
  }  // abandoned after one row
  // The abandoned read is over: a write on the same connection is not blocked by it.
  ASSERT_TRUE(connection_->exec("INSERT INTO t VALUES (4, 'd')", "insert"));
  auto st = SqliteStatement::prepare(*connection_, sql, "test");
  ASSERT_TRUE(st);
  (*st)->bind_int(3);
  ASSERT_TRUE(*(*st)->step());
  EXPECT_EQ((*st)->column_text(), "c");
  ASSERT_TRUE(*(*st)->step());
  EXPECT_EQ((*st)->column_text(), "d");
  EXPECT_FALSE(*(*st)->step());
}

TEST_F(StatementCache, when_statement_given_back_then_its_bound_values_are_cleared) {
  const std::string sql = "SELECT ?";
  {
    auto st = SqliteStatement::prepare(*connection_, sql, "test");
    ASSERT_TRUE(st);
    (*st)->bind_text(std::string_view("secret-ki"));
    ASSERT_TRUE(*(*st)->step());
  }
  sqlite3_stmt* cached = connection_->take_statement(sql);
  ASSERT_NE(cached, nullptr);
  char* expanded = sqlite3_expanded_sql(cached);
  ASSERT_NE(expanded, nullptr);
  EXPECT_EQ(std::string(expanded), "SELECT NULL");
  sqlite3_free(expanded);
  connection_->give_back_statement(sql, cached);
}

TEST_F(StatementCache, when_sql_is_invalid_then_error_and_nothing_cached) {
  auto st = SqliteStatement::prepare(*connection_, "SELEC nonsense", "test");
  EXPECT_FALSE(st);
  EXPECT_EQ(connection_->take_statement("SELEC nonsense"), nullptr);
}

}  // namespace
}  // namespace smdp::store
