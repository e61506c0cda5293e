// SPDX-License-Identifier: Apache-2.0
// ES9+.InitiateAuthentication in the JSON binding (SGP.22 §5.6.1, §6.5.2.6): request
// {euiccChallenge, euiccInfo1, smdpAddress}; response {transactionId, serverSigned1,
// serverSignature1, euiccCiPKIdToBeUsed, serverCertificate}.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "core/rsp_messages.h"

namespace smdp::es9 {

// Parses a request body; errors as in json/fields.h, naming the field. A smdpAddress
// that is not ours is not checked here (8.8.1/3.8 is the procedure's decision).
Result<core::InitiateAuthenticationRequest> parse_initiate_authentication_request(
    std::string_view json_body);

// The Executed-Success body.
std::string render_initiate_authentication_response(const core::InitiateAuthenticationResult& r);

}  // namespace smdp::es9
