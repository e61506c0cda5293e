// SPDX-License-Identifier: Apache-2.0
// ES9+.AuthenticateClient in the JSON binding (SGP.22 §5.6.3, §6.5.2.8): request
// {transactionId, authenticateServerResponse}; response {transactionId, profileMetadata,
// smdpSigned2, smdpSignature2, smdpCertificate}.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "core/rsp_messages.h"

namespace smdp::es9 {

// Parses a request body; errors as in json/fields.h, naming the field. Whether the
// transactionId is known (8.10.1/3.9) is the procedure's decision.
Result<core::AuthenticateClientRequest> parse_authenticate_client_request(
    std::string_view json_body);

// The Executed-Success body.
std::string render_authenticate_client_response(const core::AuthenticateClientResult& r);

}  // namespace smdp::es9
