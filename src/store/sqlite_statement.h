// SPDX-License-Identifier: Apache-2.0
// The SQLite engine's prepared statement (internal to the store module; sql.h is the
// contract). Bytes are BLOBs (empty Bytes is a zero-length BLOB, not NULL); `?N`
// parameters are SQLite's own.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"
#include "store/sql.h"
#include "store/sqlite_connection.h"

namespace smdp::store {

class SqliteStatement final : public sql::Statement {
 public:
  // The compiled statement comes from, and goes back to, the connection's cache
  // (SqliteConnection::take_statement): `sql` is compiled once per connection. Must
  // not outlive `connection`.
  static Result<std::unique_ptr<SqliteStatement>> prepare(SqliteConnection& connection,
                                                          const std::string& sql,
                                                          std::string_view operation);
  ~SqliteStatement() override;

  SqliteStatement& bind_int(std::int64_t value) override;
  SqliteStatement& bind_text(std::string_view value) override;
  SqliteStatement& bind_blob(ByteView value) override;
  SqliteStatement& bind_null(sql::Type type) override;
  using sql::Statement::bind_blob;
  using sql::Statement::bind_text;

  void reset() override;
  Result<bool> step() override;
  std::int64_t changes() const override { return changes_; }

  bool column_is_null() const override;
  std::int64_t column_int() override;
  std::string column_text() override;
  Bytes column_blob() override;
  void skip_column() override { ++next_column_; }

 private:
  SqliteStatement(SqliteConnection& home, std::string sql, sqlite3_stmt* stmt,
                  std::string_view operation);
  void check_bind(int rc);

  SqliteConnection* home_;
  std::string sql_;
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string operation_;
  int next_param_ = 1;
  int next_column_ = 0;
  int bind_error_ = SQLITE_OK;
  std::int64_t changes_ = 0;
};

}  // namespace smdp::store
