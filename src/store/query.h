// SPDX-License-Identifier: Apache-2.0
// Reading query results into records, and single-statement writes (internal to the
// store module).
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"
#include "store/connection.h"
#include "store/connection_pool.h"
#include "store/statement.h"

namespace smdp::store {

// Runs a prepared query and collects every row with `read` (Statement& -> Result<T>).
template <class T, class Read>
Result<std::vector<T>> collect(Statement& st, Read read) {
  std::vector<T> out;
  for (;;) {
    auto row = st.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    auto value = read(st);
    if (!value) return std::unexpected(value.error());
    out.push_back(std::move(*value));
  }
}

// Runs a prepared query that returns at most one row.
template <class T, class Read>
Result<std::optional<T>> first(Statement& st, Read read) {
  auto row = st.step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<T>();
  auto value = read(st);
  if (!value) return std::unexpected(value.error());
  return std::optional<T>(std::move(*value));
}

// Runs `f(Statement&)` on `sql` prepared on a pooled connection.
template <class F>
auto with_statement(ConnectionPool& pool, const std::string& sql, std::string_view operation, F f)
    -> decltype(f(std::declval<Statement&>())) {
  auto c = pool.acquire();
  if (!c) return std::unexpected(c.error());
  auto st = Statement::prepare(**c, sql, operation);
  if (!st) return std::unexpected(st.error());
  return f(*st);
}

// A SELECT: binds its parameters with `bind(Statement&)`, reads every row with `read`.
template <class T, class Bind, class Read>
Result<std::vector<T>> select_rows(ConnectionPool& pool, const std::string& sql,
                                   std::string_view operation, Bind bind, Read read) {
  return with_statement(pool, sql, operation, [&](Statement& st) {
    bind(st);
    return collect<T>(st, read);
  });
}

// The same for a query that returns at most one row.
template <class T, class Bind, class Read>
Result<std::optional<T>> select_row(ConnectionPool& pool, const std::string& sql,
                                    std::string_view operation, Bind bind, Read read) {
  return with_statement(pool, sql, operation, [&](Statement& st) {
    bind(st);
    return first<T>(st, read);
  });
}

// For select_rows/select_row without parameters.
inline void no_parameters(Statement& /*st*/) {}

// A row count as bound to a LIMIT parameter (clamped to SQLite's 64-bit integers).
inline std::int64_t as_limit(std::size_t limit) {
  return static_cast<std::int64_t>(std::min<std::size_t>(
      limit, static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max())));
}

// One writing statement in its own BEGIN IMMEDIATE transaction: binds its parameters
// with `bind(Statement&)`, runs it, commits and returns how many rows it changed.
template <class Bind>
Result<int> write_rows(ConnectionPool& pool, const std::string& sql, std::string_view operation,
                       Bind bind) {
  auto c = pool.acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, operation);
  if (!tx) return std::unexpected(tx.error());
  auto st = Statement::prepare(**c, sql, operation);
  if (!st) return std::unexpected(st.error());
  bind(*st);
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  const int changed = sqlite3_changes((*c)->handle());
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  return changed;
}

}  // namespace smdp::store
