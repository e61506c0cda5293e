// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the ES9+ ASN.1 binding's request decoder (SGP.22 §6.6,
// es9_asn1::parse_request): the whole input is an HTTP body posted to /gsma/rsp2/asn1.
// Invariants:
// - parse_request returns a request or an error (an HTTP 400), never both or neither;
// - every DER field of a parsed request owns its bytes, its view covers them exactly and
//   re-encodes to them;
// - transactionId is 1..16 octets, euiccChallenge 16;
// - the function's error response renders and decodes as a
//   RemoteProfileProvisioningResponse (not for handleNotification: it has none).
#include <cstddef>
#include <cstdint>
#include <variant>

#include "asn1/remote_provisioning.h"
#include "es9_asn1/binding.h"
#include "fuzz_check.h"

namespace {

using smdp::Bytes;
using smdp::fuzz::same;
namespace core = smdp::core;
namespace es9_asn1 = smdp::es9_asn1;

template <class V>
void check_field(const smdp::asn1::DerField<V>& field) {
  FUZZ_CHECK(field.der != nullptr);
  FUZZ_CHECK(same(field.view.raw, *field.der));
  FUZZ_CHECK(same(field.view.encode(), *field.der));
}

void check_transaction_id(const Bytes& id) { FUZZ_CHECK(!id.empty() && id.size() <= 16); }

void check(const core::InitiateAuthenticationRequest& r) {
  FUZZ_CHECK(r.euicc_challenge.size() == 16);
  check_field(r.euicc_info1);
}
void check(const core::AuthenticateClientRequest& r) {
  check_transaction_id(r.transaction_id);
  check_field(r.authenticate_server_response);
}
void check(const core::GetBoundProfilePackageRequest& r) {
  check_transaction_id(r.transaction_id);
  check_field(r.prepare_download_response);
}
void check(const core::CancelSessionRequest& r) {
  check_transaction_id(r.transaction_id);
  check_field(r.cancel_session_response);
}
void check(const core::HandleNotificationRequest& r) { check_field(r.pending_notification); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto request = es9_asn1::parse_request(smdp::fuzz::input(data, size));
  if (!request) {
    FUZZ_CHECK(!request.error().message().empty());
    return 0;
  }
  std::visit([](const auto& r) { check(r); }, *request);
  const es9_asn1::Function function = es9_asn1::function_of(*request);
  if (function != es9_asn1::Function::handle_notification) {
    const Bytes error = es9_asn1::render_error(function, es9_asn1::kUndefinedError);
    FUZZ_CHECK(smdp::asn1::RemoteProfileProvisioningResponseView::decode(error).has_value());
  }
  return 0;
}
