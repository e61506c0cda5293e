// SPDX-License-Identifier: Apache-2.0
// Mapping of ProfileRecord, RspSession and NotificationRecord to rows of the store's
// tables (internal to the store module), on any engine. Each k*Columns list and the bind/read
// functions below use the same column order.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "base/error.h"
#include "core/store.h"
#include "store/sql.h"

namespace smdp::store {

// The error for a stored value the store cannot read back: unavailable,
// "read <what>: invalid value".
std::unexpected<Error> corrupt(std::string_view what);
// Narrows a column's integer to `out`; false (and `out` untouched) when it does not fit.
bool to_int(std::int64_t v, int& out);

// SELECT list of a profile, then read_profile() reads one row of it.
inline constexpr const char* kProfileColumns =
    "iccid, state, profile_package, profile_metadata, eid, matching_id, "
    "confirmation_code_hash, confirmation_attempts, max_confirmation_attempts, "
    "download_attempts, max_download_attempts, order_expires_at, session_transaction_id, "
    "session_expires_at, result, updated_at, profile_type, imsi, sealed_values, "
    "protected_package, smds_address, bound_euicc_otpk, bound_package, bound_until, version";
// "SELECT kProfileColumns FROM profiles <rest>".
std::string select_profiles(std::string_view rest);
// Binds every profile column after iccid and before version (23 parameters), in
// kProfileColumns order.
inline constexpr int kProfileFieldCount = 23;
void bind_profile_fields(sql::Statement& st, const core::ProfileRecord& p);
Result<core::ProfileRecord> read_profile(sql::Statement& st);
// "INSERT INTO profiles (kProfileColumns) VALUES (?, ..., 1) <suffix>": the iccid, then
// bind_profile_fields(); the version is 1.
std::string insert_profile_sql(std::string_view suffix);

inline constexpr const char* kSessionColumns =
    "transaction_id, state, created_at, expires_at, smdp_address, euicc_challenge, "
    "server_challenge, euicc_info1, ci_pkid, eid, euicc_certificate, eum_certificate, iccid, "
    "confirmation_code_required, smdp_signature2, euicc_otpk, version";
// Binds every session column after transaction_id and before version (15 parameters).
void bind_session_fields(sql::Statement& st, const core::RspSession& s);
Result<core::RspSession> read_session(sql::Statement& st);

inline constexpr const char* kNotificationColumns =
    "eid, seq_number, iccid, event, result, der, received_at";
void bind_notification(sql::Statement& st, const core::NotificationRecord& n);
core::NotificationRecord read_notification(sql::Statement& st);

}  // namespace smdp::store
