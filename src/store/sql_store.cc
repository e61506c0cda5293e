// SPDX-License-Identifier: Apache-2.0
// SqlStore: opening, profiles, sessions, the updates of an RSP session and
// notifications. Contract and choices in store/sql_store.h.
#include "store/sql_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <utility>

#include "store/migrations.h"
#include "store/outbox_rows.h"
#include "store/pg_connection.h"
#include "store/pool.h"
#include "store/query.h"
#include "store/rows.h"
#include "store/sqlite_connection.h"

namespace smdp::store {
namespace {

using core::NotificationRecord;
using core::ProfileRecord;
using core::RspSession;
using core::StoreErrc;

std::string select_sessions(std::string_view rest) {
  return std::string("SELECT ") + kSessionColumns + " FROM sessions " + std::string(rest);
}

Result<void> set_wal(sql::Connection& connection) {
  auto st = connection.prepare("PRAGMA journal_mode = WAL", "open database");
  if (!st) return std::unexpected(st.error());
  auto row = (*st)->step();
  if (!row) return std::unexpected(row.error());
  if (!*row || (*st)->column_text() != "wal") {
    return fail(StoreErrc::unavailable, "open database: WAL journal mode not available");
  }
  return {};
}

Result<std::unique_ptr<Pool>> open_sqlite(const std::string& path, SchemaMode mode) {
  // A database file created here is the owner's alone whatever the umask; SQLite gives
  // its -wal and -shm files the database file's mode. Created (and its descriptor closed)
  // only when it does not exist yet: closing any descriptor of a file drops every POSIX
  // lock this process holds on it, which would corrupt a database already open here.
  if (const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600); fd >= 0)
    ::close(fd);
  auto connection = SqliteConnection::open(path);
  if (!connection) return std::unexpected(connection.error());
  if (auto r = set_wal(**connection); !r) return std::unexpected(r.error());
  auto r = mode == SchemaMode::require_current ? check_schema(**connection) : migrate(**connection);
  if (!r) return std::unexpected(r.error());
  return std::make_unique<Pool>(
      sql::Engine::sqlite,
      [path]() -> Result<std::unique_ptr<sql::Connection>> {
        auto c = SqliteConnection::open(path);
        if (!c) return std::unexpected(c.error());
        return std::unique_ptr<sql::Connection>(std::move(*c));
      },
      std::move(*connection));
}

Result<std::unique_ptr<Pool>> open_postgresql(const std::string& url, SchemaMode mode) {
  auto connection = PgConnection::open(url);
  if (!connection) return std::unexpected(connection.error());
  auto r = mode == SchemaMode::migrate ? migrate(**connection) : check_schema(**connection);
  if (!r) return std::unexpected(r.error());
  return std::make_unique<Pool>(
      sql::Engine::postgresql,
      [url]() -> Result<std::unique_ptr<sql::Connection>> {
        auto c = PgConnection::open(url);
        if (!c) return std::unexpected(c.error());
        return std::unique_ptr<sql::Connection>(std::move(*c));
      },
      std::move(*connection));
}

// After a compare-and-swap UPDATE changed nothing: not_found when the key is absent,
// conflict when the row exists with another version.
Result<void> lost_cas(sql::Connection& c, const char* exists_sql, auto bind_key,
                      std::string_view operation) {
  auto found = select_row<bool>(c, exists_sql, operation, bind_key,
                                [](sql::Statement&) -> Result<bool> { return true; });
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(StoreErrc::not_found, std::string(operation) + ": no such row");
  return fail(StoreErrc::conflict, std::string(operation) + ": stale version");
}

Result<void> cas_profile(sql::Connection& c, const ProfileRecord& p) {
  constexpr std::string_view op = "update profile";
  auto changed = execute(
      c,
      "UPDATE profiles SET state = ?, profile_package = ?, profile_metadata = ?, eid = ?, "
      "matching_id = ?, confirmation_code_hash = ?, confirmation_attempts = ?, "
      "max_confirmation_attempts = ?, download_attempts = ?, max_download_attempts = ?, "
      "order_expires_at = ?, session_transaction_id = ?, session_expires_at = ?, result = ?, "
      "updated_at = ?, profile_type = ?, imsi = ?, sealed_values = ?, protected_package = ?, "
      "smds_address = ?, bound_euicc_otpk = ?, bound_package = ?, bound_until = ?, "
      "version = version + 1 WHERE iccid = ? AND version = ?",
      op, [&](sql::Statement& st) {
        bind_profile_fields(st, p);
        st.bind_text(std::string_view(p.iccid)).bind_int(p.version);
      });
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 1) return {};
  return lost_cas(
      c, "SELECT 1 FROM profiles WHERE iccid = ?",
      [&](sql::Statement& s) { s.bind_text(std::string_view(p.iccid)); }, op);
}

