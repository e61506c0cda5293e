// SPDX-License-Identifier: Apache-2.0
#include "store/sql.h"

#include <chrono>
#include <utility>

namespace smdp::store::sql {

const Dialect& dialect(Engine engine) {
  // SQLite: BEGIN IMMEDIATE takes the write lock at the start, so a transaction never
  // fails half-way for a lock it could not upgrade, and writers never pick the same row.
  static constexpr Dialect kSqlite{"BEGIN IMMEDIATE", "", "", true};
  // PostgreSQL (READ COMMITTED): row locks; SKIP LOCKED lets concurrent writers take
  // different rows instead of queueing on one (outbox claims); a single statement is
  // atomic on its own (one round trip instead of three).
  static constexpr Dialect kPostgresql{"BEGIN", " FOR UPDATE", " FOR UPDATE SKIP LOCKED", false};
  return engine == Engine::sqlite ? kSqlite : kPostgresql;
}

Statement& Statement::bind_text(const std::optional<std::string>& value) {
  return value ? bind_text(std::string_view(*value)) : bind_null(Type::text);
}

Statement& Statement::bind_blob(const std::optional<Bytes>& value) {
  return value ? bind_blob(ByteView(*value)) : bind_null(Type::blob);
}

Statement& Statement::bind_optional_int(const std::optional<std::int64_t>& value) {
  return value ? bind_int(*value) : bind_null(Type::integer);
}

Statement& Statement::bind_time(core::TimePoint value) {
  return bind_int(value.time_since_epoch().count());
}

Statement& Statement::bind_time(const std::optional<core::TimePoint>& value) {
  return value ? bind_time(*value) : bind_null(Type::integer);
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
  }
}

std::optional<std::int64_t> Statement::column_optional_int() {
  if (column_is_null()) {
    skip_column();
    return std::nullopt;
  }
  return column_int();
}

std::optional<std::string> Statement::column_optional_text() {
  if (column_is_null()) {
    skip_column();
    return std::nullopt;
  }
  return column_text();
}

std::optional<Bytes> Statement::column_optional_blob() {
  if (column_is_null()) {
    skip_column();
    return std::nullopt;
  }
  return column_blob();
}

core::TimePoint Statement::column_time() {
  return core::TimePoint{std::chrono::seconds{column_int()}};
}

std::optional<core::TimePoint> Statement::column_optional_time() {
  if (column_is_null()) {
    skip_column();
    return std::nullopt;
  }
  return column_time();
}

Result<Transaction> Transaction::begin(Connection& connection, std::string_view operation) {
  if (auto r = connection.exec(connection.sql_dialect().begin_write, operation); !r)
    return std::unexpected(r.error());
  return Transaction(connection, operation);
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)),
      operation_(std::move(other.operation_)) {}

Transaction::~Transaction() {
  if (connection_ != nullptr && connection_->in_transaction()) {
    // Best effort; a connection still in a transaction afterwards is dropped by the
    // pool rather than reused.
    (void)connection_->exec("ROLLBACK", operation_);
  }
}

Result<void> Transaction::commit() {
  Connection* connection = std::exchange(connection_, nullptr);
  if (connection == nullptr) return {};
  auto r = connection->exec("COMMIT", operation_);
  if (!r && connection->in_transaction()) (void)connection->exec("ROLLBACK", operation_);
  return r;
}

}  // namespace smdp::store::sql
