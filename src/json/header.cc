// SPDX-License-Identifier: Apache-2.0
// Request headers of the JSON binding (SGP.22 §6.5.1).
#include "json/header.h"

#include "json/fields.h"

namespace smdp::json {
namespace {

// One header identifier: mandatory, a string of 1 to 128 characters.
Result<std::string> identifier(const nlohmann::json& header, std::string_view name) {
  const std::string field = "header." + std::string(name);
  auto value = get_string(header, name);
  if (!value && value.error().code == Errc::missing_parameter)
    return fail(Errc::missing_parameter, field);
  if (!value || value->empty() || value->size() > 128)
    return fail(Errc::invalid_parameter, field + ": 1 to 128 characters");
  return std::move(*value);
}

}  // namespace

bool supported_admin_protocol(std::optional<std::string_view> value) {
  return value && value->starts_with("gsma/rsp/v2.");
}

std::string answered_admin_protocol(std::optional<std::string_view> value) {
  if (value && supported_admin_protocol(value)) return std::string(*value);
  return std::string(kAdminProtocol);
}

Result<RequestHeader> read_request_header(const nlohmann::json& body) {
  const auto it = body.find("header");
  if (it == body.end()) return fail(Errc::missing_parameter, "header");
  if (!it->is_object()) return fail(Errc::invalid_parameter, "header: not an object");
  auto requester = identifier(*it, "functionRequesterIdentifier");
  if (!requester) return std::unexpected(std::move(requester.error()));
  auto call_id = identifier(*it, "functionCallIdentifier");
  if (!call_id) return std::unexpected(std::move(call_id.error()));
  return RequestHeader{std::move(*requester), std::move(*call_id)};
}

}  // namespace smdp::json
