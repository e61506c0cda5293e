// SPDX-License-Identifier: Apache-2.0
// ES9+.GetBoundProfilePackage JSON binding (SGP.22 §5.6.2, §6.5.2.7).
#include "es9/get_bound_profile_package.h"

#include "json/base64.h"
#include "json/fields.h"
#include "json/status.h"

namespace smdp::es9 {

Result<core::GetBoundProfilePackageRequest> parse_get_bound_profile_package_request(
    std::string_view json_body) {
  auto body = json::parse_body(json_body);
  if (!body) return std::unexpected(std::move(body.error()));
  auto transaction_id = json::get_transaction_id(*body);
  if (!transaction_id) return std::unexpected(std::move(transaction_id.error()));
  auto response =
      json::get_der<asn1::PrepareDownloadResponseView>(*body, "prepareDownloadResponse");
  if (!response) return std::unexpected(std::move(response.error()));
  return core::GetBoundProfilePackageRequest{std::move(*transaction_id), std::move(*response)};
}

std::string render_get_bound_profile_package_response(const core::GetBoundProfilePackageResult& r) {
  // The package is the largest field the SM-DP+ sends (tens of kB): it is appended as
  // text rather than through the JSON serialiser, which would examine every character
  // for escaping. Base64 (RFC 4648 alphabet and '=') needs no JSON escape, and the
  // object rendered by render_body ends with its closing '}'.
  std::string body = json::render_body(json::FunctionStatus::success(),
                                       {{"transactionId", to_hex(r.transaction_id)}});
  body.pop_back();
  body += ",\"boundProfilePackage\":\"";
  body += json::base64_encode(r.bound_profile_package);
  body += "\"}";
  return body;
}

}  // namespace smdp::es9
