// SPDX-License-Identifier: Apache-2.0
// ES9+ in the ASN.1 binding (SGP.22 §6.6), SM-DP+ side: a RemoteProfileProvisioningRequest
// (A2) decoded into core's request of its function, and core's results and refusals
// rendered as RemoteProfileProvisioningResponse. The messages inside the envelope are
// the ones the JSON binding carries base64-encoded, so the procedures are the same
// (core/rsp_server.h) and the signed parts are the bytes received.
#pragma once

#include <cstdint>
#include <variant>

#include "base/bytes.h"
#include "base/error.h"
#include "core/rsp_messages.h"
#include "es9_asn1/error_codes.h"

namespace smdp::es9_asn1 {

// Indexed as Function.
using Request = std::variant<core::InitiateAuthenticationRequest, core::AuthenticateClientRequest,
                             core::GetBoundProfilePackageRequest, core::CancelSessionRequest,
                             core::HandleNotificationRequest>;
inline Function function_of(const Request& r) { return static_cast<Function>(r.index()); }

// Fails (asn1/der errors naming the element) when `body` is not exactly one DER
// RemoteProfileProvisioningRequest: the endpoint answers HTTP 400.
Result<Request> parse_request(ByteView body);

// RemoteProfileProvisioningResponse DER of a success.
Bytes render_response(const core::InitiateAuthenticationResult& r);
Bytes render_response(const core::AuthenticateClientResult& r);
Bytes render_response(const core::GetBoundProfilePackageResult& r);
Bytes render_cancel_session_ok();
// ... of a refusal: `function`'s error alternative with `value` (error_code()).
// `function` must not be handle_notification.
Bytes render_error(Function function, std::uint64_t value);

}  // namespace smdp::es9_asn1
