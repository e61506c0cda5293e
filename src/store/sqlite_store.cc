// SPDX-License-Identifier: Apache-2.0
#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <string>
#include <utility>

#include "store/connection.h"
#include "store/connection_pool.h"
#include "store/migrations.h"
#include "store/outbox_rows.h"
#include "store/query.h"
#include "store/rows.h"
#include "store/statement.h"

namespace smdp::store {
namespace {

using core::NotificationRecord;
using core::ProfileRecord;
using core::RspSession;
using core::StoreErrc;

std::string select_profiles(std::string_view rest) {
  return std::string("SELECT ") + kProfileColumns + " FROM profiles " + std::string(rest);
}

std::string select_sessions(std::string_view rest) {
  return std::string("SELECT ") + kSessionColumns + " FROM sessions " + std::string(rest);
}

Result<void> set_wal(Connection& connection) {
  auto st = Statement::prepare(connection, "PRAGMA journal_mode = WAL", "open database");
  if (!st) return std::unexpected(st.error());
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  if (!*row || st->column_text() != "wal") {
    return fail(StoreErrc::unavailable, "open database: WAL journal mode not available");
  }
  return {};
}

// After a compare-and-swap UPDATE changed nothing: not_found when the key is absent,
// conflict when the row exists with another version.
Result<void> lost_cas(Connection& c, const char* exists_sql, auto bind_key,
                      std::string_view operation) {
  auto st = Statement::prepare(c, exists_sql, operation);
  if (!st) return std::unexpected(st.error());
  bind_key(*st);
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(StoreErrc::not_found, std::string(operation) + ": no such row");
  return fail(StoreErrc::conflict, std::string(operation) + ": stale version");
}

Result<void> cas_profile(Connection& c, const ProfileRecord& p) {
  constexpr std::string_view op = "update profile";
  auto st = Statement::prepare(
      c,
      "UPDATE profiles SET state = ?, profile_package = ?, profile_metadata = ?, eid = ?, "
      "matching_id = ?, confirmation_code_hash = ?, confirmation_attempts = ?, "
      "max_confirmation_attempts = ?, download_attempts = ?, max_download_attempts = ?, "
      "order_expires_at = ?, session_transaction_id = ?, session_expires_at = ?, result = ?, "
      "updated_at = ?, profile_type = ?, imsi = ?, sealed_values = ?, protected_package = ?, "
      "smds_address = ?, bound_euicc_otpk = ?, bound_package = ?, bound_until = ?, "
      "version = version + 1 WHERE iccid = ? AND version = ?",
      op);
  if (!st) return std::unexpected(st.error());
  bind_profile_fields(*st, p);
  st->bind_text(std::string_view(p.iccid)).bind_int(p.version);
  if (auto r = st->run(); !r) return r;
  if (sqlite3_changes(c.handle()) == 1) return {};
  return lost_cas(
      c, "SELECT 1 FROM profiles WHERE iccid = ?",
      [&](Statement& s) { s.bind_text(std::string_view(p.iccid)); }, op);
}

Result<void> cas_session(Connection& c, const RspSession& s) {
  constexpr std::string_view op = "update session";
  auto st = Statement::prepare(
      c,
      "UPDATE sessions SET state = ?, created_at = ?, expires_at = ?, smdp_address = ?, "
      "euicc_challenge = ?, server_challenge = ?, euicc_info1 = ?, ci_pkid = ?, eid = ?, "
      "euicc_certificate = ?, eum_certificate = ?, iccid = ?, confirmation_code_required = ?, "
      "smdp_signature2 = ?, euicc_otpk = ?, version = version + 1 "
      "WHERE transaction_id = ? AND version = ?",
      op);
  if (!st) return std::unexpected(st.error());
  bind_session_fields(*st, s);
  st->bind_blob(ByteView(s.transaction_id)).bind_int(s.version);
  if (auto r = st->run(); !r) return r;
  if (sqlite3_changes(c.handle()) == 1) return {};
  return lost_cas(
      c, "SELECT 1 FROM sessions WHERE transaction_id = ?",
      [&](Statement& q) { q.bind_blob(ByteView(s.transaction_id)); }, op);
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  auto connection = Connection::open(path);
  if (!connection) return std::unexpected(connection.error());
  if (auto r = set_wal(**connection); !r) return std::unexpected(r.error());
  if (auto r = migrate(**connection); !r) return std::unexpected(r.error());
  auto pool = std::make_unique<ConnectionPool>(path, std::move(*connection));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(pool)));
}

