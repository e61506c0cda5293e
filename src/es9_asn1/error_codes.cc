// SPDX-License-Identifier: Apache-2.0
#include "es9_asn1/error_codes.h"

#include <array>

namespace smdp::es9_asn1 {
namespace {

using F = Function;
using namespace core;  // the kCode constants

// RSPDefinitions' INTEGER values per function; the codes as core/status.h names them.
constexpr std::array kRows{
    // InitiateAuthenticationResponse.initiateAuthenticationError
    ErrorRow{F::initiate_authentication, kInvalidSmdpAddress, 1},  // invalidDpAddress
    ErrorRow{F::initiate_authentication, kSvnUnsupported, 2},      // euiccVersionNotSupportedByDp
    ErrorRow{F::initiate_authentication, kSecurityConfigurationUnsupported, 3},  // ciPKNotSupported
    // No CERT.DPauth for a CI of both lists: for the eUICC, its CI keys are not supported.
    ErrorRow{F::initiate_authentication, kServerCertificateUnavailable, 3},
    // AuthenticateClientResponseEs9.authenticateClientError
    ErrorRow{F::authenticate_client, kEumCertificateInvalid, 1},
    ErrorRow{F::authenticate_client, kEumCertificateExpired, 2},
    ErrorRow{F::authenticate_client, kEuiccCertificateInvalid, 3},
    ErrorRow{F::authenticate_client, kEuiccCertificateExpired, 4},
    ErrorRow{F::authenticate_client, kEuiccSignatureInvalid, 5},
    ErrorRow{F::authenticate_client, kMatchingIdRefused, 6},
    ErrorRow{F::authenticate_client, kEidRefused, 7},  // eidMismatch
    ErrorRow{F::authenticate_client, kNoEligibleProfile, 8},
    ErrorRow{F::authenticate_client, kCiPublicKeyUnknown, 9},
    ErrorRow{F::authenticate_client, kTransactionIdUnknown, 10},
    ErrorRow{F::authenticate_client, kInsufficientMemory, 11},
    // GetBoundProfilePackageResponse.getBoundProfilePackageError
    ErrorRow{F::get_bound_profile_package, kEuiccSignatureInvalid, 1},
    ErrorRow{F::get_bound_profile_package, kConfirmationCodeMissing, 2},
    ErrorRow{F::get_bound_profile_package, kConfirmationCodeRefused, 3},
    ErrorRow{F::get_bound_profile_package, kConfirmationCodeRetriesExceeded, 4},
    ErrorRow{F::get_bound_profile_package, kBppUnavailable, 5},  // bppRebindingRefused
    ErrorRow{F::get_bound_profile_package, kDownloadOrderExpired, 6},
    ErrorRow{F::get_bound_profile_package, kTransactionIdUnknown, 95},
    // CancelSessionResponseEs9.cancelSessionError
    ErrorRow{F::cancel_session, kTransactionIdUnknown, 1},
    ErrorRow{F::cancel_session, kEuiccSignatureInvalid, 2},
};

}  // namespace

std::string_view function_name(Function f) {
  switch (f) {
    case F::initiate_authentication:
      return "initiateAuthentication";
    case F::authenticate_client:
      return "authenticateClient";
    case F::get_bound_profile_package:
      return "getBoundProfilePackage";
    case F::cancel_session:
      return "cancelSession";
    case F::handle_notification:
      return "handleNotification";
  }
  return "unknown";
}

std::span<const ErrorRow> error_rows() { return kRows; }

std::optional<std::uint64_t> error_code(Function function, const StatusCode& code) {
  for (const ErrorRow& row : kRows) {
    if (row.function == function && row.code == code) return row.value;
  }
  if (function == F::initiate_authentication) return std::nullopt;
  return kUndefinedError;
}

}  // namespace smdp::es9_asn1
