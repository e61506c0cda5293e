// SPDX-License-Identifier: Apache-2.0
#include "store/connection.h"

#include <utility>

#include "store/sqlite_error.h"

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

Connection::~Connection() { sqlite3_close(db_); }

Result<void> Connection::exec(const char* sql, std::string_view operation) {
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return fail_sqlite(db_, rc, operation);
  return {};
}

Result<Transaction> Transaction::begin_immediate(Connection& connection,
                                                 std::string_view operation) {
  if (auto r = connection.exec("BEGIN IMMEDIATE", operation); !r) {
    return std::unexpected(r.error());
  }
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
  auto r = connection->exec("COMMIT", operation_);
  if (!r && connection->in_transaction()) (void)connection->exec("ROLLBACK", operation_);
  return r;
}

}  // namespace smdp::store
