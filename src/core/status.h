// SPDX-License-Identifier: Apache-2.0
// The outcome vocabulary of the SM-DP+ functions: the Subject Code / Reason Code pairs
// of SGP.22 §5 (generic codes §5.1.6.4 / §5.1.6.5; ES2+ §5.3.1-§5.3.5; ES9+
// §5.6.1-§5.6.5). They belong to the functions, not to a binding: core reports them,
// and each binding maps them at its edge (the JSON binding to statusCodeData, §6.5.1;
// the ASN.1 binding to its error INTEGERs, §6.6). Values as collected in
// docs/SGP22-CODES.md.
//
// Header-only and dependency-free, so that the bindings can name codes without linking
// the domain.
#pragma once

#include <string_view>

namespace smdp::core {

// A subject code / reason code pair, both in their dotted form ("8.1.1", "3.8").
struct StatusCode {
  std::string_view subject;
  std::string_view reason;
  friend bool operator==(const StatusCode&, const StatusCode&) = default;
};

// Generic codes (any function, §5.1.6.4, §5.1.6.5).
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

// ES2+.HandleDownloadProgressInfo point 4 (§5.3.5): the eUICC reported a failed
// installation (ProfileInstallationResult with an errorResult).
inline constexpr StatusCode kInstallationFailed{"8.1", "4.2"};

// ES2+.DownloadOrder, ConfirmOrder, CancelOrder, ReleaseProfile (§5.3.1-§5.3.4).
inline constexpr StatusCode kIccidNotAllowed{"8.2.1", "1.2"};
inline constexpr StatusCode kIccidMissing{"8.2.1", "2.2"};
inline constexpr StatusCode kIccidInUse{"8.2.1", "3.3"};
inline constexpr StatusCode kIccidInvalidTransition{"8.2.1", "3.5"};
inline constexpr StatusCode kIccidUnknown{"8.2.1", "3.9"};
inline constexpr StatusCode kProfileTypeNotAllowed{"8.2.5", "1.2"};
inline constexpr StatusCode kProfileTypeUnavailable{"8.2.5", "3.7"};
inline constexpr StatusCode kProfileTypeMismatch{"8.2.5", "3.8"};
inline constexpr StatusCode kProfileTypeUnknown{"8.2.5", "3.9"};
inline constexpr StatusCode kEidMissing{"8.1.1", "2.2"};
inline constexpr StatusCode kEidMismatch{"8.1.1", "3.10"};
inline constexpr StatusCode kMatchingIdInUse{"8.2.6", "3.3"};
inline constexpr StatusCode kMatchingIdMismatch{"8.2.6", "3.10"};
inline constexpr StatusCode kSmdsInaccessible{"8.9", "5.1"};

}  // namespace smdp::core
