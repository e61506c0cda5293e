// SPDX-License-Identifier: Apache-2.0
// README's table "ASN.1 binding: error codes", every row (SGP.22 §6.6, RSPDefinitions):
// each outcome the JSON binding can return for a function, and the INTEGER the ASN.1
// binding sends for it (nullopt: HTTP 500, InitiateAuthentication only).
#include "es9_asn1/error_codes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace smdp::es9_asn1 {
namespace {

using namespace core;
using F = Function;

struct Case {
  Function function;
  StatusCode code;
  std::optional<std::uint64_t> value;
};

// Written from RSPDefinitions' INTEGER lists, independently of error_codes.cc.
const std::vector<Case>& cases() {
  static const std::vector<Case> c = {
      {F::initiate_authentication, {"8.8.1", "3.8"}, 1},  // invalidDpAddress
      {F::initiate_authentication, {"8.8.3", "3.1"}, 2},  // euiccVersionNotSupportedByDp
      {F::initiate_authentication, {"8.8.2", "3.1"}, 3},  // ciPKNotSupported
      {F::initiate_authentication, {"8.8.4", "3.7"}, 3},  // ciPKNotSupported
      {F::initiate_authentication, {"1.2", "4.2"}, std::nullopt},
      {F::initiate_authentication, {"1.3.2", "3.1"}, std::nullopt},
      {F::initiate_authentication, {"1.6", "2.1"}, std::nullopt},
      {F::authenticate_client, {"8.1.2", "6.1"}, 1},    // eumCertificateInvalid
      {F::authenticate_client, {"8.1.2", "6.3"}, 2},    // eumCertificateExpired
      {F::authenticate_client, {"8.1.3", "6.1"}, 3},    // euiccCertificateInvalid
      {F::authenticate_client, {"8.1.3", "6.3"}, 4},    // euiccCertificateExpired
      {F::authenticate_client, {"8.1", "6.1"}, 5},      // euiccSignatureInvalid
      {F::authenticate_client, {"8.2.6", "3.8"}, 6},    // matchingIdRefused
      {F::authenticate_client, {"8.1.1", "3.8"}, 7},    // eidMismatch
      {F::authenticate_client, {"8.2.5", "4.3"}, 8},    // noEligibleProfile
      {F::authenticate_client, {"8.11.1", "3.9"}, 9},   // ciPKUnknown
      {F::authenticate_client, {"8.10.1", "3.9"}, 10},  // invalidTransactionId
      {F::authenticate_client, {"8.1", "4.8"}, 11},     // insufficientMemory
      {F::authenticate_client, {"8.2", "1.2"}, 127},    // undefinedError from here on
      {F::authenticate_client, {"8.8.5", "4.10"}, 127},
      {F::authenticate_client, {"8.8.5", "6.4"}, 127},
      {F::authenticate_client, {"8.8.1", "3.8"}, 127},
      {F::authenticate_client, {"1.2", "4.2"}, 127},
      {F::authenticate_client, {"1.3.2", "3.1"}, 127},
      {F::get_bound_profile_package, {"8.1", "6.1"}, 1},      // euiccSignatureInvalid
      {F::get_bound_profile_package, {"8.2.7", "2.2"}, 2},    // confirmationCodeMissing
      {F::get_bound_profile_package, {"8.2.7", "3.8"}, 3},    // confirmationCodeRefused
      {F::get_bound_profile_package, {"8.2.7", "6.4"}, 4},    // confirmationCodeRetriesExceeded
      {F::get_bound_profile_package, {"8.2", "3.7"}, 5},      // bppRebindingRefused
      {F::get_bound_profile_package, {"8.8.5", "4.10"}, 6},   // downloadOrderExpired
      {F::get_bound_profile_package, {"8.10.1", "3.9"}, 95},  // invalidTransactionId
      {F::get_bound_profile_package, {"8.8.5", "6.4"}, 127},
      {F::get_bound_profile_package, {"8.2", "1.2"}, 127},
      {F::get_bound_profile_package, {"1.2", "4.2"}, 127},
      {F::cancel_session, {"8.10.1", "3.9"}, 1},  // invalidTransactionId
      {F::cancel_session, {"8.1", "6.1"}, 2},     // euiccSignatureInvalid
      {F::cancel_session, {"8.8", "3.10"}, 127},
      {F::cancel_session, {"8.2", "1.2"}, 127},
      {F::cancel_session, {"1.2", "4.2"}, 127},
  };
  return c;
}

TEST(Asn1ErrorCodes, when_an_outcome_is_mapped_then_its_integer_is_rsp_definitions) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(std::string(function_name(c.function)) + " " + std::string(c.code.subject) + "/" +
                 std::string(c.code.reason));
    EXPECT_EQ(error_code(c.function, c.code), c.value);
  }
}

// Every row of the table is among the cases above (a row added without a case fails).
TEST(Asn1ErrorCodes, when_the_table_has_a_row_then_a_case_checks_it) {
  for (const ErrorRow& row : error_rows()) {
    const bool checked = std::ranges::any_of(cases(), [&](const Case& c) {
      return c.function == row.function && c.code == row.code && c.value == row.value;
    });
    EXPECT_TRUE(checked) << function_name(row.function) << " " << row.code.subject << "/"
                         << row.code.reason;
  }
}

}  // namespace
}  // namespace smdp::es9_asn1
