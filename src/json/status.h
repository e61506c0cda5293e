// SPDX-License-Identifier: Apache-2.0
// The function execution status of the SGP.22 JSON binding (§6.5.1): the `header` of
// every response, and the `notificationPointStatus` of HandleDownloadProgressInfo
// (§6.5.2.5), rendered from core's outcome vocabulary (core/status.h). Shared by ES9+,
// ES2+, ES12 and the callbacks.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"

namespace smdp::json {

using core::StatusCode;

enum class ExecutionStatus { kExecutedSuccess, kExecutedWithWarning, kFailed, kExpired };

// "Executed-Success", "Executed-WithWarning", "Failed", "Expired".
std::string_view to_string(ExecutionStatus status);

// A FunctionExecutionStatus. statusCodeData is rendered only when `code` is set;
// `message` only with it, and only when not empty.
struct FunctionStatus {
  ExecutionStatus status = ExecutionStatus::kExecutedSuccess;
  std::optional<StatusCode> code;
  std::optional<std::string> message;

  static FunctionStatus success() { return {}; }
  static FunctionStatus failed(StatusCode c, std::string_view msg);

  // {"status":...[,"statusCodeData":{"subjectCode":..,"reasonCode":..[,"message":..]}]}
  nlohmann::json execution_status() const;
  // {"functionExecutionStatus": execution_status()}
  nlohmann::json header() const;
};

// A whole response body: {"header": status.header(), ...fields}. `fields` must be a JSON
// object (or null for a header-only body). Invalid UTF-8 in strings is replaced, never thrown.
std::string render_body(const FunctionStatus& status, nlohmann::json fields = nullptr);

// The body of a Failed response: the header only.
std::string render_failure(StatusCode code, std::string_view message);

// A peer's answer: its header.functionExecutionStatus as {status, "subject/reason"};
// empty strings for what is absent or unreadable (never throws).
std::pair<std::string, std::string> read_execution_status(std::string_view body);

// `value` serialised on one line; invalid UTF-8 replaced, never thrown.
std::string dump(const nlohmann::json& value);

}  // namespace smdp::json
