// SPDX-License-Identifier: Apache-2.0
// core::InventoryStore on SQL: templates, profile types, bulk import of
// subscriptions, allocation by profile type with the low-stock event, counts, events.
// Contract and choices in store/sql_store.h.
#include <algorithm>
#include <string>
#include <utility>

#include "store/pool.h"
#include "store/query.h"
#include "store/rows.h"
#include "store/sql_store.h"

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

Result<TemplateRecord> read_template(sql::Statement& st) {
  TemplateRecord t;
  t.name = st.column_text();
  t.package = st.column_blob();
  t.sha256 = st.column_blob();
  t.created_at = st.column_time();
  return t;
}

Result<ProfileTypeRecord> read_type(sql::Statement& st) {
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

Result<InventoryEvent> read_event(sql::Statement& st) {
  InventoryEvent e;
  e.id = st.column_int();
  e.type = st.column_text();
  e.profile_type = st.column_text();
  e.detail = st.column_text();
  e.created_at = st.column_time();
  return e;
}

// Available profiles of the type, counted up to `cap` (so the cost is bounded by the
// cap, not by the stock).
Result<std::int64_t> count_available_capped(sql::Connection& c, std::string_view type,
                                            std::int64_t cap, std::string_view op) {
  auto count = select_row<std::int64_t>(
      c,
      "SELECT count(*) FROM (SELECT 1 FROM profiles WHERE profile_type = ? AND state = ? "
      "LIMIT ?) AS available",
      op,
      [&](sql::Statement& st) {
        st.bind_text(type).bind_text(core::to_string(ProfileState::available)).bind_int(cap);
      },
      [](sql::Statement& st) -> Result<std::int64_t> { return st.column_int(); });
  if (!count) return std::unexpected(count.error());
  return count->value_or(0);
}

Result<void> append_event(sql::Connection& c, const InventoryEvent& e, std::string_view op) {
  auto added =
      execute(c, "INSERT INTO events (type, profile_type, detail, created_at) VALUES (?, ?, ?, ?)",
              op, [&](sql::Statement& st) {
                st.bind_text(std::string_view(e.type))
                    .bind_text(std::string_view(e.profile_type))
                    .bind_text(std::string_view(e.detail))
                    .bind_time(e.created_at);
              });
  if (!added) return std::unexpected(added.error());
  return {};
}

}  // namespace

Result<void> SqlStore::add_template(const TemplateRecord& record) {
  auto added = write_rows(
      *pool_, "INSERT INTO templates (name, package, sha256, created_at) VALUES (?, ?, ?, ?)",
      "add template", [&](sql::Statement& st) {
        st.bind_text(std::string_view(record.name))
            .bind_blob(ByteView(record.package))
            .bind_blob(ByteView(record.sha256))
            .bind_time(record.created_at);
      });
  if (!added) return std::unexpected(added.error());
  return {};
}

Result<std::optional<TemplateRecord>> SqlStore::get_template(std::string_view name) {
  return select_row<TemplateRecord>(
      *pool_, "SELECT name, package, sha256, created_at FROM templates WHERE name = ?",
      "get template", [&](sql::Statement& st) { st.bind_text(name); }, read_template);
}

Result<std::vector<TemplateRecord>> SqlStore::list_templates() {
  return select_rows<TemplateRecord>(
      *pool_, "SELECT name, ?, sha256, created_at FROM templates ORDER BY name", "list templates",
      [](sql::Statement& st) { st.bind_blob(ByteView()); }, read_template);
}

Result<void> SqlStore::add_profile_type(const ProfileTypeRecord& record) {
  auto added = write_rows(*pool_,
                          std::string("INSERT INTO profile_types (") + kTypeColumns +
                              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          "add profile type", [&](sql::Statement& st) {
                            st.bind_text(std::string_view(record.name))
                                .bind_text(std::string_view(record.template_name))
                                .bind_text(std::string_view(record.variables))
                                .bind_blob(ByteView(record.metadata))
                                .bind_int(record.low_stock_threshold)
                                .bind_int(record.precompute)
                                .bind_int(record.max_download_attempts)
                                .bind_optional_int(record.order_ttl
                                                       ? std::optional(record.order_ttl->count())
                                                       : std::nullopt)
                                .bind_time(record.created_at)
                                .bind_text(std::string_view(record.operator_name));
                          });
  if (!added) return std::unexpected(added.error());
  return {};
}

Result<std::optional<ProfileTypeRecord>> SqlStore::get_profile_type(std::string_view name) {
  return select_row<ProfileTypeRecord>(
      *pool_, std::string("SELECT ") + kTypeColumns + " FROM profile_types WHERE name = ?",
      "get profile type", [&](sql::Statement& st) { st.bind_text(name); }, read_type);
}

Result<std::vector<ProfileTypeRecord>> SqlStore::list_profile_types() {
  return select_rows<ProfileTypeRecord>(
      *pool_, std::string("SELECT ") + kTypeColumns + " FROM profile_types ORDER BY name",
      "list profile types", no_parameters, read_type);
}

