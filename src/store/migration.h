// SPDX-License-Identifier: Apache-2.0
// One step of a versioned schema (internal to the store module). Each engine has its
// own list (sqlite_schema.cc, pg_schema.cc); store/migrations.h applies them.
// Steps are append-only: never edit a released step, add a new one.
#pragma once

#include <span>
#include <string_view>

namespace smdp::store {

struct Migration {
  int version;               // 1, 2, ... in order, without gaps
  std::string_view summary;  // recorded in schema_migrations
  const char* sql;           // one or more statements
};

// The SQLite schema (sqlite_schema.cc) and the PostgreSQL schema (pg_schema.cc).
std::span<const Migration> sqlite_migrations();
std::span<const Migration> postgresql_migrations();

}  // namespace smdp::store
