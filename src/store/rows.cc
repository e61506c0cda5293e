// SPDX-License-Identifier: Apache-2.0
#include "store/rows.h"

#include <limits>
#include <string>

namespace smdp::store {

std::unexpected<Error> corrupt(std::string_view what) {
  return fail(core::StoreErrc::unavailable, "read " + std::string(what) + ": invalid value");
}

bool to_int(std::int64_t v, int& out) {
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) return false;
  out = static_cast<int>(v);
  return true;
}

void bind_profile_fields(sql::Statement& st, const core::ProfileRecord& p) {
  st.bind_text(core::to_string(p.state))
      .bind_blob(ByteView(p.profile_package))
      .bind_blob(ByteView(p.profile_metadata))
      .bind_text(p.eid)
      .bind_text(p.matching_id)
      .bind_blob(p.confirmation_code_hash)
      .bind_int(p.confirmation_attempts)
      .bind_int(p.max_confirmation_attempts)
      .bind_int(p.download_attempts)
      .bind_int(p.max_download_attempts)
      .bind_time(p.order_expires_at)
      .bind_text(p.session_transaction_id)
      .bind_time(p.session_expires_at)
      .bind_text(p.result)
      .bind_time(p.updated_at)
      .bind_text(p.profile_type)
      .bind_text(p.imsi)
      .bind_blob(ByteView(p.sealed_values))
      .bind_blob(ByteView(p.protected_package))
      .bind_text(p.smds_address)
      .bind_blob(ByteView(p.bound_euicc_otpk))
      .bind_blob(ByteView(p.bound_package))
      .bind_time(p.bound_until);
}

std::string select_profiles(std::string_view rest) {
  return std::string("SELECT ") + kProfileColumns + " FROM profiles " + std::string(rest);
}

std::string insert_profile_sql(std::string_view suffix) {
  std::string sql = std::string("INSERT INTO profiles (") + kProfileColumns + ") VALUES (?";
  for (int i = 0; i < kProfileFieldCount; ++i) sql += ", ?";
  sql += ", 1)";
  if (!suffix.empty()) sql += " " + std::string(suffix);
  return sql;
}

Result<core::ProfileRecord> read_profile(sql::Statement& st) {
  core::ProfileRecord p;
  p.iccid = st.column_text();
  auto state = core::profile_state_from_string(st.column_text());
  if (!state) return corrupt("profiles.state");
  p.state = *state;
  p.profile_package = st.column_blob();
  p.profile_metadata = st.column_blob();
  p.eid = st.column_optional_text();
  p.matching_id = st.column_optional_text();
  p.confirmation_code_hash = st.column_optional_blob();
  if (!to_int(st.column_int(), p.confirmation_attempts) ||
      !to_int(st.column_int(), p.max_confirmation_attempts) ||
      !to_int(st.column_int(), p.download_attempts) ||
      !to_int(st.column_int(), p.max_download_attempts)) {
    return corrupt("profiles attempts");
  }
  p.order_expires_at = st.column_optional_time();
  p.session_transaction_id = st.column_optional_text();
  p.session_expires_at = st.column_optional_time();
  p.result = st.column_optional_text();
  p.updated_at = st.column_time();
  p.profile_type = st.column_optional_text();
  p.imsi = st.column_optional_text();
  p.sealed_values = st.column_blob();
  p.protected_package = st.column_blob();
  p.smds_address = st.column_optional_text();
  p.bound_euicc_otpk = st.column_blob();
  p.bound_package = st.column_blob();
  p.bound_until = st.column_optional_time();
  p.version = st.column_int();
  return p;
}

void bind_session_fields(sql::Statement& st, const core::RspSession& s) {
  st.bind_text(core::to_string(s.state))
      .bind_time(s.created_at)
      .bind_time(s.expires_at)
      .bind_text(std::string_view(s.smdp_address))
      .bind_blob(ByteView(s.euicc_challenge))
      .bind_blob(ByteView(s.server_challenge))
      .bind_blob(ByteView(s.euicc_info1))
      .bind_blob(ByteView(s.ci_pkid))
      .bind_text(s.eid)
      .bind_blob(ByteView(s.euicc_certificate))
      .bind_blob(ByteView(s.eum_certificate))
      .bind_text(s.iccid)
      .bind_bool(s.confirmation_code_required)
      .bind_blob(ByteView(s.smdp_signature2))
      .bind_blob(ByteView(s.euicc_otpk));
}

Result<core::RspSession> read_session(sql::Statement& st) {
  core::RspSession s;
  s.transaction_id = st.column_blob();
  auto state = core::session_state_from_string(st.column_text());
  if (!state) return corrupt("sessions.state");
  s.state = *state;
  s.created_at = st.column_time();
  s.expires_at = st.column_time();
  s.smdp_address = st.column_text();
  s.euicc_challenge = st.column_blob();
  s.server_challenge = st.column_blob();
  s.euicc_info1 = st.column_blob();
  s.ci_pkid = st.column_blob();
  s.eid = st.column_optional_text();
  s.euicc_certificate = st.column_blob();
  s.eum_certificate = st.column_blob();
  s.iccid = st.column_optional_text();
  s.confirmation_code_required = st.column_bool();
  s.smdp_signature2 = st.column_blob();
  s.euicc_otpk = st.column_blob();
  s.version = st.column_int();
  return s;
}

void bind_notification(sql::Statement& st, const core::NotificationRecord& n) {
  st.bind_text(std::string_view(n.eid))
      .bind_int(n.seq_number)
      .bind_text(n.iccid)
      .bind_text(std::string_view(n.event))
      .bind_text(std::string_view(n.result))
      .bind_blob(ByteView(n.der))
      .bind_time(n.received_at);
}

core::NotificationRecord read_notification(sql::Statement& st) {
  core::NotificationRecord n;
  n.eid = st.column_text();
  n.seq_number = st.column_int();
  n.iccid = st.column_optional_text();
  n.event = st.column_text();
  n.result = st.column_text();
  n.der = st.column_blob();
  n.received_at = st.column_time();
  return n;
}

}  // namespace smdp::store
