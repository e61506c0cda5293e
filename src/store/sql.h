// SPDX-License-Identifier: Apache-2.0
// The SQL database as the store uses it, whatever the engine (internal to the store
// module): SqlStore (sql_store.h) is written once against these interfaces, and each
// engine (SQLite: sqlite_*.h, PostgreSQL: pg_*.h) implements them.
//
// SQL text conventions, shared by every engine:
// - Parameters are `?` (the next one) or `?N` (the N-th, 1-based, may repeat); the
//   PostgreSQL engine rewrites them to `$N`. No `?` may appear inside a string literal.
// - Only types both engines read the same way: BIGINT-compatible integers, TEXT, and
//   byte strings (SQLite BLOB, PostgreSQL BYTEA). Empty byte strings are bound
//   parameters, never literals (x'' is SQLite-only). Booleans are integers 0/1; times
//   are integer seconds since the epoch.
// - Engine-specific fragments come from Dialect, never from string tests on the engine.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"
#include "core/clock.h"

namespace smdp::store::sql {

enum class Engine { sqlite, postgresql };

// The type of a parameter, for NULLs (PostgreSQL types every parameter).
enum class Type { integer, text, blob };

// One prepared statement on one connection, used by one thread. Parameters are bound in
// order (each bind_* binds the next one); result columns are read in order (each
// column_* reads the next column of the current row and advances).
class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  virtual ~Statement() = default;

  virtual Statement& bind_int(std::int64_t value) = 0;
  virtual Statement& bind_text(std::string_view value) = 0;
  virtual Statement& bind_blob(ByteView value) = 0;
  virtual Statement& bind_null(Type type) = 0;

  Statement& bind_bool(bool value) { return bind_int(value ? 1 : 0); }
  Statement& bind_text(const std::optional<std::string>& value);
  Statement& bind_blob(const std::optional<Bytes>& value);
  Statement& bind_optional_int(const std::optional<std::int64_t>& value);
  Statement& bind_time(core::TimePoint value);
  Statement& bind_time(const std::optional<core::TimePoint>& value);

  // Makes the statement ready to run again with new parameters (all bound again).
  virtual void reset() = 0;
  // Runs the statement on the first call after binding, then moves to the next row:
  // true when a row is available, false when there is none left. A bind error is
  // returned here.
  virtual Result<bool> step() = 0;
  // Runs the statement to completion, ignoring any rows.
  Result<void> run();
  // Rows inserted, updated or deleted by the last completed run.
  virtual std::int64_t changes() const = 0;

  // True when the next column of the current row is NULL (does not advance).
  virtual bool column_is_null() const = 0;
  virtual std::int64_t column_int() = 0;
  virtual std::string column_text() = 0;
  virtual Bytes column_blob() = 0;
  // Moves past the next column.
  virtual void skip_column() = 0;

  bool column_bool() { return column_int() != 0; }
  std::optional<std::int64_t> column_optional_int();
  std::optional<std::string> column_optional_text();
  std::optional<Bytes> column_optional_blob();
  core::TimePoint column_time();
  std::optional<core::TimePoint> column_optional_time();
};

// SQL fragments that differ between engines.
struct Dialect {
  // Opens a write transaction (SQLite takes the write lock at once).
  const char* begin_write;
  // Appended to a SELECT whose rows the transaction is about to change: lock_rows
  // makes concurrent writers of those rows queue, lock_skip_locked makes them pick
  // other rows. Both "" where writers are serialised anyway.
  const char* lock_rows;
  const char* lock_skip_locked;
  // Whether a single writing statement needs an explicit write transaction (SQLite: so
  // that it waits for the write lock instead of failing on a stale WAL snapshot).
  bool single_write_in_transaction;
};

const Dialect& dialect(Engine engine);

// One connection, used by one thread at a time. Statements must not outlive it.
class Connection {
 public:
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  virtual ~Connection() = default;

  virtual Engine engine() const = 0;
  const Dialect& sql_dialect() const { return dialect(engine()); }
  // `operation` names the store method for error contexts. Each SQL text is compiled
  // once per connection (a per-connection cache).
  virtual Result<std::unique_ptr<Statement>> prepare(const std::string& sql,
                                                     std::string_view operation) = 0;
  // Runs SQL without parameters that returns no rows (may hold several statements).
  virtual Result<void> exec(const std::string& sql, std::string_view operation) = 0;
  // True while a transaction is open (for example after a failed ROLLBACK).
  virtual bool in_transaction() const = 0;
  // False once the connection is lost or unusable: the pool drops it.
  virtual bool healthy() const = 0;
};

// A write transaction (Dialect::begin_write), rolled back on destruction unless
// committed.
class Transaction {
 public:
  static Result<Transaction> begin(Connection& connection, std::string_view operation);

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

}  // namespace smdp::store::sql
