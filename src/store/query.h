// SPDX-License-Identifier: Apache-2.0
// Running statements and reading their rows into records, on any engine (internal to
// the store module).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"
#include "store/pool.h"
#include "store/sql.h"

namespace smdp::store {

// Runs a prepared query and collects every row with `read` (sql::Statement& ->
// Result<T>).
template <class T, class Read>
Result<std::vector<T>> collect(sql::Statement& st, Read read) {
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

// Runs a prepared query that returns at most one row (further rows are not read).
template <class T, class Read>
Result<std::optional<T>> first(sql::Statement& st, Read read) {
  auto row = st.step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<T>();
  auto value = read(st);
  if (!value) return std::unexpected(value.error());
  return std::optional<T>(std::move(*value));
}

// A query on `c`: binds its parameters with `bind(sql::Statement&)`, reads every row
// (select_rows) or the first (select_row) with `read`.
template <class T, class Bind, class Read>
Result<std::vector<T>> select_rows(sql::Connection& c, const std::string& sql,
                                   std::string_view operation, Bind bind, Read read) {
  auto st = c.prepare(sql, operation);
  if (!st) return std::unexpected(st.error());
  bind(**st);
  return collect<T>(**st, read);
}

template <class T, class Bind, class Read>
Result<std::optional<T>> select_row(sql::Connection& c, const std::string& sql,
                                    std::string_view operation, Bind bind, Read read) {
  auto st = c.prepare(sql, operation);
  if (!st) return std::unexpected(st.error());
  bind(**st);
  return first<T>(**st, read);
}

// The same on a pooled connection, outside any transaction.
template <class T, class Bind, class Read>
Result<std::vector<T>> select_rows(Pool& pool, const std::string& sql, std::string_view operation,
                                   Bind bind, Read read) {
  auto c = pool.acquire();
  if (!c) return std::unexpected(c.error());
  return select_rows<T>(**c, sql, operation, bind, read);
}

template <class T, class Bind, class Read>
Result<std::optional<T>> select_row(Pool& pool, const std::string& sql, std::string_view operation,
                                    Bind bind, Read read) {
  auto c = pool.acquire();
  if (!c) return std::unexpected(c.error());
  return select_row<T>(**c, sql, operation, bind, read);
}

// For select_rows/select_row without parameters.
inline void no_parameters(sql::Statement& /*st*/) {}

// One writing statement on `c`: binds its parameters with `bind`, runs it and returns
// how many rows it changed.
template <class Bind>
Result<std::int64_t> execute(sql::Connection& c, const std::string& sql, std::string_view operation,
                             Bind bind) {
  auto st = c.prepare(sql, operation);
  if (!st) return std::unexpected(st.error());
  bind(**st);
  if (auto r = (*st)->run(); !r) return std::unexpected(r.error());
  return (*st)->changes();
}

// Runs `f(sql::Connection&)` -> Result<T> in one write transaction on a pooled
// connection: committed when f succeeds, rolled back when it fails. Whatever f reports
// as done is only durable once this returns a value.
template <class F>
auto write_transaction(Pool& pool, std::string_view operation, F f)
    -> decltype(f(std::declval<sql::Connection&>())) {
  auto c = pool.acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = sql::Transaction::begin(**c, operation);
  if (!tx) return std::unexpected(tx.error());
  auto result = f(**c);
  if (!result) return result;
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  return result;
}

// Runs `f(sql::Connection&)`, which runs one writing statement, atomically: in a write
// transaction where the engine needs one (Dialect::single_write_in_transaction), on a
// pooled connection in autocommit mode otherwise (one round trip).
template <class F>
auto write_statement(Pool& pool, std::string_view operation, F f)
    -> decltype(f(std::declval<sql::Connection&>())) {
  if (sql::dialect(pool.engine()).single_write_in_transaction)
    return write_transaction(pool, operation, f);
  auto c = pool.acquire();
  if (!c) return std::unexpected(c.error());
  return f(**c);
}

// One writing statement: returns how many rows it changed.
template <class Bind>
Result<std::int64_t> write_rows(Pool& pool, const std::string& sql, std::string_view operation,
                                Bind bind) {
  return write_statement(pool, operation,
                         [&](sql::Connection& c) { return execute(c, sql, operation, bind); });
}

// One writing statement with a RETURNING clause: returns its rows, read with `read`.
template <class T, class Bind, class Read>
Result<std::vector<T>> write_rows_returning(Pool& pool, const std::string& sql,
                                            std::string_view operation, Bind bind, Read read) {
  return write_statement(pool, operation, [&](sql::Connection& c) {
    return select_rows<T>(c, sql, operation, bind, read);
  });
}

// A row count as bound to a LIMIT parameter (clamped to 64-bit integers).
inline std::int64_t as_limit(std::size_t limit) {
  return static_cast<std::int64_t>(std::min<std::size_t>(
      limit, static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max())));
}

}  // namespace smdp::store
