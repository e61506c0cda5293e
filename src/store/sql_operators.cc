// SPDX-License-Identifier: Apache-2.0
// core::OperatorStore on SQL (core/operator_store.h): the operators that use ES2+
// (SGP.22 §5.3) and the log of their function calls, which makes a resent request
// (same functionCallIdentifier) return the original response (§6.5.1.1). Contract and
// choices in store/sql_store.h.
#include <string>
#include <utility>

#include "store/pool.h"
#include "store/query.h"
#include "store/sql_store.h"

namespace smdp::store {
namespace {

using core::FunctionCallRecord;
using core::OperatorRecord;
using core::StoreErrc;

constexpr const char* kOperatorColumns =
    "name, client_cn, client_ca, callback_url, callback_ca, state_change_points, created_at";

constexpr const char* kCallColumns =
    "operator_name, function_call_id, function, request_sha256, response, created_at";

Result<OperatorRecord> read_operator(sql::Statement& st) {
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

Result<FunctionCallRecord> read_call(sql::Statement& st) {
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

Result<void> SqlStore::add_operator(const OperatorRecord& record) {
  auto added = write_rows(
      *pool_,
      std::string("INSERT INTO operators (") + kOperatorColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
      "add operator", [&](sql::Statement& st) {
        st.bind_text(std::string_view(record.name))
            .bind_text(std::string_view(record.client_cn))
            .bind_blob(ByteView(record.client_ca))
            .bind_text(std::string_view(record.callback_url))
            .bind_blob(ByteView(record.callback_ca))
            .bind_text(std::string_view(record.state_change_points))
            .bind_time(record.created_at);
      });
  if (!added) return std::unexpected(added.error());
  return {};
}

Result<void> SqlStore::update_operator(const OperatorRecord& record) {
  constexpr std::string_view op = "update operator";
  auto changed = write_rows(*pool_,
                            "UPDATE operators SET client_cn = ?, client_ca = ?, "
                            "callback_url = ?, callback_ca = ?, state_change_points = ? "
                            "WHERE name = ?",
                            op, [&](sql::Statement& st) {
                              st.bind_text(std::string_view(record.client_cn))
                                  .bind_blob(ByteView(record.client_ca))
                                  .bind_text(std::string_view(record.callback_url))
                                  .bind_blob(ByteView(record.callback_ca))
                                  .bind_text(std::string_view(record.state_change_points))
                                  .bind_text(std::string_view(record.name));
                            });
  if (!changed) return std::unexpected(changed.error());
  if (*changed != 1) return fail(StoreErrc::not_found, std::string(op) + ": no such operator");
  return {};
}

Result<std::optional<OperatorRecord>> SqlStore::get_operator(std::string_view name) {
  return select_row<OperatorRecord>(
      *pool_, std::string("SELECT ") + kOperatorColumns + " FROM operators WHERE name = ?",
      "get operator", [&](sql::Statement& st) { st.bind_text(name); }, read_operator);
}

Result<std::vector<OperatorRecord>> SqlStore::list_operators() {
  return select_rows<OperatorRecord>(
      *pool_, std::string("SELECT ") + kOperatorColumns + " FROM operators ORDER BY name",
      "list operators", no_parameters, read_operator);
}

// The insert and, when the call was recorded already, the read of the recorded call, in
// one write transaction (on PostgreSQL the insert waits for a concurrent insert of the
// same key to commit, which the read then sees).
Result<std::optional<FunctionCallRecord>> SqlStore::begin_function_call(
    const FunctionCallRecord& call) {
  constexpr std::string_view op = "begin function call";
  return write_transaction(
      *pool_, op, [&](sql::Connection& c) -> Result<std::optional<FunctionCallRecord>> {
        auto inserted = execute(c,
                                std::string("INSERT INTO function_calls (") + kCallColumns +
                                    ") VALUES (?, ?, ?, ?, NULL, ?) "
                                    "ON CONFLICT (operator_name, function_call_id) DO NOTHING",
                                op, [&](sql::Statement& st) {
                                  st.bind_text(std::string_view(call.operator_name))
                                      .bind_text(std::string_view(call.function_call_id))
                                      .bind_text(std::string_view(call.function))
                                      .bind_blob(ByteView(call.request_sha256))
                                      .bind_time(call.created_at);
                                });
        if (!inserted) return std::unexpected(inserted.error());
        if (*inserted == 1) return std::optional<FunctionCallRecord>();
        auto found = select_row<FunctionCallRecord>(
            c,
            std::string("SELECT ") + kCallColumns +
                " FROM function_calls WHERE operator_name = ? AND function_call_id = ?",
            op,
            [&](sql::Statement& st) {
              st.bind_text(std::string_view(call.operator_name))
                  .bind_text(std::string_view(call.function_call_id));
            },
            read_call);
        if (found && !*found)
          return fail(StoreErrc::unavailable, std::string(op) + ": recorded call vanished");
        return found;
      });
}

Result<void> SqlStore::complete_function_call(std::string_view operator_name,
                                              std::string_view function_call_id,
                                              std::string_view response) {
  constexpr std::string_view op = "complete function call";
  auto changed = write_rows(
      *pool_,
      "UPDATE function_calls SET response = ? WHERE operator_name = ? AND function_call_id = ?", op,
      [&](sql::Statement& st) {
        st.bind_text(response).bind_text(operator_name).bind_text(function_call_id);
      });
  if (!changed) return std::unexpected(changed.error());
  if (*changed != 1) return fail(StoreErrc::not_found, std::string(op) + ": no such call");
  return {};
}

Result<void> SqlStore::abandon_function_call(std::string_view operator_name,
                                             std::string_view function_call_id) {
  auto removed = write_rows(*pool_,
                            "DELETE FROM function_calls WHERE operator_name = ? AND "
                            "function_call_id = ? AND response IS NULL",
                            "abandon function call", [&](sql::Statement& st) {
                              st.bind_text(operator_name).bind_text(function_call_id);
                            });
  if (!removed) return std::unexpected(removed.error());
  return {};
}

Result<int> SqlStore::purge_function_calls(core::TimePoint before) {
  auto purged =
      write_rows(*pool_, "DELETE FROM function_calls WHERE created_at < ?", "purge function calls",
                 [&](sql::Statement& st) { st.bind_time(before); });
  if (!purged) return std::unexpected(purged.error());
  return static_cast<int>(*purged);
}

}  // namespace smdp::store
