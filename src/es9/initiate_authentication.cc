// SPDX-License-Identifier: Apache-2.0
// ES9+.InitiateAuthentication JSON binding (SGP.22 §5.6.1, §6.5.2.6).
#include "es9/initiate_authentication.h"

#include "asn1/common.h"
#include "der/writer.h"
#include "es9/json_fields.h"

namespace smdp::es9 {

Result<InitiateAuthenticationRequest> parse_initiate_authentication_request(
    std::string_view json_body) {
  auto body = detail::parse_body(json_body);
  if (!body) return std::unexpected(std::move(body.error()));
  auto challenge = detail::get_base64(*body, "euiccChallenge");
  if (!challenge) return std::unexpected(std::move(challenge.error()));
  if (challenge->size() != asn1::kOctet16.min) {
    return fail(Errc::invalid_parameter, "euiccChallenge");
  }
  auto info1 = detail::get_der<asn1::EUICCInfo1View>(*body, "euiccInfo1");
  if (!info1) return std::unexpected(std::move(info1.error()));
  auto address = detail::get_string(*body, "smdpAddress");
  if (!address) return std::unexpected(std::move(address.error()));
  return InitiateAuthenticationRequest{std::move(*challenge), std::move(*info1),
                                       std::move(*address)};
}

std::string render_initiate_authentication_response(const InitiateAuthenticationResponse& r) {
  der::Writer signature;
  signature.add(asn1::kTagSignature, r.server_signature1);
  der::Writer pkid;
  pkid.add(asn1::kTagOctetString, r.euicc_ci_pkid_to_be_used);
  return render_body(FunctionStatus::success(),
                     {{"transactionId", to_hex(r.transaction_id)},
                      {"serverSigned1", detail::base64_value(r.server_signed1)},
                      {"serverSignature1", detail::base64_value(signature.bytes())},
                      {"euiccCiPKIdToBeUsed", detail::base64_value(pkid.bytes())},
                      {"serverCertificate", detail::base64_value(r.server_certificate)}});
}

}  // namespace smdp::es9
