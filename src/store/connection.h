// SPDX-License-Identifier: Apache-2.0
// One SQLite connection and the write transaction on it (internal to the store module).
//
// Every connection runs with foreign_keys=ON, synchronous=NORMAL and a busy timeout of
// kBusyTimeout; WAL journal mode is persistent in the file and set by SqliteStore::open.
// A connection is used by one thread at a time (SQLite multi-thread mode); the pool in
// connection_pool.h hands them out.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/error.h"

namespace smdp::store {

inline constexpr std::chrono::milliseconds kBusyTimeout{5000};
// The store's SQL texts are fixed (values are always bound), so this bound is never
// reached in practice; it keeps memory bounded whatever a future query does.
inline constexpr std::size_t kMaxIdleStatements = 256;

class Connection {
 public:
  // Opens `path`, creating the file when missing (not its directory).
  static Result<std::unique_ptr<Connection>> open(const std::string& path);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  sqlite3* handle() const { return db_; }
  // Runs one or more SQL statements that return no rows.
  Result<void> exec(const char* sql, std::string_view operation);
  // True while a transaction is open (for example after a failed ROLLBACK).
  bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

  // The statement cache behind Statement::prepare (statement.h): each SQL text is
  // compiled once per connection. take_statement hands out an idle compiled statement
  // for `sql` (nullptr if none), which is then in use and out of the cache;
  // give_back_statement returns it, already reset, or finalizes it if the cache holds
  // one for that SQL already (the same SQL used twice at once).
  sqlite3_stmt* take_statement(const std::string& sql);
  void give_back_statement(std::string sql, sqlite3_stmt* stmt);

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> idle_statements_;
};

// A BEGIN IMMEDIATE transaction: the write lock is taken at the start (waiting up to
// the busy timeout), so a transaction never fails half-way for a lock it could not
// upgrade. Rolled back on destruction unless committed.
class Transaction {
 public:
  static Result<Transaction> begin_immediate(Connection& connection, std::string_view operation);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  Result<void> commit();

 private:
  Transaction(Connection& connection, std::string_view operation)
      : connection_(&connection), operation_(operation) {}
  Connection* connection_;
  std::string operation_;
};

}  // namespace smdp::store
