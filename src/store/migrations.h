// SPDX-License-Identifier: Apache-2.0
// Versioned schemas (internal to the store module): each engine's steps
// (store/migration.h) and how they are applied.
//
// - The version is PRAGMA user_version on SQLite and the highest version recorded in
//   schema_migrations on PostgreSQL (0: an empty database). schema_migrations records
//   when each step was applied, on both.
// - migrate() applies, in one write transaction, every step newer than the database's
//   version, so two processes migrating a new database at once apply each step exactly
//   once (SQLite: the write lock; PostgreSQL: a transaction-scoped advisory lock, and
//   DDL is transactional).
// - A database whose version is newer than the last step this build knows is refused
//   (unavailable): an older binary must not write a schema it does not understand.
#pragma once

#include <span>

#include "base/error.h"
#include "store/migration.h"
#include "store/sql.h"

namespace smdp::store {

std::span<const Migration> migrations(sql::Engine engine);
// The version a fully migrated database of `engine` has.
int latest_schema_version(sql::Engine engine);

// The database's schema version (0 when it has none yet).
Result<int> schema_version(sql::Connection& connection);
// Brings the database on `connection` to latest_schema_version().
Result<void> migrate(sql::Connection& connection);
// unavailable unless the database is at latest_schema_version(): names what to do
// ("smdpp db migrate", or a newer smdpp).
Result<void> check_schema(sql::Connection& connection);

}  // namespace smdp::store
