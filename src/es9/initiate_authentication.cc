// SPDX-License-Identifier: Apache-2.0
// ES9+.InitiateAuthentication JSON binding (SGP.22 §5.6.1, §6.5.2.6).
#include "es9/initiate_authentication.h"

#include "json/fields.h"
#include "json/status.h"

namespace smdp::es9 {

Result<core::InitiateAuthenticationRequest> parse_initiate_authentication_request(
    std::string_view json_body) {
  auto body = json::parse_body(json_body);
  if (!body) return std::unexpected(std::move(body.error()));
  auto challenge = json::get_base64(*body, "euiccChallenge");
  if (!challenge) return std::unexpected(std::move(challenge.error()));
  if (challenge->size() != asn1::kOctet16.min) {
    return fail(json::Errc::invalid_parameter, "euiccChallenge");
  }
  auto info1 = json::get_der<asn1::EUICCInfo1View>(*body, "euiccInfo1");
  if (!info1) return std::unexpected(std::move(info1.error()));
  auto address = json::get_string(*body, "smdpAddress");
  if (!address) return std::unexpected(std::move(address.error()));
  return core::InitiateAuthenticationRequest{std::move(*challenge), std::move(*info1),
                                             std::move(*address)};
}

std::string render_initiate_authentication_response(const core::InitiateAuthenticationResult& r) {
  return json::render_body(json::FunctionStatus::success(),
                           {{"transactionId", to_hex(r.transaction_id)},
                            {"serverSigned1", json::base64_value(r.server_signed1)},
                            {"serverSignature1", json::base64_value(r.server_signature1)},
                            {"euiccCiPKIdToBeUsed", json::base64_value(r.euicc_ci_pkid_to_be_used)},
                            {"serverCertificate", json::base64_value(r.server_certificate)}});
}

}  // namespace smdp::es9
