// SPDX-License-Identifier: Apache-2.0
// The SQLite engine's connection (internal to the store module; sql.h is the contract).
//
// Every connection runs with foreign_keys=ON, synchronous=NORMAL and a busy timeout of
// kBusyTimeout; WAL journal mode is persistent in the file and set when the store opens
// it. A connection is used by one thread at a time (SQLite multi-thread mode); the pool
// in pool.h hands them out.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/error.h"
#include "store/sql.h"

namespace smdp::store {

inline constexpr std::chrono::milliseconds kBusyTimeout{5000};
// The store's SQL texts are fixed (values are always bound), so this bound is never
// reached in practice; it keeps memory bounded whatever a future query does.
inline constexpr std::size_t kMaxIdleStatements = 256;

class SqliteConnection final : public sql::Connection {
 public:
  // Opens `path`, creating the file when missing (not its directory).
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path);

  ~SqliteConnection() override;

  sqlite3* handle() const { return db_; }
  sql::Engine engine() const override { return sql::Engine::sqlite; }
  Result<std::unique_ptr<sql::Statement>> prepare(const std::string& sql,
                                                  std::string_view operation) override;
  // A single statement (no ';') goes through the statement cache; several run with
  // sqlite3_exec.
  Result<void> exec(const std::string& sql, std::string_view operation) override;
  bool in_transaction() const override { return sqlite3_get_autocommit(db_) == 0; }
  bool healthy() const override { return true; }

  // The statement cache behind prepare(): each SQL text is compiled once per
  // connection. take_statement hands out an idle compiled statement for `sql` (nullptr
  // if none), which is then in use and out of the cache; give_back_statement returns
  // it, already reset, or finalizes it if the cache holds one for that SQL already (the
  // same SQL used twice at once).
  sqlite3_stmt* take_statement(const std::string& sql);
  void give_back_statement(std::string sql, sqlite3_stmt* stmt);

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> idle_statements_;
};

}  // namespace smdp::store
