// SPDX-License-Identifier: Apache-2.0
// ES9+.CancelSession in the JSON binding (SGP.22 §5.6.5, §6.5.2.10): request
// {transactionId, cancelSessionResponse}; response: the header only.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "core/rsp_messages.h"

namespace smdp::es9 {

// Parses a request body; errors as in json/fields.h, naming the field.
Result<core::CancelSessionRequest> parse_cancel_session_request(std::string_view json_body);

// The Executed-Success body.
std::string render_cancel_session_response();

}  // namespace smdp::es9
