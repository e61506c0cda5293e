// SPDX-License-Identifier: Apache-2.0
// The error INTEGERs of the ES9+ ASN.1 binding (SGP.22 §6.6, RSPDefinitions): each
// function's response CHOICE carries one, coarser than the subject/reason codes of
// core/status.h. This is README's table "ASN.1 binding: error codes", row by row.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/status.h"

namespace smdp::es9_asn1 {

enum class Function {
  initiate_authentication,
  authenticate_client,
  get_bound_profile_package,
  cancel_session,
  handle_notification,  // no response alternative: HTTP 204 always
};
std::string_view function_name(Function f);  // "initiateAuthentication", ...

// One row: what `function` sends for `code`.
struct ErrorRow {
  Function function;
  core::StatusCode code;
  std::uint64_t value;
};
// Every explicit row, in README's order.
std::span<const ErrorRow> error_rows();

// The INTEGER for `code` in `function`'s response: its row, else the function's
// undefinedError (127). InitiateAuthentication defines no undefinedError: nullopt for a
// code without a row (the endpoint then answers HTTP 500 without a body).
std::optional<std::uint64_t> error_code(Function function, const core::StatusCode& code);

inline constexpr std::uint64_t kUndefinedError = 127;

}  // namespace smdp::es9_asn1
