// SPDX-License-Identifier: Apache-2.0
// What the store keeps for a while only: bound packages for a retry (profiles.bound_*),
// the per-EID count of unknown matchingIds (matching_id_failures) and the domain events
// (domain_events); and the leases of singleton tasks. Contracts in core/store.h.
#include "store/query.h"
#include "store/sql_store.h"

namespace smdp::store {

Result<int> SqlStore::purge_retained(core::TimePoint now) {
  auto dropped = write_rows(*pool_,
                            "UPDATE profiles SET bound_euicc_otpk = ?1, bound_package = ?1, "
                            "bound_until = NULL, version = version + 1 WHERE bound_until < ?2",
                            "drop bound packages",
                            [&](sql::Statement& st) { st.bind_blob(ByteView()).bind_time(now); });
  if (!dropped) return std::unexpected(dropped.error());
  auto forgotten =
      write_rows(*pool_,
                 "DELETE FROM matching_id_failures WHERE window_ends <= ?1 "
                 "AND coalesce(blocked_until, 0) <= ?1",
                 "purge matchingId failures", [&](sql::Statement& st) { st.bind_time(now); });
  if (!forgotten) return std::unexpected(forgotten.error());
  // Domain events (core/domain_events.h): published ones a day later; unpublished ones
  // (no relay runs) after seven days.
  auto expired = write_rows(
      *pool_, "DELETE FROM domain_events WHERE published_at < ?1 OR created_at < ?2",
      "purge domain events", [&](sql::Statement& st) {
        st.bind_time(now - std::chrono::hours{24}).bind_time(now - std::chrono::hours{24 * 7});
      });
  if (!expired) return std::unexpected(expired.error());
  return static_cast<int>(*dropped + *forgotten + *expired);
}

// One statement, so that concurrent fronts never lose a count: ?1 eid, ?2 now,
// ?3 window (seconds), ?4 max failures. When the window has ended (window_ends <= now),
// this attempt is the first of a new one.
Result<std::optional<core::TimePoint>> SqlStore::count_unknown_matching_id(
    std::string_view eid, core::TimePoint now, const core::GuessLimit& limit) {
  constexpr std::string_view op = "count unknown matchingId";
  auto blocked = write_rows_returning<std::optional<core::TimePoint>>(
      *pool_,
      "INSERT INTO matching_id_failures AS f (eid, window_ends, failures, blocked_until) "
      "VALUES (?1, ?2 + ?3, 1, CASE WHEN 1 >= ?4 THEN ?2 + ?3 END) "
      "ON CONFLICT (eid) DO UPDATE SET "
      "window_ends = CASE WHEN f.window_ends <= ?2 THEN ?2 + ?3 ELSE f.window_ends END, "
      "failures = CASE WHEN f.window_ends <= ?2 THEN 1 ELSE f.failures + 1 END, "
      "blocked_until = CASE WHEN (CASE WHEN f.window_ends <= ?2 THEN 1 ELSE f.failures + 1 END) "
      ">= ?4 THEN ?2 + ?3 ELSE f.blocked_until END "
      "RETURNING blocked_until",
      op,
      [&](sql::Statement& st) {
        st.bind_text(eid)
            .bind_time(now)
            .bind_int(limit.window.count())
            .bind_int(limit.max_failures);
      },
      [](sql::Statement& st) -> Result<std::optional<core::TimePoint>> {
        return st.column_optional_time();
      });
  if (!blocked) return std::unexpected(blocked.error());
  if (blocked->size() != 1) return fail(core::StoreErrc::unavailable, std::string(op) + ": no row");
  return blocked->front();
}

Result<std::optional<core::TimePoint>> SqlStore::matching_id_blocked_until(std::string_view eid) {
  auto found = select_row<std::optional<core::TimePoint>>(
      *pool_, "SELECT blocked_until FROM matching_id_failures WHERE eid = ?", "matchingId block",
      [&](sql::Statement& st) { st.bind_text(eid); },
      [](sql::Statement& st) -> Result<std::optional<core::TimePoint>> {
        return st.column_optional_time();
      });
  if (!found) return std::unexpected(found.error());
  return found->value_or(std::nullopt);
}

// One statement: ?1 name, ?2 holder, ?3 now, ?4 new expiry. The update applies only
// when the lease expired or is the holder's own; otherwise no row is returned.
Result<bool> SqlStore::acquire_lease(std::string_view name, std::string_view holder,
                                     core::TimePoint now, std::chrono::seconds duration) {
  auto held = write_rows_returning<bool>(
      *pool_,
      "INSERT INTO leases AS l (name, holder, expires_at) VALUES (?1, ?2, ?4) "
      "ON CONFLICT (name) DO UPDATE SET holder = ?2, expires_at = ?4 "
      "WHERE l.expires_at <= ?3 OR l.holder = ?2 RETURNING 1",
      "acquire lease",
      [&](sql::Statement& st) {
        st.bind_text(name).bind_text(holder).bind_time(now).bind_time(now + duration);
      },
      [](sql::Statement&) -> Result<bool> { return true; });
  if (!held) return std::unexpected(held.error());
  return !held->empty();
}

}  // namespace smdp::store
