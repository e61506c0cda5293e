// SPDX-License-Identifier: Apache-2.0
// core::InventoryStore on SQLite: templates, profile types, bulk import of
// subscriptions, allocation by profile type with the low-stock event, counts, events.
// Contract and choices in store/sqlite_store.h.
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <utility>

#include "store/connection.h"
#include "store/connection_pool.h"
#include "store/query.h"
#include "store/rows.h"
#include "store/sqlite_store.h"
#include "store/statement.h"

namespace smdp::store {
namespace {

using core::InventoryCount;
using core::InventoryEvent;
using core::ProfileRecord;
using core::ProfileState;
using core::ProfileTypeRecord;
using core::StoreErrc;
using core::TemplateRecord;

constexpr const char* kTypeColumns =
    "name, template_name, variables, metadata, low_stock_threshold, precompute, "
    "max_download_attempts, order_ttl, created_at, operator_name";

Result<TemplateRecord> read_template(Statement& st) {
  TemplateRecord t;
  t.name = st.column_text();
  t.package = st.column_blob();
  t.sha256 = st.column_blob();
  t.created_at = st.column_time();
  return t;
}

Result<ProfileTypeRecord> read_type(Statement& st) {
  ProfileTypeRecord t;
  t.name = st.column_text();
  t.template_name = st.column_text();
  t.variables = st.column_text();
  t.metadata = st.column_blob();
  if (!to_int(st.column_int(), t.low_stock_threshold) || !to_int(st.column_int(), t.precompute) ||
      !to_int(st.column_int(), t.max_download_attempts)) {
    return corrupt("profile_types counts");
  }
  if (auto ttl = st.column_optional_int(); ttl) t.order_ttl = std::chrono::seconds{*ttl};
  t.created_at = st.column_time();
  t.operator_name = st.column_text();
  return t;
}

Result<InventoryEvent> read_event(Statement& st) {
  InventoryEvent e;
  e.id = st.column_int();
  e.type = st.column_text();
  e.profile_type = st.column_text();
  e.detail = st.column_text();
  e.created_at = st.column_time();
  return e;
}

std::string select_profiles(std::string_view rest) {
  return std::string("SELECT ") + kProfileColumns + " FROM profiles " + std::string(rest);
}

// Available profiles of the type, counted up to `cap` (so the cost is bounded by the
// cap, not by the stock).
Result<std::int64_t> count_available_capped(Connection& c, std::string_view type, std::int64_t cap,
                                            std::string_view op) {
  auto st =
      Statement::prepare(c,
                         "SELECT count(*) FROM (SELECT 1 FROM profiles WHERE profile_type = ? "
                         "AND state = ? LIMIT ?)",
                         op);
  if (!st) return std::unexpected(st.error());
  st->bind_text(type).bind_text(core::to_string(ProfileState::available)).bind_int(cap);
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  return *row ? st->column_int() : 0;
}

Result<void> append_event(Connection& c, const InventoryEvent& e, std::string_view op) {
  auto st = Statement::prepare(
      c, "INSERT INTO events (type, profile_type, detail, created_at) VALUES (?, ?, ?, ?)", op);
  if (!st) return std::unexpected(st.error());
  st->bind_text(std::string_view(e.type))
      .bind_text(std::string_view(e.profile_type))
      .bind_text(std::string_view(e.detail))
      .bind_time(e.created_at);
  return st->run();
}

}  // namespace

Result<void> SqliteStore::add_template(const TemplateRecord& record) {
  constexpr std::string_view op = "add template";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto st = Statement::prepare(
      **c, "INSERT INTO templates (name, package, sha256, created_at) VALUES (?, ?, ?, ?)", op);
  if (!st) return std::unexpected(st.error());
  st->bind_text(std::string_view(record.name))
      .bind_blob(ByteView(record.package))
      .bind_blob(ByteView(record.sha256))
      .bind_time(record.created_at);
  if (auto r = st->run(); !r) return r;
  return tx->commit();
}

Result<std::optional<TemplateRecord>> SqliteStore::get_template(std::string_view name) {
  return select_row<TemplateRecord>(
      *pool_, "SELECT name, package, sha256, created_at FROM templates WHERE name = ?",
      "get template", [&](Statement& st) { st.bind_text(name); }, read_template);
}

Result<std::vector<TemplateRecord>> SqliteStore::list_templates() {
  return select_rows<TemplateRecord>(
      *pool_, "SELECT name, x'', sha256, created_at FROM templates ORDER BY name", "list templates",
      no_parameters, read_template);
}

Result<void> SqliteStore::add_profile_type(const ProfileTypeRecord& record) {
  constexpr std::string_view op = "add profile type";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto st = Statement::prepare(**c,
                               std::string("INSERT INTO profile_types (") + kTypeColumns +
                                   ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               op);
  if (!st) return std::unexpected(st.error());
  st->bind_text(std::string_view(record.name))
      .bind_text(std::string_view(record.template_name))
      .bind_text(std::string_view(record.variables))
      .bind_blob(ByteView(record.metadata))
      .bind_int(record.low_stock_threshold)
      .bind_int(record.precompute)
      .bind_int(record.max_download_attempts);
  if (record.order_ttl) {
    st->bind_int(record.order_ttl->count());
  } else {
    st->bind_null();
  }
  st->bind_time(record.created_at).bind_text(std::string_view(record.operator_name));
  if (auto r = st->run(); !r) return r;
  return tx->commit();
}

Result<std::optional<ProfileTypeRecord>> SqliteStore::get_profile_type(std::string_view name) {
  return select_row<ProfileTypeRecord>(
      *pool_, std::string("SELECT ") + kTypeColumns + " FROM profile_types WHERE name = ?",
      "get profile type", [&](Statement& st) { st.bind_text(name); }, read_type);
}

Result<std::vector<ProfileTypeRecord>> SqliteStore::list_profile_types() {
  return select_rows<ProfileTypeRecord>(
      *pool_, std::string("SELECT ") + kTypeColumns + " FROM profile_types ORDER BY name",
      "list profile types", no_parameters, read_type);
}

Result<std::vector<std::size_t>> SqliteStore::add_profiles(std::vector<ProfileRecord>& batch) {
  constexpr std::string_view op = "add profiles";
  std::vector<std::size_t> skipped;
  if (batch.empty()) return skipped;
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto st = Statement::prepare(**c, insert_profile_sql("ON CONFLICT DO NOTHING"), op);
  if (!st) return std::unexpected(st.error());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const ProfileRecord& p = batch[i];
    st->reset();
    st->bind_text(std::string_view(p.iccid));
    bind_profile_fields(*st, p);
    if (auto r = st->run(); !r) return std::unexpected(r.error());
    if (sqlite3_changes((*c)->handle()) == 0) skipped.push_back(i);
  }
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  auto next_skipped = skipped.begin();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (next_skipped != skipped.end() && *next_skipped == i) {
      ++next_skipped;
      continue;
    }
    batch[i].version = 1;
  }
  return skipped;
}

