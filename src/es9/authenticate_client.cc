// SPDX-License-Identifier: Apache-2.0
// ES9+.AuthenticateClient JSON binding (SGP.22 §5.6.3, §6.5.2.8).
#include "es9/authenticate_client.h"

#include "json/fields.h"
#include "json/status.h"

namespace smdp::es9 {

Result<core::AuthenticateClientRequest> parse_authenticate_client_request(
    std::string_view json_body) {
  auto body = json::parse_body(json_body);
  if (!body) return std::unexpected(std::move(body.error()));
  auto transaction_id = json::get_transaction_id(*body);
  if (!transaction_id) return std::unexpected(std::move(transaction_id.error()));
  auto response =
      json::get_der<asn1::AuthenticateServerResponseView>(*body, "authenticateServerResponse");
  if (!response) return std::unexpected(std::move(response.error()));
  return core::AuthenticateClientRequest{std::move(*transaction_id), std::move(*response)};
}

std::string render_authenticate_client_response(const core::AuthenticateClientResult& r) {
  return json::render_body(json::FunctionStatus::success(),
                           {{"transactionId", to_hex(r.transaction_id)},
                            {"profileMetadata", json::base64_value(r.profile_metadata)},
                            {"smdpSigned2", json::base64_value(r.smdp_signed2)},
                            {"smdpSignature2", json::base64_value(r.smdp_signature2)},
                            {"smdpCertificate", json::base64_value(r.smdp_certificate)}});
}

}  // namespace smdp::es9
