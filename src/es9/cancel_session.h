// SPDX-License-Identifier: Apache-2.0
// ES9+.CancelSession in the JSON binding (SGP.22 §5.6.5, §6.5.2.10): request
// {transactionId, cancelSessionResponse}; the success response is the header only.
#pragma once

#include <string>
#include <string_view>

#include "asn1/cancel_session.h"
#include "es9/request.h"

namespace smdp::es9 {

struct CancelSessionRequest {
  Bytes transaction_id;                                               // 1..16 octets
  DerField<asn1::CancelSessionResponseView> cancel_session_response;  // BF41
};

// Parses a request body; errors as in es9/request.h, naming the field.
Result<CancelSessionRequest> parse_cancel_session_request(std::string_view json_body);

// The Executed-Success body (header only).
std::string render_cancel_session_response();

}  // namespace smdp::es9
