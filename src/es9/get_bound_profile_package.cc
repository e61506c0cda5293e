// SPDX-License-Identifier: Apache-2.0
// ES9+.GetBoundProfilePackage JSON binding (SGP.22 §5.6.2, §6.5.2.7).
#include "es9/get_bound_profile_package.h"

#include "es9/base64.h"
#include "es9/json_fields.h"

namespace smdp::es9 {

Result<GetBoundProfilePackageRequest> parse_get_bound_profile_package_request(
    std::string_view json_body) {
  auto body = detail::parse_body(json_body);
  if (!body) return std::unexpected(std::move(body.error()));
  auto transaction_id = detail::get_transaction_id(*body);
  if (!transaction_id) return std::unexpected(std::move(transaction_id.error()));
  auto response =
      detail::get_der<asn1::PrepareDownloadResponseView>(*body, "prepareDownloadResponse");
  if (!response) return std::unexpected(std::move(response.error()));
  return GetBoundProfilePackageRequest{std::move(*transaction_id), std::move(*response)};
}

std::string render_get_bound_profile_package_response(ByteView transaction_id,
                                                      ByteView bound_profile_package) {
  // The package is the largest field the SM-DP+ sends (tens of kB): it is appended as
  // text rather than through the JSON serialiser, which would examine every character
  // for escaping. Base64 (RFC 4648 alphabet and '=') needs no JSON escape, and the
  // object rendered by render_body ends with its closing '}'.
  std::string body =
      render_body(FunctionStatus::success(), {{"transactionId", to_hex(transaction_id)}});
  body.pop_back();
  body += ",\"boundProfilePackage\":\"";
  body += base64_encode(bound_profile_package);
  body += "\"}";
  return body;
}

}  // namespace smdp::es9
