// SPDX-License-Identifier: Apache-2.0
// ES9+ function execution status: the JSON `header` of every response (SGP.22 §6.5.1)
// and the subject/reason codes of the ES9+ functions (§5.6.1-§5.6.5) plus the generic
// ones; values as collected in shared/SGP22-CODES.md.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace smdp::es9 {

// A subject code / reason code pair, both dotted strings as they appear in the JSON.
struct StatusCode {
  std::string_view subject;
  std::string_view reason;
  friend bool operator==(const StatusCode&, const StatusCode&) = default;
};

// Generic codes (any function).
inline constexpr StatusCode kUnknownRequester{"1.1", "1.1"};
inline constexpr StatusCode kRequesterNotAllowed{"1.1", "1.2"};
inline constexpr StatusCode kExecutionError{"1.2", "4.2"};  // nothing more precise applies
inline constexpr StatusCode kBusy{"1.2", "4.4"};
inline constexpr StatusCode kUnsupportedProtocolVersion{"1.3.2", "3.1"};
inline constexpr StatusCode kInvalidParameter{"1.6", "2.1"};           // name it in message
inline constexpr StatusCode kMandatoryElementMissing{"1.6", "2.2"};    // name it in message
inline constexpr StatusCode kConditionalElementMissing{"1.6", "2.3"};  // name it in message

// ES9+.InitiateAuthentication (§5.6.1).
inline constexpr StatusCode kInvalidSmdpAddress{"8.8.1", "3.8"};
inline constexpr StatusCode kSecurityConfigurationUnsupported{"8.8.2", "3.1"};
inline constexpr StatusCode kSvnUnsupported{"8.8.3", "3.1"};
inline constexpr StatusCode kServerCertificateUnavailable{"8.8.4", "3.7"};

// ES9+.AuthenticateClient (§5.6.3); the first also GetBoundProfilePackage, CancelSession.
inline constexpr StatusCode kTransactionIdUnknown{"8.10.1", "3.9"};
inline constexpr StatusCode kCiPublicKeyUnknown{"8.11.1", "3.9"};
inline constexpr StatusCode kEumCertificateInvalid{"8.1.2", "6.1"};
inline constexpr StatusCode kEumCertificateExpired{"8.1.2", "6.3"};
inline constexpr StatusCode kEuiccCertificateInvalid{"8.1.3", "6.1"};
inline constexpr StatusCode kEuiccCertificateExpired{"8.1.3", "6.3"};
inline constexpr StatusCode kEuiccSignatureInvalid{"8.1", "6.1"};  // also GBPP, CancelSession
inline constexpr StatusCode kMatchingIdRefused{"8.2.6", "3.8"};
inline constexpr StatusCode kEidRefused{"8.1.1", "3.8"};
inline constexpr StatusCode kProfileNotReleased{"8.2", "1.2"};
inline constexpr StatusCode kNoEligibleProfile{"8.2.5", "4.3"};
inline constexpr StatusCode kInsufficientMemory{"8.1", "4.8"};
inline constexpr StatusCode kDownloadOrderExpired{"8.8.5", "4.10"};
inline constexpr StatusCode kDownloadRetriesExceeded{"8.8.5", "6.4"};

// ES9+.GetBoundProfilePackage (§5.6.2).
inline constexpr StatusCode kConfirmationCodeMissing{"8.2.7", "2.2"};
inline constexpr StatusCode kConfirmationCodeRefused{"8.2.7", "3.8"};
inline constexpr StatusCode kConfirmationCodeRetriesExceeded{"8.2.7", "6.4"};
inline constexpr StatusCode kBppUnavailable{"8.2", "3.7"};

// ES9+.CancelSession (§5.6.5): smdpOid does not match our CERT.DPauth.
inline constexpr StatusCode kSmdpOidMismatch{"8.8", "3.10"};

enum class ExecutionStatus { kExecutedSuccess, kExecutedWithWarning, kFailed, kExpired };

// "Executed-Success", "Executed-WithWarning", "Failed", "Expired".
std::string_view to_string(ExecutionStatus status);

// The functionExecutionStatus of a response. statusCodeData is rendered only when
// `code` is set; `message` only with it.
struct FunctionStatus {
  ExecutionStatus status = ExecutionStatus::kExecutedSuccess;
  std::optional<StatusCode> code;
  std::optional<std::string> message;

  static FunctionStatus success() { return {}; }
  static FunctionStatus failed(StatusCode c, std::string_view msg);

  // {"functionExecutionStatus":{"status":...[,"statusCodeData":{...}]}}
  nlohmann::json header() const;
};

// A whole response body: {"header": status.header(), ...fields}. `fields` must be a JSON
// object (or null for a header-only body). Invalid UTF-8 in strings is replaced, never thrown.
std::string render_body(const FunctionStatus& status, nlohmann::json fields = nullptr);

// The body of a Failed response: the header only.
std::string render_failure(StatusCode code, std::string_view message);

}  // namespace smdp::es9
