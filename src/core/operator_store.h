// SPDX-License-Identifier: Apache-2.0
// Operators (MNOs) that use ES2+ (SGP.22 §5.3), and the log of their function calls.
//
// An operator is known by the TLS client certificate it presents on ES2+: issued by
// its configured CA, with its configured subject common name. Its
// functionRequesterIdentifier is its name. It owns the profile types created for it
// (ProfileTypeRecord::operator_name) and the profiles of those types; it sees and acts
// on nothing else.
//
// The function-call log makes ES2+ calls idempotent: a request repeated with the same
// functionCallIdentifier by the same operator returns the original response instead of
// acting twice (SGP.22 §6.5.1.1, a resend is not a conflict).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "core/clock.h"

namespace smdp::core {

struct OperatorRecord {
  std::string name;       // functionRequesterIdentifier; 1..64 of [A-Za-z0-9._-]
  std::string client_cn;  // subject CN of its ES2+ TLS client certificate
  Bytes client_ca;        // DER certificate of the CA that issues that certificate
  // Base URL of its ES2+ endpoint ("https://host[:port][/prefix]"); the SM-DP+ POSTs
  // to <callback_url>/gsma/rsp2/es2plus/handleDownloadProgressInfo. Empty: no callbacks.
  std::string callback_url;
  Bytes callback_ca;  // DER certificate the endpoint's TLS certificate chains to
  // Vendor notification points (values >= 5, SGP22-CODES.md) for profile state changes
  // reported by the eUICC: "enable=6,disable=7,delete=8". Empty: none sent.
  std::string state_change_points;
  TimePoint created_at{};
};

// One ES2+ call of an operator, recorded before it acts and completed with its response.
struct FunctionCallRecord {
  std::string operator_name;
  std::string function_call_id;         // functionCallIdentifier
  std::string function;                 // "downloadOrder", ...
  Bytes request_sha256;                 // of the request body
  std::optional<std::string> response;  // JSON body; nullopt while the call runs
  TimePoint created_at{};
};

class OperatorStore {
 public:
  virtual ~OperatorStore() = default;

  // conflict when the name exists.
  virtual Result<void> add_operator(const OperatorRecord& record) = 0;
  // Replaces every field but name and created_at; not_found when absent.
  virtual Result<void> update_operator(const OperatorRecord& record) = 0;
  virtual Result<std::optional<OperatorRecord>> get_operator(std::string_view name) = 0;
  virtual Result<std::vector<OperatorRecord>> list_operators() = 0;

  // Records `call` (response nullopt) when (operator, functionCallIdentifier) is new and
  // returns nullopt; otherwise inserts nothing and returns the recorded call.
  virtual Result<std::optional<FunctionCallRecord>> begin_function_call(
      const FunctionCallRecord& call) = 0;
  // Stores the response of a begun call.
  virtual Result<void> complete_function_call(std::string_view operator_name,
                                              std::string_view function_call_id,
                                              std::string_view response) = 0;
  // Forgets a begun call that did not complete (its request may then be sent again).
  virtual Result<void> abandon_function_call(std::string_view operator_name,
                                             std::string_view function_call_id) = 0;
  // Deletes calls recorded before `before`; housekeeping.
  virtual Result<int> purge_function_calls(TimePoint before) = 0;
};

}  // namespace smdp::core
