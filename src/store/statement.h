// SPDX-License-Identifier: Apache-2.0
// RAII wrapper of one prepared SQLite statement (internal to the store module).
// Parameters are bound in order (`bind_*` advances to the next `?`), result columns
// are read in order (`column_*` advances to the next column of the current row).
// Conventions: Bytes are BLOBs (empty Bytes is a zero-length BLOB, not NULL),
// TimePoint is INTEGER seconds since the epoch, an empty optional is NULL.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"
#include "core/clock.h"
#include "store/connection.h"

namespace smdp::store {

class Statement {
 public:
  // `operation` names the store method for error contexts. The compiled statement comes
  // from, and goes back to, the connection's cache (Connection::take_statement): `sql`
  // is compiled once per connection. Must not outlive `connection`.
  static Result<Statement> prepare(Connection& connection, const std::string& sql,
                                   std::string_view operation);

  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind_int(std::int64_t value);
  Statement& bind_bool(bool value) { return bind_int(value ? 1 : 0); }
  Statement& bind_text(std::string_view value);
  Statement& bind_text(const std::optional<std::string>& value);
  Statement& bind_blob(ByteView value);
  Statement& bind_blob(const std::optional<Bytes>& value);
  Statement& bind_time(core::TimePoint value);
  Statement& bind_time(const std::optional<core::TimePoint>& value);
  Statement& bind_null();

  // Makes the statement ready to run again: resets it, and the next bind_* binds the
  // first parameter again (every parameter must be bound again).
  void reset();

  // Runs one step: true when a row is available, false when done. A bind error
  // reported by SQLite earlier is returned here.
  Result<bool> step();
  // Runs to completion (for statements that return no rows).
  Result<void> run();

  std::int64_t column_int();
  std::optional<std::int64_t> column_optional_int();
  bool column_bool() { return column_int() != 0; }
  std::string column_text();
  std::optional<std::string> column_optional_text();
  Bytes column_blob();
  std::optional<Bytes> column_optional_blob();
  core::TimePoint column_time();
  std::optional<core::TimePoint> column_optional_time();

 private:
  Statement(Connection& home, std::string sql, sqlite3_stmt* stmt, std::string_view operation);
  void release();  // back to the cache, reset
  void check_bind(int rc);
  bool column_is_null() const;

  Connection* home_ = nullptr;
  std::string sql_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string operation_;
  int next_param_ = 1;
  int next_column_ = 0;
  int bind_error_ = SQLITE_OK;
};

}  // namespace smdp::store
