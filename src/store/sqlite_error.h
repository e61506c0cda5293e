// SPDX-License-Identifier: Apache-2.0
// Maps SQLite result codes to StoreErrc values (internal to the store module):
// a UNIQUE or PRIMARY KEY violation is conflict, a FOREIGN KEY violation not_found,
// everything else (busy beyond the timeout, I/O, corruption, misuse) unavailable.
// The context names the operation and SQLite's message, which names tables and
// columns, never bound values.
#pragma once

#include <sqlite3.h>

#include <string_view>

#include "base/error.h"
#include "core/store.h"

namespace smdp::store {

Error sqlite_error(sqlite3* db, int rc, std::string_view operation);

inline std::unexpected<Error> fail_sqlite(sqlite3* db, int rc, std::string_view operation) {
  return std::unexpected(sqlite_error(db, rc, operation));
}

}  // namespace smdp::store
