// SPDX-License-Identifier: Apache-2.0
// core::OutboxStore on SQL (core/outbox.h; DESIGN.md principle 4): messages owed to
// operators (ES2+ HandleDownloadProgressInfo, SGP.22 §5.3.5) and SM-DSs (ES12,
// §5.8), appended with the state change that caused them and claimed in id order per
// ordering key. Contract and choices in store/sql_store.h.
#include <algorithm>
#include <string>
#include <utility>

#include "store/outbox_rows.h"
#include "store/pool.h"
#include "store/query.h"
#include "store/rows.h"
#include "store/sql_store.h"

namespace smdp::store {
namespace {

using core::OutboxMessage;
using core::OutboxState;
using core::StoreErrc;

constexpr const char* kOutboxColumns =
    "id, interface, destination, function, ordering_key, body, state, attempts, created_at, "
    "next_attempt_at, delivered_at, last_error";

Result<OutboxMessage> read_message(sql::Statement& st) {
  OutboxMessage m;
  m.id = st.column_int();
  m.interface = st.column_text();
  m.destination = st.column_text();
  m.function = st.column_text();
  m.ordering_key = st.column_text();
  m.body = st.column_text();
  auto state = core::outbox_state_from_string(st.column_text());
  if (!state) return corrupt("outbox.state");
  m.state = *state;
  if (!to_int(st.column_int(), m.attempts) || m.attempts < 0) return corrupt("outbox.attempts");
  m.created_at = st.column_time();
  m.next_attempt_at = st.column_time();
  m.delivered_at = st.column_optional_time();
  m.last_error = st.column_text();
  return m;
}

}  // namespace

Result<std::vector<std::int64_t>> insert_outbox(sql::Connection& connection,
                                                std::span<const OutboxMessage> messages,
                                                std::string_view operation) {
  std::vector<std::int64_t> ids;
  if (messages.empty()) return ids;
  auto st = connection.prepare(
      "INSERT INTO outbox (interface, destination, function, ordering_key, body, state, "
      "attempts, created_at, next_attempt_at, delivered_at, last_error, lease_until) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) RETURNING id",
      operation);
  if (!st) return std::unexpected(st.error());
  ids.reserve(messages.size());
  for (const OutboxMessage& m : messages) {
    (*st)->reset();
    (*st)
        ->bind_text(std::string_view(m.interface))
        .bind_text(std::string_view(m.destination))
        .bind_text(std::string_view(m.function))
        .bind_text(std::string_view(m.ordering_key))
        .bind_text(std::string_view(m.body))
        .bind_text(core::to_string(m.state))
        .bind_int(m.attempts)
        .bind_time(m.created_at)
        .bind_time(m.next_attempt_at)
        .bind_time(m.delivered_at)
        .bind_text(std::string_view(m.last_error));
    auto id = first<std::int64_t>(
        **st, [](sql::Statement& s) -> Result<std::int64_t> { return s.column_int(); });
    if (!id) return std::unexpected(id.error());
    const std::optional<std::int64_t>& returned = *id;
    if (!returned) return fail(StoreErrc::unavailable, std::string(operation) + ": no outbox id");
    ids.push_back(*returned);
  }
  return ids;
}

void set_outbox_ids(std::span<OutboxMessage> messages, std::span<const std::int64_t> ids) {
  for (std::size_t i = 0; i < messages.size() && i < ids.size(); ++i) messages[i].id = ids[i];
}

Result<void> SqlStore::append_outbox(std::span<OutboxMessage> messages) {
  constexpr std::string_view op = "append outbox";
  if (messages.empty()) return {};
  auto ids = write_transaction(*pool_, op,
                               [&](sql::Connection& c) { return insert_outbox(c, messages, op); });
  if (!ids) return std::unexpected(ids.error());
  set_outbox_ids(messages, *ids);
  return {};
}

// One statement: the pick (due, not leased, the oldest pending message of its key: an
// older pending one, leased or not yet due, blocks; delivered and undeliverable ones do
// not) and the lease. On PostgreSQL the picked rows are locked with SKIP LOCKED, and a
// row another claimer leased meanwhile is re-checked against the lease condition, so
// two claimers never lease one message.
Result<std::vector<OutboxMessage>> SqlStore::claim_outbox(core::TimePoint now,
                                                          std::chrono::seconds lease,
                                                          std::size_t limit) {
  constexpr std::string_view op = "claim outbox";
  if (limit == 0) return std::vector<OutboxMessage>{};
  const std::string sql =
      std::string(
          "UPDATE outbox SET lease_until = ?1 WHERE id IN (SELECT m.id FROM outbox AS m "
          "WHERE m.state = ?2 AND m.next_attempt_at <= ?3 "
          "AND (m.lease_until IS NULL OR m.lease_until <= ?3) "
          "AND NOT EXISTS (SELECT 1 FROM outbox AS o WHERE o.state = ?2 "
          "AND o.ordering_key = m.ordering_key AND o.id < m.id) "
          "ORDER BY m.id LIMIT ?4") +
      sql::dialect(pool_->engine()).lock_skip_locked + ") RETURNING " + kOutboxColumns;
  auto claimed = write_rows_returning<OutboxMessage>(
      *pool_, sql, op,
      [&](sql::Statement& st) {
        st.bind_time(now + lease)
            .bind_text(core::to_string(OutboxState::pending))
            .bind_time(now)
            .bind_int(as_limit(limit));
      },
      read_message);
  if (!claimed) return claimed;
  // RETURNING gives no order.
  std::ranges::sort(*claimed, {}, &OutboxMessage::id);
  return claimed;
}

Result<void> SqlStore::finish_outbox(const OutboxMessage& message) {
  constexpr std::string_view op = "finish outbox";
  auto changed = write_rows(*pool_,
                            "UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, "
                            "delivered_at = ?, last_error = ?, lease_until = NULL WHERE id = ?",
                            op, [&](sql::Statement& st) {
                              st.bind_text(core::to_string(message.state))
                                  .bind_int(message.attempts)
                                  .bind_time(message.next_attempt_at)
                                  .bind_time(message.delivered_at)
                                  .bind_text(std::string_view(message.last_error))
                                  .bind_int(message.id);
                            });
  if (!changed) return std::unexpected(changed.error());
  if (*changed != 1) return fail(StoreErrc::not_found, std::string(op) + ": no such message");
  return {};
}

Result<std::vector<OutboxMessage>> SqlStore::list_outbox(std::optional<OutboxState> state,
                                                         std::size_t limit) {
  const std::string where = state ? " WHERE state = ?" : "";
  return select_rows<OutboxMessage>(
      *pool_,
      std::string("SELECT ") + kOutboxColumns + " FROM outbox" + where +
          " ORDER BY id DESC LIMIT ?",
      "list outbox",
      [&](sql::Statement& st) {
        if (state) st.bind_text(core::to_string(*state));
        st.bind_int(as_limit(limit));
      },
      read_message);
}

Result<std::optional<OutboxMessage>> SqlStore::get_outbox(std::int64_t id) {
  return select_row<OutboxMessage>(
      *pool_, std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE id = ?", "get outbox",
      [&](sql::Statement& st) { st.bind_int(id); }, read_message);
}

Result<bool> SqlStore::requeue_outbox(std::int64_t id, core::TimePoint now) {
  auto changed = write_rows(*pool_,
                            "UPDATE outbox SET state = ?, next_attempt_at = ?, lease_until = NULL "
                            "WHERE id = ? AND state = ?",
                            "requeue outbox", [&](sql::Statement& st) {
                              st.bind_text(core::to_string(OutboxState::pending))
                                  .bind_time(now)
                                  .bind_int(id)
                                  .bind_text(core::to_string(OutboxState::undeliverable));
                            });
  if (!changed) return std::unexpected(changed.error());
  return *changed == 1;
}

}  // namespace smdp::store
