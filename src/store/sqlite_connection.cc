// SPDX-License-Identifier: Apache-2.0
#include "store/sqlite_connection.h"

#include <utility>

#include "store/sqlite_error.h"
#include "store/sqlite_statement.h"

namespace smdp::store {

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = sqlite_error(db, rc, "open database");
    sqlite3_close(db);  // a handle is returned even on failure
    return std::unexpected(std::move(e));
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(kBusyTimeout.count()));
  if (auto r = connection->exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                                "open database");
      !r) {
    return std::unexpected(r.error());
  }
  return connection;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : idle_statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Result<std::unique_ptr<sql::Statement>> SqliteConnection::prepare(const std::string& sql,
                                                                  std::string_view operation) {
  auto st = SqliteStatement::prepare(*this, sql, operation);
  if (!st) return std::unexpected(st.error());
  return std::unique_ptr<sql::Statement>(std::move(*st));
}

sqlite3_stmt* SqliteConnection::take_statement(const std::string& sql) {
  auto it = idle_statements_.find(sql);
  if (it == idle_statements_.end()) return nullptr;
  sqlite3_stmt* stmt = it->second;
  idle_statements_.erase(it);
  return stmt;
}

void SqliteConnection::give_back_statement(std::string sql, sqlite3_stmt* stmt) {
  if (idle_statements_.size() >= kMaxIdleStatements ||
      !idle_statements_.try_emplace(std::move(sql), stmt).second)
    sqlite3_finalize(stmt);
}

Result<void> SqliteConnection::exec(const std::string& sql, std::string_view operation) {
  if (sql.find(';') == std::string::npos) {
    auto st = SqliteStatement::prepare(*this, sql, operation);
    if (!st) return std::unexpected(st.error());
    return (*st)->run();
  }
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return fail_sqlite(db_, rc, operation);
  return {};
}

}  // namespace smdp::store