Result<void> cas_session(sql::Connection& c, const RspSession& s) {
  constexpr std::string_view op = "update session";
  auto changed = execute(
      c,
      "UPDATE sessions SET state = ?, created_at = ?, expires_at = ?, smdp_address = ?, "
      "euicc_challenge = ?, server_challenge = ?, euicc_info1 = ?, ci_pkid = ?, eid = ?, "
      "euicc_certificate = ?, eum_certificate = ?, iccid = ?, confirmation_code_required = ?, "
      "smdp_signature2 = ?, euicc_otpk = ?, version = version + 1 "
      "WHERE transaction_id = ? AND version = ?",
      op, [&](sql::Statement& st) {
        bind_session_fields(st, s);
        st.bind_blob(ByteView(s.transaction_id)).bind_int(s.version);
      });
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 1) return {};
  return lost_cas(
      c, "SELECT 1 FROM sessions WHERE transaction_id = ?",
      [&](sql::Statement& q) { q.bind_blob(ByteView(s.transaction_id)); }, op);
}

}  // namespace

bool is_postgresql_url(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string redacted_location(std::string_view location) {
  std::string out(location);
  const auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    const auto at = out.find('@', scheme + 3);
    const auto slash = out.find('/', scheme + 3);
    const auto colon = out.find(':', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash) &&
        colon != std::string::npos && colon < at)
      out.replace(colon + 1, at - colon - 1, "***");
  }
  if (const auto p = out.find("password="); p != std::string::npos) {
    const auto value = p + 9;
    const auto end = out.find('&', value);
    out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
  }
  return out;
}

Result<std::unique_ptr<SqlStore>> SqlStore::open(const std::string& location, SchemaMode mode) {
  auto pool =
      is_postgresql_url(location) ? open_postgresql(location, mode) : open_sqlite(location, mode);
  if (!pool) return std::unexpected(pool.error());
  return std::unique_ptr<SqlStore>(new SqlStore(std::move(*pool)));
}

SqlStore::SqlStore(std::unique_ptr<Pool> pool) : pool_(std::move(pool)) {}

SqlStore::~SqlStore() = default;

sql::Engine SqlStore::engine() const { return pool_->engine(); }

int SqlStore::latest_schema_version() const { return store::latest_schema_version(engine()); }

Result<void> SqlStore::check_ready() {
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  return check_schema(**c);
}

Result<void> SqlStore::add_profile(ProfileRecord& profile) {
  auto added = write_rows(*pool_, insert_profile_sql(""), "add profile", [&](sql::Statement& st) {
    st.bind_text(std::string_view(profile.iccid));
    bind_profile_fields(st, profile);
  });
  if (!added) return std::unexpected(added.error());
  profile.version = 1;
  return {};
}

Result<std::optional<ProfileRecord>> SqlStore::get_profile(std::string_view iccid) {
  return select_row<ProfileRecord>(
      *pool_, select_profiles("WHERE iccid = ?"), "get profile",
      [&](sql::Statement& st) { st.bind_text(iccid); }, read_profile);
}

Result<std::optional<ProfileRecord>> SqlStore::find_profile_by_matching_id(
    std::string_view matching_id) {
  return select_row<ProfileRecord>(
      *pool_, select_profiles("WHERE matching_id = ?"), "find profile by matching id",
      [&](sql::Statement& st) { st.bind_text(matching_id); }, read_profile);
}

Result<std::vector<ProfileRecord>> SqlStore::find_profiles_for_eid(std::string_view eid,
                                                                   core::ProfileState state) {
  return select_rows<ProfileRecord>(
      *pool_, select_profiles("WHERE eid = ? AND matching_id IS NULL AND state = ? ORDER BY seq"),
      "find profiles for eid",
      [&](sql::Statement& st) { st.bind_text(eid).bind_text(core::to_string(state)); },
      read_profile);
}

