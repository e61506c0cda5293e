// SPDX-License-Identifier: Apache-2.0
// What the store keeps for a while only: bound packages for a retry (profiles.bound_*)
// and the per-EID count of unknown matchingIds (matching_id_failures). Contracts in
// core/store.h.
#include "store/query.h"
#include "store/sqlite_store.h"

namespace smdp::store {

Result<int> SqliteStore::purge_retained(core::TimePoint now) {
  auto dropped = write_rows(*pool_,
                            "UPDATE profiles SET bound_euicc_otpk = x'', bound_package = x'', "
                            "bound_until = NULL, version = version + 1 WHERE bound_until < ?",
                            "drop bound packages", [&](Statement& st) { st.bind_time(now); });
  if (!dropped) return dropped;
  auto forgotten =
      write_rows(*pool_,
                 "DELETE FROM matching_id_failures WHERE window_ends <= ?1 "
                 "AND coalesce(blocked_until, 0) <= ?1",
                 "purge matchingId failures", [&](Statement& st) { st.bind_time(now); });
  if (!forgotten) return forgotten;
  return *dropped + *forgotten;
}

// One statement, so that concurrent fronts never lose a count: ?1 eid, ?2 now,
// ?3 window (seconds), ?4 max failures. When the window has ended (window_ends <= now),
// this attempt is the first of a new one.
Result<std::optional<core::TimePoint>> SqliteStore::count_unknown_matching_id(
    std::string_view eid, core::TimePoint now, const core::GuessLimit& limit) {
  constexpr const char* kSql =
      "INSERT INTO matching_id_failures (eid, window_ends, failures, blocked_until) "
      "VALUES (?1, ?2 + ?3, 1, CASE WHEN 1 >= ?4 THEN ?2 + ?3 END) "
      "ON CONFLICT (eid) DO UPDATE SET "
      "window_ends = CASE WHEN window_ends <= ?2 THEN ?2 + ?3 ELSE window_ends END, "
      "failures = CASE WHEN window_ends <= ?2 THEN 1 ELSE failures + 1 END, "
      "blocked_until = CASE WHEN (CASE WHEN window_ends <= ?2 THEN 1 ELSE failures + 1 END) >= ?4 "
      "THEN ?2 + ?3 ELSE blocked_until END "
      "RETURNING blocked_until";
  constexpr std::string_view op = "count unknown matchingId";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto st = Statement::prepare(**c, kSql, op);
  if (!st) return std::unexpected(st.error());
  st->bind_text(eid).bind_time(now).bind_int(limit.window.count()).bind_int(limit.max_failures);
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(core::StoreErrc::unavailable, std::string(op) + ": no row returned");
  std::optional<core::TimePoint> blocked_until = st->column_optional_time();
  st->reset();
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  return blocked_until;
}

Result<std::optional<core::TimePoint>> SqliteStore::matching_id_blocked_until(
    std::string_view eid) {
  auto found = select_row<std::optional<core::TimePoint>>(
      *pool_, "SELECT blocked_until FROM matching_id_failures WHERE eid = ?", "matchingId block",
      [&](Statement& st) { st.bind_text(eid); },
      [](Statement& st) -> Result<std::optional<core::TimePoint>> {
        return st.column_optional_time();
      });
  if (!found) return std::unexpected(found.error());
  return found->value_or(std::nullopt);
}

}  // namespace smdp::store