Result<std::optional<ProfileRecord>> SqliteStore::allocate_profile(std::string_view profile_type,
                                                                   core::TimePoint now) {
  constexpr std::string_view op = "allocate profile";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());

  auto type =
      Statement::prepare(**c, "SELECT low_stock_threshold FROM profile_types WHERE name = ?", op);
  if (!type) return std::unexpected(type.error());
  type->bind_text(profile_type);
  auto type_row = type->step();
  if (!type_row) return std::unexpected(type_row.error());
  if (!*type_row) return fail(StoreErrc::not_found, std::string(op) + ": no such profile type");
  const std::int64_t threshold = type->column_int();

  auto pick = Statement::prepare(
      **c, select_profiles("WHERE profile_type = ? AND state = ? ORDER BY seq LIMIT 1"), op);
  if (!pick) return std::unexpected(pick.error());
  pick->bind_text(profile_type).bind_text(core::to_string(ProfileState::available));
  auto oldest = first<ProfileRecord>(*pick, read_profile);
  if (!oldest) return std::unexpected(oldest.error());
  std::optional<ProfileRecord>& next = *oldest;
  if (!next) return std::optional<ProfileRecord>();  // none left; rolled back, nothing written
  ProfileRecord p = std::move(*next);

  // Compare-and-swap, as every profile transition (the write lock is held, so another
  // writer cannot have moved it; the guard states the rule rather than relying on it).
  auto update =
      Statement::prepare(**c,
                         "UPDATE profiles SET state = ?, updated_at = ?, version = version + 1 "
                         "WHERE iccid = ? AND version = ? AND state = ?",
                         op);
  if (!update) return std::unexpected(update.error());
  update->bind_text(core::to_string(ProfileState::allocated))
      .bind_time(now)
      .bind_text(std::string_view(p.iccid))
      .bind_int(p.version)
      .bind_text(core::to_string(ProfileState::available));
  if (auto r = update->run(); !r) return std::unexpected(r.error());
  if (sqlite3_changes((*c)->handle()) != 1) {
    return fail(StoreErrc::conflict, std::string(op) + ": stale version");
  }

  if (threshold > 0) {
    auto left = count_available_capped(**c, profile_type, threshold, op);
    if (!left) return std::unexpected(left.error());
    if (*left == threshold - 1) {  // this allocation crossed below the threshold
      InventoryEvent e;
      e.type = "low_stock";
      e.profile_type = std::string(profile_type);
      e.detail = "{\"available\":" + std::to_string(*left) +
                 ",\"threshold\":" + std::to_string(threshold) + "}";
      e.created_at = now;
      if (auto r = append_event(**c, e, op); !r) return std::unexpected(r.error());
    }
  }
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  p.state = ProfileState::allocated;
  p.updated_at = now;
  ++p.version;
  return std::optional<ProfileRecord>(std::move(p));
}

