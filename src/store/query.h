// SPDX-License-Identifier: Apache-2.0
// Reading query results into records (internal to the store module).
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "base/error.h"
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

}  // namespace smdp::store
