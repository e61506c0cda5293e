// SPDX-License-Identifier: Apache-2.0
// ES9+.CancelSession JSON binding (SGP.22 §5.6.5, §6.5.2.10).
#include "es9/cancel_session.h"

#include "json/fields.h"
#include "json/status.h"

namespace smdp::es9 {

Result<core::CancelSessionRequest> parse_cancel_session_request(std::string_view json_body) {
  auto body = json::parse_body(json_body);
  if (!body) return std::unexpected(std::move(body.error()));
  auto transaction_id = json::get_transaction_id(*body);
  if (!transaction_id) return std::unexpected(std::move(transaction_id.error()));
  auto response = json::get_der<asn1::CancelSessionResponseView>(*body, "cancelSessionResponse");
  if (!response) return std::unexpected(std::move(response.error()));
  return core::CancelSessionRequest{std::move(*transaction_id), std::move(*response)};
}

std::string render_cancel_session_response() {
  return json::render_body(json::FunctionStatus::success());
}

}  // namespace smdp::es9