Result<std::vector<InventoryCount>> SqliteStore::inventory_counts() {
  constexpr std::string_view op = "inventory counts";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto st = Statement::prepare(
      **c,
      "SELECT coalesce(profile_type, ''), state, count(*) FROM profiles GROUP BY profile_type, "
      "state",
      op);
  if (!st) return std::unexpected(st.error());
  auto counts = collect<InventoryCount>(*st, [](Statement& s) -> Result<InventoryCount> {
    InventoryCount n;
    n.profile_type = s.column_text();
    auto state = core::profile_state_from_string(s.column_text());
    if (!state) return corrupt("profiles.state");
    n.state = *state;
    n.count = s.column_int();
    return n;
  });
  if (!counts) return counts;
  // By type, then by state in the order of the life cycle (the enum's order).
  std::sort(counts->begin(), counts->end(), [](const InventoryCount& a, const InventoryCount& b) {
    if (a.profile_type != b.profile_type) return a.profile_type < b.profile_type;
    return a.state < b.state;
  });
  return counts;
}

Result<std::vector<ProfileRecord>> SqliteStore::profiles_to_precompute(
    std::string_view profile_type, ProfileState state, std::size_t limit) {
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto st = Statement::prepare(
      **c,
      select_profiles("WHERE seq IN (SELECT seq FROM profiles WHERE profile_type = ? AND "
                      "state = ? ORDER BY seq LIMIT ?) AND protected_package = x'' ORDER BY seq"),
      "profiles to precompute");
  if (!st) return std::unexpected(st.error());
  st->bind_text(profile_type).bind_text(core::to_string(state)).bind_int(as_limit(limit));
  return collect<ProfileRecord>(*st, read_profile);
}

Result<std::vector<InventoryEvent>> SqliteStore::list_events(std::int64_t after_id,
                                                             std::size_t limit) {
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto st = Statement::prepare(
      **c,
      "SELECT id, type, profile_type, detail, created_at FROM events WHERE id > ? "
      "ORDER BY id LIMIT ?",
      "list events");
  if (!st) return std::unexpected(st.error());
  st->bind_int(after_id).bind_int(as_limit(limit));
  return collect<InventoryEvent>(*st, read_event);
}

}  // namespace smdp::store
