// SPDX-License-Identifier: Apache-2.0
#include "store/statement.h"

#include <chrono>
#include <utility>

#include "store/sqlite_error.h"

namespace smdp::store {
namespace {
// sqlite3_bind_blob/text bind NULL for a null pointer; an empty value must stay a
// zero-length value.
constexpr char kEmpty[1] = {0};
}  // namespace

Result<Statement> Statement::prepare(Connection& connection, const std::string& sql,
                                     std::string_view operation) {
  if (sqlite3_stmt* cached = connection.take_statement(sql))
    return Statement(connection, sql, cached, operation);
  sqlite3* db = connection.handle();
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return fail_sqlite(db, rc, operation);
  }
  return Statement(connection, sql, stmt, operation);
}

Statement::Statement(Connection& home, std::string sql, sqlite3_stmt* stmt,
                     std::string_view operation)
    : home_(&home), sql_(std::move(sql)), db_(home.handle()), stmt_(stmt), operation_(operation) {}

Statement::Statement(Statement&& other) noexcept
    : home_(other.home_),
      sql_(std::move(other.sql_)),
      db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      operation_(std::move(other.operation_)),
      next_param_(other.next_param_),
      next_column_(other.next_column_),
      bind_error_(other.bind_error_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    home_ = other.home_;
    sql_ = std::move(other.sql_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    operation_ = std::move(other.operation_);
    next_param_ = other.next_param_;
    next_column_ = other.next_column_;
    bind_error_ = other.bind_error_;
  }
  return *this;
}

Statement::~Statement() { release(); }

void Statement::release() {
  if (stmt_ == nullptr) return;
  // Reset: ends a statement left mid-result (releasing its read snapshot) and drops
  // bound values, which may be secrets, before the statement waits in the cache.
  (void)sqlite3_reset(stmt_);
  (void)sqlite3_clear_bindings(stmt_);
  home_->give_back_statement(std::move(sql_), std::exchange(stmt_, nullptr));
}

void Statement::check_bind(int rc) {
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
}

void Statement::reset() {
  // sqlite3_reset repeats the error of the last step, already reported by step().
  (void)sqlite3_reset(stmt_);
  (void)sqlite3_clear_bindings(stmt_);
  next_param_ = 1;
  next_column_ = 0;
  bind_error_ = SQLITE_OK;
}

Statement& Statement::bind_int(std::int64_t value) {
  check_bind(sqlite3_bind_int64(stmt_, next_param_++, value));
  return *this;
}

Statement& Statement::bind_text(std::string_view value) {
  const char* data = value.empty() ? kEmpty : value.data();
  check_bind(
      sqlite3_bind_text64(stmt_, next_param_++, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Statement& Statement::bind_text(const std::optional<std::string>& value) {
  return value ? bind_text(std::string_view(*value)) : bind_null();
}

Statement& Statement::bind_blob(ByteView value) {
  const void* data = value.empty() ? static_cast<const void*>(kEmpty) : value.data();
  check_bind(sqlite3_bind_blob64(stmt_, next_param_++, data, value.size(), SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::bind_blob(const std::optional<Bytes>& value) {
  return value ? bind_blob(ByteView(*value)) : bind_null();
}

Statement& Statement::bind_time(core::TimePoint value) {
  return bind_int(value.time_since_epoch().count());
}

Statement& Statement::bind_time(const std::optional<core::TimePoint>& value) {
  return value ? bind_time(*value) : bind_null();
}

Statement& Statement::bind_null() {
  check_bind(sqlite3_bind_null(stmt_, next_param_++));
  return *this;
}

Result<bool> Statement::step() {
  if (bind_error_ != SQLITE_OK) return fail_sqlite(db_, bind_error_, operation_);
  next_column_ = 0;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return fail_sqlite(db_, rc, operation_);
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
  }
}

bool Statement::column_is_null() const {
  return sqlite3_column_type(stmt_, next_column_) == SQLITE_NULL;
}

std::int64_t Statement::column_int() { return sqlite3_column_int64(stmt_, next_column_++); }

std::optional<std::int64_t> Statement::column_optional_int() {
  if (column_is_null()) {
    ++next_column_;
    return std::nullopt;
  }
  return column_int();
}

std::string Statement::column_text() {
  const int col = next_column_++;
  const auto* text = sqlite3_column_text(stmt_, col);
  const int size = sqlite3_column_bytes(stmt_, col);
  if (text == nullptr || size <= 0) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

std::optional<std::string> Statement::column_optional_text() {
  if (column_is_null()) {
    ++next_column_;
    return std::nullopt;
  }
  return column_text();
}

Bytes Statement::column_blob() {
  const int col = next_column_++;
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, col));
  const int size = sqlite3_column_bytes(stmt_, col);
  if (data == nullptr || size <= 0) return {};
  return {data, data + size};
}

std::optional<Bytes> Statement::column_optional_blob() {
  if (column_is_null()) {
    ++next_column_;
    return std::nullopt;
  }
  return column_blob();
}

core::TimePoint Statement::column_time() {
  return core::TimePoint{std::chrono::seconds{column_int()}};
}

std::optional<core::TimePoint> Statement::column_optional_time() {
  if (column_is_null()) {
    ++next_column_;
    return std::nullopt;
  }
  return column_time();
}

}  // namespace smdp::store
