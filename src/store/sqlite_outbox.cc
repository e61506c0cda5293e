// SPDX-License-Identifier: Apache-2.0
// core::OutboxStore on SQLite (core/outbox.h; DESIGN.md principle 4): messages owed to
// operators (ES2+ HandleDownloadProgressInfo, SGP.22 §5.3.5) and SM-DSs (ES12,
// §5.8), appended with the state change that caused them and claimed in id order per
// ordering key. Contract and choices in store/sqlite_store.h.
#include <sqlite3.h>

#include <string>
#include <utility>

#include "store/connection.h"
#include "store/connection_pool.h"
#include "store/outbox_rows.h"
#include "store/query.h"
#include "store/rows.h"
#include "store/sqlite_store.h"
#include "store/statement.h"

namespace smdp::store {
namespace {

using core::OutboxMessage;
using core::OutboxState;
using core::StoreErrc;

constexpr const char* kOutboxColumns =
    "id, interface, destination, function, ordering_key, body, state, attempts, created_at, "
    "next_attempt_at, delivered_at, last_error";

Result<OutboxMessage> read_message(Statement& st) {
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

Result<std::vector<std::int64_t>> insert_outbox(Connection& connection,
                                                std::span<const OutboxMessage> messages,
                                                std::string_view operation) {
  std::vector<std::int64_t> ids;
  if (messages.empty()) return ids;
  auto st = Statement::prepare(
      connection,
      "INSERT INTO outbox (interface, destination, function, ordering_key, body, state, "
      "attempts, created_at, next_attempt_at, delivered_at, last_error, lease_until) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
      operation);
  if (!st) return std::unexpected(st.error());
  ids.reserve(messages.size());
  for (const OutboxMessage& m : messages) {
    st->reset();
    st->bind_text(std::string_view(m.interface))
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
    if (auto r = st->run(); !r) return std::unexpected(r.error());
    ids.push_back(sqlite3_last_insert_rowid(connection.handle()));
  }
  return ids;
}

void set_outbox_ids(std::span<OutboxMessage> messages, std::span<const std::int64_t> ids) {
  for (std::size_t i = 0; i < messages.size() && i < ids.size(); ++i) messages[i].id = ids[i];
}

Result<void> SqliteStore::append_outbox(std::span<OutboxMessage> messages) {
  constexpr std::string_view op = "append outbox";
  if (messages.empty()) return {};
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto ids = insert_outbox(**c, messages, op);
  if (!ids) return std::unexpected(ids.error());
  if (auto r = tx->commit(); !r) return r;
  set_outbox_ids(messages, *ids);
  return {};
}

Result<std::vector<OutboxMessage>> SqliteStore::claim_outbox(core::TimePoint now,
                                                             std::chrono::seconds lease,
                                                             std::size_t limit) {
  constexpr std::string_view op = "claim outbox";
  std::vector<OutboxMessage> claimed;
  if (limit == 0) return claimed;
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  // Due, not leased, and the oldest pending message of its key: an older pending one
  // (leased or not yet due) blocks; delivered and undeliverable ones do not.
  auto pick =
      Statement::prepare(**c,
                         std::string("SELECT ") + kOutboxColumns +
                             " FROM outbox AS m WHERE m.state = ? AND m.next_attempt_at <= ? "
                             "AND (m.lease_until IS NULL OR m.lease_until <= ?) "
                             "AND NOT EXISTS (SELECT 1 FROM outbox AS o WHERE o.state = ? "
                             "AND o.ordering_key = m.ordering_key AND o.id < m.id) "
                             "ORDER BY m.id LIMIT ?",
                         op);
  if (!pick) return std::unexpected(pick.error());
  const std::string_view pending = core::to_string(OutboxState::pending);
  pick->bind_text(pending).bind_time(now).bind_time(now).bind_text(pending).bind_int(
      as_limit(limit));
  auto rows = collect<OutboxMessage>(*pick, read_message);
  if (!rows) return rows;
  if (rows->empty()) return rows;  // nothing to lease; rolled back
  auto lease_st = Statement::prepare(**c, "UPDATE outbox SET lease_until = ? WHERE id = ?", op);
  if (!lease_st) return std::unexpected(lease_st.error());
  for (const OutboxMessage& m : *rows) {
    lease_st->reset();
    lease_st->bind_time(now + lease).bind_int(m.id);
    if (auto r = lease_st->run(); !r) return std::unexpected(r.error());
  }
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  return rows;
}

Result<void> SqliteStore::finish_outbox(const OutboxMessage& message) {
  constexpr std::string_view op = "finish outbox";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto st = Statement::prepare(**c,
                               "UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, "
                               "delivered_at = ?, last_error = ?, lease_until = NULL WHERE id = ?",
                               op);
  if (!st) return std::unexpected(st.error());
  st->bind_text(core::to_string(message.state))
      .bind_int(message.attempts)
      .bind_time(message.next_attempt_at)
      .bind_time(message.delivered_at)
      .bind_text(std::string_view(message.last_error))
      .bind_int(message.id);
  if (auto r = st->run(); !r) return r;
  if (sqlite3_changes((*c)->handle()) != 1) {
    return fail(StoreErrc::not_found, std::string(op) + ": no such message");
  }
  return tx->commit();
}

Result<std::vector<OutboxMessage>> SqliteStore::list_outbox(std::optional<OutboxState> state,
                                                            std::size_t limit) {
  const std::string where = state ? " WHERE state = ?" : "";
  return select_rows<OutboxMessage>(
      *pool_,
      std::string("SELECT ") + kOutboxColumns + " FROM outbox" + where +
          " ORDER BY id DESC LIMIT ?",
      "list outbox",
      [&](Statement& st) {
        if (state) st.bind_text(core::to_string(*state));
        st.bind_int(as_limit(limit));
      },
      read_message);
}

Result<bool> SqliteStore::requeue_outbox(std::int64_t id, core::TimePoint now) {
  constexpr std::string_view op = "requeue outbox";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto st =
      Statement::prepare(**c,
                         "UPDATE outbox SET state = ?, next_attempt_at = ?, lease_until = NULL "
                         "WHERE id = ? AND state = ?",
                         op);
  if (!st) return std::unexpected(st.error());
  st->bind_text(core::to_string(OutboxState::pending))
      .bind_time(now)
      .bind_int(id)
      .bind_text(core::to_string(OutboxState::undeliverable));
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  if (sqlite3_changes((*c)->handle()) != 1) return false;  // rolled back, nothing written
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  return true;
}

}  // namespace smdp::store