SqliteStore::SqliteStore(std::unique_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

SqliteStore::~SqliteStore() = default;

Result<void> SqliteStore::add_profile(ProfileRecord& profile) {
  constexpr std::string_view op = "add profile";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto st = Statement::prepare(**c, insert_profile_sql(""), op);
  if (!st) return std::unexpected(st.error());
  st->bind_text(std::string_view(profile.iccid));
  bind_profile_fields(*st, profile);
  if (auto r = st->run(); !r) return r;
  if (auto r = tx->commit(); !r) return r;
  profile.version = 1;
  return {};
}

Result<std::optional<ProfileRecord>> SqliteStore::get_profile(std::string_view iccid) {
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto st = Statement::prepare(**c, select_profiles("WHERE iccid = ?"), "get profile");
  if (!st) return std::unexpected(st.error());
  st->bind_text(iccid);
  return first<ProfileRecord>(*st, read_profile);
}

Result<std::optional<ProfileRecord>> SqliteStore::find_profile_by_matching_id(
    std::string_view matching_id) {
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto st = Statement::prepare(**c, select_profiles("WHERE matching_id = ?"),
                               "find profile by matching id");
  if (!st) return std::unexpected(st.error());
  st->bind_text(matching_id);
  return first<ProfileRecord>(*st, read_profile);
}

Result<std::vector<ProfileRecord>> SqliteStore::find_profiles_for_eid(std::string_view eid,
                                                                      core::ProfileState state) {
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto st = Statement::prepare(
      **c, select_profiles("WHERE eid = ? AND matching_id IS NULL AND state = ? ORDER BY seq"),
      "find profiles for eid");
  if (!st) return std::unexpected(st.error());
  st->bind_text(eid).bind_text(core::to_string(state));
  return collect<ProfileRecord>(*st, read_profile);
}

Result<std::vector<ProfileRecord>> SqliteStore::list_profiles() {
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto st = Statement::prepare(**c, select_profiles("ORDER BY seq"), "list profiles");
  if (!st) return std::unexpected(st.error());
  return collect<ProfileRecord>(*st, read_profile);
}

Result<void> SqliteStore::create_session(RspSession& session) {
  constexpr std::string_view op = "create session";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto st = Statement::prepare(**c,
                               std::string("INSERT INTO sessions (") + kSessionColumns +
                                   ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                               op);
  if (!st) return std::unexpected(st.error());
  st->bind_blob(ByteView(session.transaction_id));
  bind_session_fields(*st, session);
  if (auto r = st->run(); !r) return r;
  if (auto r = tx->commit(); !r) return r;
  session.version = 1;
  return {};
}

Result<std::optional<RspSession>> SqliteStore::get_session(ByteView transaction_id) {
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto st = Statement::prepare(**c, select_sessions("WHERE transaction_id = ?"), "get session");
  if (!st) return std::unexpected(st.error());
  st->bind_blob(transaction_id);
  return first<RspSession>(*st, read_session);
}

Result<void> SqliteStore::update(RspSession* session, ProfileRecord* profile,
                                 std::span<core::OutboxMessage> outbox) {
  if (session == nullptr && profile == nullptr && outbox.empty()) return {};
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, "update");
  if (!tx) return std::unexpected(tx.error());
  if (session != nullptr) {
    if (auto r = cas_session(**c, *session); !r) return r;
  }
  if (profile != nullptr) {
    if (auto r = cas_profile(**c, *profile); !r) return r;
  }
  auto ids = insert_outbox(**c, outbox, "update");
  if (!ids) return std::unexpected(ids.error());
  if (auto r = tx->commit(); !r) return r;
  if (session != nullptr) ++session->version;
  if (profile != nullptr) ++profile->version;
  set_outbox_ids(outbox, *ids);
  return {};
}

Result<bool> SqliteStore::record_notification(const NotificationRecord& notification,
                                              ProfileRecord* profile,
                                              std::span<core::OutboxMessage> outbox) {
  constexpr std::string_view op = "record notification";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto st = Statement::prepare(**c,
                               std::string("INSERT INTO notifications (") + kNotificationColumns +
                                   ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                                   "ON CONFLICT (eid, seq_number) DO NOTHING",
                               op);
  if (!st) return std::unexpected(st.error());
  bind_notification(*st, notification);
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  if (sqlite3_changes((*c)->handle()) == 0) return false;  // already recorded; rolled back
  if (profile != nullptr) {
    if (auto r = cas_profile(**c, *profile); !r) return std::unexpected(r.error());
  }
  auto ids = insert_outbox(**c, outbox, op);
  if (!ids) return std::unexpected(ids.error());
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  if (profile != nullptr) ++profile->version;
  set_outbox_ids(outbox, *ids);
  return true;
}

Result<int> SqliteStore::purge_sessions(core::TimePoint before) {
  return write_rows(*pool_, "DELETE FROM sessions WHERE expires_at < ?", "purge sessions",
                    [&](Statement& st) { st.bind_time(before); });
}

Result<std::vector<NotificationRecord>> SqliteStore::list_notifications(std::string_view eid) {
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto st = Statement::prepare(**c,
                               std::string("SELECT ") + kNotificationColumns +
                                   " FROM notifications WHERE eid = ? ORDER BY seq_number",
                               "list notifications");
  if (!st) return std::unexpected(st.error());
  st->bind_text(eid);
  return collect<NotificationRecord>(
      *st, [](Statement& s) -> Result<NotificationRecord> { return read_notification(s); });
}

}  // namespace smdp::store
