// SPDX-License-Identifier: Apache-2.0
// core::OperatorStore on SQLite (core/operator_store.h): the operators that use ES2+
// (SGP.22 §5.3) and the log of their function calls, which makes a resent request
// (same functionCallIdentifier) return the original response (§6.5.1.1). Contract and
// choices in store/sqlite_store.h.
#include <sqlite3.h>

#include <string>
#include <utility>

#include "store/connection.h"
#include "store/connection_pool.h"
#include "store/query.h"
#include "store/sqlite_store.h"
#include "store/statement.h"

namespace smdp::store {
namespace {

using core::FunctionCallRecord;
using core::OperatorRecord;
using core::StoreErrc;

constexpr const char* kOperatorColumns =
    "name, client_cn, client_ca, callback_url, callback_ca, state_change_points, created_at";

constexpr const char* kCallColumns =
    "operator_name, function_call_id, function, request_sha256, response, created_at";

Result<OperatorRecord> read_operator(Statement& st) {
  OperatorRecord o;
  o.name = st.column_text();
  o.client_cn = st.column_text();
  o.client_ca = st.column_blob();
  o.callback_url = st.column_text();
  o.callback_ca = st.column_blob();
  o.state_change_points = st.column_text();
  o.created_at = st.column_time();
  return o;
}

Result<FunctionCallRecord> read_call(Statement& st) {
  FunctionCallRecord f;
  f.operator_name = st.column_text();
  f.function_call_id = st.column_text();
  f.function = st.column_text();
  f.request_sha256 = st.column_blob();
  f.response = st.column_optional_text();
  f.created_at = st.column_time();
  return f;
}

}  // namespace

Result<void> SqliteStore::add_operator(const OperatorRecord& record) {
  constexpr std::string_view op = "add operator";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto st = Statement::prepare(
      **c,
      std::string("INSERT INTO operators (") + kOperatorColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
      op);
  if (!st) return std::unexpected(st.error());
  st->bind_text(std::string_view(record.name))
      .bind_text(std::string_view(record.client_cn))
      .bind_blob(ByteView(record.client_ca))
      .bind_text(std::string_view(record.callback_url))
      .bind_blob(ByteView(record.callback_ca))
      .bind_text(std::string_view(record.state_change_points))
      .bind_time(record.created_at);
  if (auto r = st->run(); !r) return r;
  return tx->commit();
}

Result<void> SqliteStore::update_operator(const OperatorRecord& record) {
  constexpr std::string_view op = "update operator";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto st = Statement::prepare(**c,
                               "UPDATE operators SET client_cn = ?, client_ca = ?, "
                               "callback_url = ?, callback_ca = ?, state_change_points = ? "
                               "WHERE name = ?",
                               op);
  if (!st) return std::unexpected(st.error());
  st->bind_text(std::string_view(record.client_cn))
      .bind_blob(ByteView(record.client_ca))
      .bind_text(std::string_view(record.callback_url))
      .bind_blob(ByteView(record.callback_ca))
      .bind_text(std::string_view(record.state_change_points))
      .bind_text(std::string_view(record.name));
  if (auto r = st->run(); !r) return r;
  if (sqlite3_changes((*c)->handle()) != 1) {
    return fail(StoreErrc::not_found, std::string(op) + ": no such operator");
  }
  return tx->commit();
}

Result<std::optional<OperatorRecord>> SqliteStore::get_operator(std::string_view name) {
  return select_row<OperatorRecord>(
      *pool_, std::string("SELECT ") + kOperatorColumns + " FROM operators WHERE name = ?",
      "get operator", [&](Statement& st) { st.bind_text(name); }, read_operator);
}

Result<std::vector<OperatorRecord>> SqliteStore::list_operators() {
  return select_rows<OperatorRecord>(
      *pool_, std::string("SELECT ") + kOperatorColumns + " FROM operators ORDER BY name",
      "list operators", no_parameters, read_operator);
}

Result<std::optional<FunctionCallRecord>> SqliteStore::begin_function_call(
    const FunctionCallRecord& call) {
  constexpr std::string_view op = "begin function call";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto st = Statement::prepare(**c,
                               std::string("INSERT INTO function_calls (") + kCallColumns +
                                   ") VALUES (?, ?, ?, ?, NULL, ?) "
                                   "ON CONFLICT (operator_name, function_call_id) DO NOTHING",
                               op);
  if (!st) return std::unexpected(st.error());
  st->bind_text(std::string_view(call.operator_name))
      .bind_text(std::string_view(call.function_call_id))
      .bind_text(std::string_view(call.function))
      .bind_blob(ByteView(call.request_sha256))
      .bind_time(call.created_at);
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  if (sqlite3_changes((*c)->handle()) == 1) {
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    return std::optional<FunctionCallRecord>();
  }
  // Already recorded: read it under the same lock (nothing written; rolled back).
  auto existing = Statement::prepare(
      **c,
      std::string("SELECT ") + kCallColumns +
          " FROM function_calls WHERE operator_name = ? AND function_call_id = ?",
      op);
  if (!existing) return std::unexpected(existing.error());
  existing->bind_text(std::string_view(call.operator_name))
      .bind_text(std::string_view(call.function_call_id));
  auto found = first<FunctionCallRecord>(*existing, read_call);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(StoreErrc::unavailable, std::string(op) + ": recorded call vanished");
  return found;
}

Result<void> SqliteStore::complete_function_call(std::string_view operator_name,
                                                 std::string_view function_call_id,
                                                 std::string_view response) {
  constexpr std::string_view op = "complete function call";
  auto c = pool_->acquire();
  if (!c) return std::unexpected(c.error());
  auto tx = Transaction::begin_immediate(**c, op);
  if (!tx) return std::unexpected(tx.error());
  auto st = Statement::prepare(
      **c,
      "UPDATE function_calls SET response = ? WHERE operator_name = ? AND function_call_id = ?",
      op);
  if (!st) return std::unexpected(st.error());
  st->bind_text(response).bind_text(operator_name).bind_text(function_call_id);
  if (auto r = st->run(); !r) return r;
  if (sqlite3_changes((*c)->handle()) != 1) {
    return fail(StoreErrc::not_found, std::string(op) + ": no such call");
  }
  return tx->commit();
}

Result<void> SqliteStore::abandon_function_call(std::string_view operator_name,
                                                std::string_view function_call_id) {
  auto removed = write_rows(*pool_,
                            "DELETE FROM function_calls WHERE operator_name = ? AND "
                            "function_call_id = ? AND response IS NULL",
                            "abandon function call", [&](Statement& st) {
                              st.bind_text(operator_name).bind_text(function_call_id);
                            });
  if (!removed) return std::unexpected(removed.error());
  return {};
}

Result<int> SqliteStore::purge_function_calls(core::TimePoint before) {
  return write_rows(*pool_, "DELETE FROM function_calls WHERE created_at < ?",
                    "purge function calls", [&](Statement& st) { st.bind_time(before); });
}

}  // namespace smdp::store
