// SPDX-License-Identifier: Apache-2.0
// The HTTP and JSON request headers of the SGP.22 JSON binding: X-Admin-Protocol
// (§6.5.1: "gsma/rsp/v<x.y.z>", answered with the version the client used) and the
// request `header` of ES2+ and ES12 (§6.5.1.1: functionRequesterIdentifier,
// functionCallIdentifier).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace smdp::json {

// The version we speak, sent when the client's is missing or unsupported.
inline constexpr std::string_view kAdminProtocol = "gsma/rsp/v2.5.0";

// True for any "gsma/rsp/v2.x.y" (the SGP.22 v2 family we serve).
bool supported_admin_protocol(std::optional<std::string_view> value);

// The value to answer in X-Admin-Protocol: the client's when supported, else ours.
std::string answered_admin_protocol(std::optional<std::string_view> value);

struct RequestHeader {
  std::string function_requester_identifier;
  std::string function_call_identifier;
};

// The request's `header` object with both identifiers, each a string of 1 to 128
// characters. Errors as json/fields.h (missing_parameter, invalid_parameter), with the
// context naming the field ("header", "header.functionCallIdentifier" ...).
Result<RequestHeader> read_request_header(const nlohmann::json& body);

}  // namespace smdp::json
