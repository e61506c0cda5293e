// SPDX-License-Identifier: Apache-2.0
// core::DomainEventStore on SQL (core/domain_events.h). The events themselves are
// inserted by the schema's triggers (sqlite_schema.cc version 6, pg_schema.cc version 2)
// in the transaction of the change; here the relay reads and marks them.
#include <string>

#include "store/query.h"
#include "store/sql_store.h"

namespace smdp::store {

Result<std::vector<core::DomainEvent>> SqlStore::unpublished_events(std::size_t limit) {
  return select_rows<core::DomainEvent>(
      *pool_,
      "SELECT id, subject, body, created_at FROM domain_events WHERE published_at IS NULL "
      "ORDER BY id LIMIT ?",
      "unpublished events", [&](sql::Statement& st) { st.bind_int(as_limit(limit)); },
      [](sql::Statement& st) -> Result<core::DomainEvent> {
        core::DomainEvent e;
        e.id = st.column_int();
        e.subject = st.column_text();
        e.body = st.column_text();
        e.created_at = st.column_time();
        return e;
      });
}

// One statement per event, in one transaction.
Result<void> SqlStore::mark_events_published(std::span<const std::int64_t> ids,
                                             core::TimePoint now) {
  if (ids.empty()) return {};
  auto marked =
      write_transaction(*pool_, "mark events published", [&](sql::Connection& c) -> Result<void> {
        for (const std::int64_t id : ids) {
          auto changed = execute(c,
                                 "UPDATE domain_events SET published_at = ?1 WHERE id = ?2 "
                                 "AND published_at IS NULL",
                                 "mark events published",
                                 [&](sql::Statement& st) { st.bind_time(now).bind_int(id); });
          if (!changed) return std::unexpected(changed.error());
        }
        return {};
      });
  return marked;
}

}  // namespace smdp::store
