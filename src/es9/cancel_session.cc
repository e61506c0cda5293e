// SPDX-License-Identifier: Apache-2.0
// ES9+.CancelSession JSON binding (SGP.22 §5.6.5, §6.5.2.10).
#include "es9/cancel_session.h"

#include "es9/json_fields.h"

namespace smdp::es9 {

Result<CancelSessionRequest> parse_cancel_session_request(std::string_view json_body) {
  auto body = detail::parse_body(json_body);
  if (!body) return std::unexpected(std::move(body.error()));
  auto transaction_id = detail::get_transaction_id(*body);
  if (!transaction_id) return std::unexpected(std::move(transaction_id.error()));
  auto response = detail::get_der<asn1::CancelSessionResponseView>(*body, "cancelSessionResponse");
  if (!response) return std::unexpected(std::move(response.error()));
  return CancelSessionRequest{std::move(*transaction_id), std::move(*response)};
}

std::string render_cancel_session_response() { return render_body(FunctionStatus::success()); }

}  // namespace smdp::es9