Result<std::vector<ProfileRecord>> SqlStore::list_profiles() {
  return select_rows<ProfileRecord>(*pool_, select_profiles("ORDER BY seq"), "list profiles",
                                    no_parameters, read_profile);
}

Result<void> SqlStore::create_session(RspSession& session) {
  auto added = write_rows(*pool_,
                          std::string("INSERT INTO sessions (") + kSessionColumns +
                              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                          "create session", [&](sql::Statement& st) {
                            st.bind_blob(ByteView(session.transaction_id));
                            bind_session_fields(st, session);
                          });
  if (!added) return std::unexpected(added.error());
  session.version = 1;
  return {};
}

Result<std::optional<RspSession>> SqlStore::get_session(ByteView transaction_id) {
  return select_row<RspSession>(
      *pool_, select_sessions("WHERE transaction_id = ?"), "get session",
      [&](sql::Statement& st) { st.bind_blob(transaction_id); }, read_session);
}

// One statement (a session or a profile alone) runs as write_statement: on PostgreSQL
// without BEGIN and COMMIT, one round trip.
Result<void> SqlStore::update(RspSession* session, ProfileRecord* profile,
                              std::span<core::OutboxMessage> outbox) {
  if (session == nullptr && profile == nullptr && outbox.empty()) return {};
  auto write = [&](sql::Connection& c) -> Result<std::vector<std::int64_t>> {
    if (session != nullptr) {
      if (auto r = cas_session(c, *session); !r) return std::unexpected(r.error());
    }
    if (profile != nullptr) {
      if (auto r = cas_profile(c, *profile); !r) return std::unexpected(r.error());
    }
    return insert_outbox(c, outbox, "update");
  };
  const bool one_statement = outbox.empty() && (session == nullptr || profile == nullptr);
  auto ids = one_statement ? write_statement(*pool_, "update", write)
                           : write_transaction(*pool_, "update", write);
  if (!ids) return std::unexpected(ids.error());
  if (session != nullptr) ++session->version;
  if (profile != nullptr) ++profile->version;
  set_outbox_ids(outbox, *ids);
  return {};
}

Result<bool> SqlStore::record_notification(const NotificationRecord& notification,
                                           ProfileRecord* profile,
                                           std::span<core::OutboxMessage> outbox) {
  constexpr std::string_view op = "record notification";
  std::vector<std::int64_t> ids;
  auto recorded = write_transaction(*pool_, op, [&](sql::Connection& c) -> Result<bool> {
    auto inserted = execute(c,
                            std::string("INSERT INTO notifications (") + kNotificationColumns +
                                ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (eid, seq_number) DO NOTHING",
                            op, [&](sql::Statement& st) { bind_notification(st, notification); });
    if (!inserted) return std::unexpected(inserted.error());
    if (*inserted == 0) return false;  // already recorded: nothing written
    if (profile != nullptr) {
      if (auto r = cas_profile(c, *profile); !r) return std::unexpected(r.error());
    }
    auto appended = insert_outbox(c, outbox, op);
    if (!appended) return std::unexpected(appended.error());
    ids = std::move(*appended);
    return true;
  });
  if (!recorded || !*recorded) return recorded;
  if (profile != nullptr) ++profile->version;
  set_outbox_ids(outbox, ids);
  return true;
}

Result<int> SqlStore::purge_sessions(core::TimePoint before) {
  auto purged = write_rows(*pool_, "DELETE FROM sessions WHERE expires_at < ?", "purge sessions",
                           [&](sql::Statement& st) { st.bind_time(before); });
  if (!purged) return std::unexpected(purged.error());
  return static_cast<int>(*purged);
}

Result<std::vector<NotificationRecord>> SqlStore::list_notifications(std::string_view eid) {
  return select_rows<NotificationRecord>(
      *pool_,
      std::string("SELECT ") + kNotificationColumns +
          " FROM notifications WHERE eid = ? ORDER BY seq_number",
      "list notifications", [&](sql::Statement& st) { st.bind_text(eid); },
      [](sql::Statement& s) -> Result<NotificationRecord> { return read_notification(s); });
}

}  // namespace smdp::store
