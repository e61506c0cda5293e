// SPDX-License-Identifier: Apache-2.0
// ES9+.AuthenticateClient JSON binding (SGP.22 §5.6.3, §6.5.2.8).
#include "es9/authenticate_client.h"

#include "asn1/common.h"
#include "der/writer.h"
#include "es9/json_fields.h"

namespace smdp::es9 {

Result<AuthenticateClientRequest> parse_authenticate_client_request(std::string_view json_body) {
  auto body = detail::parse_body(json_body);
  if (!body) return std::unexpected(std::move(body.error()));
  auto transaction_id = detail::get_transaction_id(*body);
  if (!transaction_id) return std::unexpected(std::move(transaction_id.error()));
  auto response =
      detail::get_der<asn1::AuthenticateServerResponseView>(*body, "authenticateServerResponse");
  if (!response) return std::unexpected(std::move(response.error()));
  return AuthenticateClientRequest{std::move(*transaction_id), std::move(*response)};
}

std::string render_authenticate_client_response(const AuthenticateClientResponse& r) {
  der::Writer signature;
  signature.add(asn1::kTagSignature, r.smdp_signature2);
  return render_body(FunctionStatus::success(),
                     {{"transactionId", to_hex(r.transaction_id)},
                      {"profileMetadata", detail::base64_value(r.profile_metadata)},
                      {"smdpSigned2", detail::base64_value(r.smdp_signed2)},
                      {"smdpSignature2", detail::base64_value(signature.bytes())},
                      {"smdpCertificate", detail::base64_value(r.smdp_certificate)}});
}

}  // namespace smdp::es9
