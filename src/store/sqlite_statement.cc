// SPDX-License-Identifier: Apache-2.0
#include "store/sqlite_statement.h"

#include <utility>

#include "store/sqlite_error.h"

namespace smdp::store {
namespace {
// sqlite3_bind_blob/text bind NULL for a null pointer; an empty value must stay a
// zero-length value.
constexpr char kEmpty[1] = {0};
}  // namespace

Result<std::unique_ptr<SqliteStatement>> SqliteStatement::prepare(SqliteConnection& connection,
                                                                  const std::string& sql,
                                                                  std::string_view operation) {
  sqlite3_stmt* stmt = connection.take_statement(sql);
  if (stmt == nullptr) {
    sqlite3* db = connection.handle();
    const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return fail_sqlite(db, rc, operation);
    }
  }
  return std::unique_ptr<SqliteStatement>(new SqliteStatement(connection, sql, stmt, operation));
}

SqliteStatement::SqliteStatement(SqliteConnection& home, std::string sql, sqlite3_stmt* stmt,
                                 std::string_view operation)
    : home_(&home), sql_(std::move(sql)), db_(home.handle()), stmt_(stmt), operation_(operation) {}

SqliteStatement::~SqliteStatement() {
  // Reset: ends a statement left mid-result (releasing its read snapshot) and drops
  // bound values, which may be secrets, before the statement waits in the cache.
  (void)sqlite3_reset(stmt_);
  (void)sqlite3_clear_bindings(stmt_);
  home_->give_back_statement(std::move(sql_), stmt_);
}

void SqliteStatement::check_bind(int rc) {
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
}

void SqliteStatement::reset() {
  // sqlite3_reset repeats the error of the last step, already reported by step().
  (void)sqlite3_reset(stmt_);
  (void)sqlite3_clear_bindings(stmt_);
  next_param_ = 1;
  next_column_ = 0;
  bind_error_ = SQLITE_OK;
}

SqliteStatement& SqliteStatement::bind_int(std::int64_t value) {
  check_bind(sqlite3_bind_int64(stmt_, next_param_++, value));
  return *this;
}

SqliteStatement& SqliteStatement::bind_text(std::string_view value) {
  const char* data = value.empty() ? kEmpty : value.data();
  check_bind(
      sqlite3_bind_text64(stmt_, next_param_++, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

SqliteStatement& SqliteStatement::bind_blob(ByteView value) {
  const void* data = value.empty() ? static_cast<const void*>(kEmpty) : value.data();
  check_bind(sqlite3_bind_blob64(stmt_, next_param_++, data, value.size(), SQLITE_TRANSIENT));
  return *this;
}

SqliteStatement& SqliteStatement::bind_null(sql::Type /*type*/) {
  check_bind(sqlite3_bind_null(stmt_, next_param_++));
  return *this;
}

Result<bool> SqliteStatement::step() {
  if (bind_error_ != SQLITE_OK) return fail_sqlite(db_, bind_error_, operation_);
  next_column_ = 0;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    changes_ = sqlite3_changes64(db_);
    return false;
  }
  return fail_sqlite(db_, rc, operation_);
}

bool SqliteStatement::column_is_null() const {
  return sqlite3_column_type(stmt_, next_column_) == SQLITE_NULL;
}

std::int64_t SqliteStatement::column_int() { return sqlite3_column_int64(stmt_, next_column_++); }

std::string SqliteStatement::column_text() {
  const int col = next_column_++;
  const auto* text = sqlite3_column_text(stmt_, col);
  const int size = sqlite3_column_bytes(stmt_, col);
  if (text == nullptr || size <= 0) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

Bytes SqliteStatement::column_blob() {
  const int col = next_column_++;
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, col));
  const int size = sqlite3_column_bytes(stmt_, col);
  if (data == nullptr || size <= 0) return {};
  return {data, data + size};
}

}  // namespace smdp::store
