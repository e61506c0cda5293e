// SPDX-License-Identifier: Apache-2.0
// Versioned schema of the SQLite store. The schema version is PRAGMA user_version; the
// table schema_migrations records when each step was applied. migrate() applies, in
// one BEGIN IMMEDIATE transaction, every step newer than the file's version, so two
// processes opening a new file at once apply each step exactly once. A file whose
// version is newer than the last step this build knows is refused (unavailable):
// an older binary must not write a schema it does not understand.
//
// Steps are append-only: never edit a released step, add a new one.
#pragma once

#include <span>
#include <string_view>

#include "base/error.h"
#include "store/connection.h"

namespace smdp::store {

struct Migration {
  int version;               // 1, 2, ... in order, without gaps
  std::string_view summary;  // recorded in schema_migrations
  const char* sql;           // one or more statements
};

// Every step, in order.
std::span<const Migration> migrations();
// The version a fully migrated database has.
int latest_schema_version();

// Brings the database on `connection` to latest_schema_version().
Result<void> migrate(Connection& connection);

}  // namespace smdp::store
