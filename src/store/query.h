// SPDX-License-Identifier: Apache-2.0
// Reading query results into records (internal to the store module).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"
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

}  // namespace smdp::store
