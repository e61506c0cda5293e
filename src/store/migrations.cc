// SPDX-License-Identifier: Apache-2.0
#include "store/migrations.h"

#include <chrono>
#include <string>

#include "core/store.h"

namespace smdp::store {
namespace {

// Serialises migrators on PostgreSQL until their transaction ends (any fixed key).
constexpr const char* kPgMigrationLock = "SELECT pg_advisory_xact_lock(5316443)";

Result<int> read_int(sql::Connection& connection, const std::string& sql) {
  auto st = connection.prepare(sql, "read schema version");
  if (!st) return std::unexpected(st.error());
  auto row = (*st)->step();
  if (!row) return std::unexpected(row.error());
  return *row ? static_cast<int>((*st)->column_int()) : 0;
}

Result<void> apply(sql::Connection& connection, const Migration& m) {
  const std::string op = "migrate schema to version " + std::to_string(m.version);
  if (auto r = connection.exec(m.sql, op); !r) return r;
  auto st = connection.prepare(
      "INSERT INTO schema_migrations (version, summary, applied_at) VALUES (?, ?, ?)", op);
  if (!st) return std::unexpected(st.error());
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  if (auto r = (*st)->bind_int(m.version).bind_text(m.summary).bind_time(now).run(); !r) return r;
  if (connection.engine() != sql::Engine::sqlite) return {};
  // PRAGMA takes no parameters; the value is our own integer.
  return connection.exec("PRAGMA user_version = " + std::to_string(m.version), op);
}

}  // namespace

std::span<const Migration> migrations(sql::Engine engine) {
  return engine == sql::Engine::sqlite ? sqlite_migrations() : postgresql_migrations();
}

int latest_schema_version(sql::Engine engine) { return migrations(engine).back().version; }

Result<int> schema_version(sql::Connection& connection) {
  if (connection.engine() == sql::Engine::sqlite)
    return read_int(connection, "PRAGMA user_version");
  auto exists =
      read_int(connection,
               "SELECT count(*) FROM information_schema.tables "
               "WHERE table_schema = current_schema() AND table_name = 'schema_migrations'");
  if (!exists || *exists == 0) return exists;
  return read_int(connection, "SELECT coalesce(max(version), 0) FROM schema_migrations");
}

Result<void> check_schema(sql::Connection& connection) {
  auto current = schema_version(connection);
  if (!current) return std::unexpected(current.error());
  const int latest = latest_schema_version(connection.engine());
  if (*current > latest) {
    return fail(core::StoreErrc::unavailable, "open database: schema version " +
                                                  std::to_string(*current) +
                                                  " is newer than this build supports (" +
                                                  std::to_string(latest) + "); use a newer smdpp");
  }
  if (*current < latest) {
    return fail(core::StoreErrc::unavailable, "open database: schema version " +
                                                  std::to_string(*current) + ", this build needs " +
                                                  std::to_string(latest) +
                                                  "; run `smdpp db migrate` first");
  }
  return {};
}

Result<void> migrate(sql::Connection& connection) {
  auto tx = sql::Transaction::begin(connection, "migrate schema");
  if (!tx) return std::unexpected(tx.error());
  if (connection.engine() == sql::Engine::postgresql) {
    if (auto r = connection.exec(kPgMigrationLock, "migrate schema"); !r) return r;
  }
  auto current = schema_version(connection);
  if (!current) return std::unexpected(current.error());
  const int latest = latest_schema_version(connection.engine());
  if (*current > latest) return check_schema(connection);  // the refusal
  for (const Migration& m : migrations(connection.engine())) {
    if (m.version <= *current) continue;
    if (auto r = apply(connection, m); !r) return r;
  }
  return tx->commit();
}

}  // namespace smdp::store
