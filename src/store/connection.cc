// SPDX-License-Identifier: Apache-2.0
#include "store/connection.h"

#include <utility>

#include "store/sqlite_error.h"
#include "store/statement.h"

namespace smdp::store {

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = sqlite_error(db, rc, "open database");
    sqlite3_close(db);  // a handle is returned even on failure
    return std::unexpected(std::move(e));
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(kBusyTimeout.count()));
  if (auto r = connection->exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                                "open database");
      !r) {
    return std::unexpected(r.error());
  }
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : idle_statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

sqlite3_stmt* Connection::take_statement(const std::string& sql) {
  auto it = idle_statements_.find(sql);
  if (it == idle_statements_.end()) return nullptr;
  sqlite3_stmt* stmt = it->second;
  idle_statements_.erase(it);
  return stmt;
}

void Connection::give_back_statement(std::string sql, sqlite3_stmt* stmt) {
  if (idle_statements_.size() >= kMaxIdleStatements ||
      !idle_statements_.try_emplace(std::move(sql), stmt).second)
    sqlite3_finalize(stmt);
}

Result<void> Connection::exec(const char* sql, std::string_view operation) {
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return fail_sqlite(db_, rc, operation);
  return {};
}

Result<Transaction> Transaction::begin_immediate(Connection& connection,
                                                 std::string_view operation) {
  auto begin = Statement::prepare(connection, "BEGIN IMMEDIATE", operation);
  if (!begin) return std::unexpected(begin.error());
  if (auto r = begin->run(); !r) return std::unexpected(r.error());
  return Transaction(connection, operation);
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)),
      operation_(std::move(other.operation_)) {}

Transaction::~Transaction() {
  if (connection_ != nullptr && connection_->in_transaction()) {
    // Best effort; a connection still in a transaction afterwards is discarded by the
    // pool rather than reused.
    (void)connection_->exec("ROLLBACK", operation_);
  }
}

Result<void> Transaction::commit() {
  Connection* connection = std::exchange(connection_, nullptr);
  if (connection == nullptr) return {};
  auto st = Statement::prepare(*connection, "COMMIT", operation_);
  auto r = st ? st->run() : Result<void>(std::unexpected(st.error()));
  if (!r && connection->in_transaction()) (void)connection->exec("ROLLBACK", operation_);
  return r;
}

}  // namespace smdp::store