Result<std::vector<std::size_t>> SqlStore::add_profiles(std::vector<ProfileRecord>& batch) {
  constexpr std::string_view op = "add profiles";
  if (batch.empty()) return std::vector<std::size_t>{};
  auto skipped =
      write_transaction(*pool_, op, [&](sql::Connection& c) -> Result<std::vector<std::size_t>> {
        std::vector<std::size_t> out;
        auto st = c.prepare(insert_profile_sql("ON CONFLICT DO NOTHING"), op);
        if (!st) return std::unexpected(st.error());
        for (std::size_t i = 0; i < batch.size(); ++i) {
          (*st)->reset();
          (*st)->bind_text(std::string_view(batch[i].iccid));
          bind_profile_fields(**st, batch[i]);
          if (auto r = (*st)->run(); !r) return std::unexpected(r.error());
          if ((*st)->changes() == 0) out.push_back(i);
        }
        return out;
      });
  if (!skipped) return skipped;
  auto next_skipped = skipped->begin();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (next_skipped != skipped->end() && *next_skipped == i) {
      ++next_skipped;
      continue;
    }
    batch[i].version = 1;
  }
  return skipped;
}

// The type's row is locked (Dialect::lock_rows) for the transaction: allocations of
// one type run one at a time, so the oldest Available profile is never taken twice and
// the count of what is left is exact.
Result<std::optional<ProfileRecord>> SqlStore::allocate_profile(std::string_view profile_type,
                                                                core::TimePoint now) {
  constexpr std::string_view op = "allocate profile";
  const sql::Dialect& dialect = sql::dialect(pool_->engine());
  return write_transaction(
      *pool_, op, [&](sql::Connection& c) -> Result<std::optional<ProfileRecord>> {
        auto threshold = select_row<std::int64_t>(
            c,
            std::string("SELECT low_stock_threshold FROM profile_types WHERE name = ?") +
                dialect.lock_rows,
            op, [&](sql::Statement& st) { st.bind_text(profile_type); },
            [](sql::Statement& st) -> Result<std::int64_t> { return st.column_int(); });
        if (!threshold) return std::unexpected(threshold.error());
        if (!*threshold)
          return fail(StoreErrc::not_found, std::string(op) + ": no such profile type");

        // One statement: the oldest Available profile of the type becomes Allocated.
        auto taken = select_row<ProfileRecord>(
            c,
            "UPDATE profiles SET state = ?1, updated_at = ?2, version = version + 1 "
            "WHERE seq = (SELECT seq FROM profiles WHERE profile_type = ?3 AND state = ?4 "
            "ORDER BY seq LIMIT 1) AND state = ?4 RETURNING " +
                std::string(kProfileColumns),
            op,
            [&](sql::Statement& st) {
              st.bind_text(core::to_string(ProfileState::allocated))
                  .bind_time(now)
                  .bind_text(profile_type)
                  .bind_text(core::to_string(ProfileState::available));
            },
            read_profile);
        if (!taken || !*taken) return taken;  // none left: nothing written

        const std::int64_t cap = **threshold;
        if (cap > 0) {
          auto left = count_available_capped(c, profile_type, cap, op);
          if (!left) return std::unexpected(left.error());
          if (*left == cap - 1) {  // this allocation crossed below the threshold
            InventoryEvent e;
            e.type = "low_stock";
            e.profile_type = std::string(profile_type);
            e.detail = "{\"available\":" + std::to_string(*left) +
                       ",\"threshold\":" + std::to_string(cap) + "}";
            e.created_at = now;
            if (auto r = append_event(c, e, op); !r) return std::unexpected(r.error());
          }
        }
        return taken;
      });
}

Result<std::vector<InventoryCount>> SqlStore::inventory_counts() {
  auto counts = select_rows<InventoryCount>(
      *pool_,
      "SELECT coalesce(profile_type, ''), state, count(*) FROM profiles GROUP BY profile_type, "
      "state",
      "inventory counts", no_parameters, [](sql::Statement& s) -> Result<InventoryCount> {
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

Result<std::vector<ProfileRecord>> SqlStore::profiles_to_precompute(std::string_view profile_type,
                                                                    ProfileState state,
                                                                    std::size_t limit) {
  return select_rows<ProfileRecord>(
      *pool_,
      select_profiles("WHERE seq IN (SELECT seq FROM profiles WHERE profile_type = ? AND "
                      "state = ? ORDER BY seq LIMIT ?) AND length(protected_package) = 0 "
                      "ORDER BY seq"),
      "profiles to precompute",
      [&](sql::Statement& st) {
        st.bind_text(profile_type).bind_text(core::to_string(state)).bind_int(as_limit(limit));
      },
      read_profile);
}

Result<std::vector<InventoryEvent>> SqlStore::list_events(std::int64_t after_id,
                                                          std::size_t limit) {
  return select_rows<InventoryEvent>(
      *pool_,
      "SELECT id, type, profile_type, detail, created_at FROM events WHERE id > ? "
      "ORDER BY id LIMIT ?",
      "list events", [&](sql::Statement& st) { st.bind_int(after_id).bind_int(as_limit(limit)); },
      read_event);
}

}  // namespace smdp::store
