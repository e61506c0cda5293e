// SPDX-License-Identifier: Apache-2.0
// Reading ES9+ JSON request fields (SGP.22 §6.5).
#include "es9/json_fields.h"

#include "asn1/common.h"
#include "es9/base64.h"

namespace smdp::es9::detail {
namespace {

// The member `name`, or missing_parameter; invalid_parameter unless it is a string.
Result<const std::string*> find_string(const nlohmann::json& body, std::string_view name) {
  const auto it = body.find(std::string(name));
  if (it == body.end()) return fail(Errc::missing_parameter, std::string(name));
  if (!it->is_string()) return fail(Errc::invalid_parameter, std::string(name));
  return it->get_ptr<const std::string*>();
}

}  // namespace

Result<nlohmann::json> parse_body(std::string_view body) {
  if (body.size() > kMaxRequestBodySize) return fail(Errc::body_too_large);
  try {
    nlohmann::json json = nlohmann::json::parse(body.begin(), body.end(), nullptr,
                                                /*allow_exceptions=*/false);
    if (!json.is_object()) return fail(Errc::invalid_parameter, "body");
    return json;
  } catch (...) {  // allow_exceptions=false covers parse errors; this covers allocation
    return fail(Errc::invalid_parameter, "body");
  }
}

Result<std::string> get_string(const nlohmann::json& body, std::string_view name) {
  auto text = find_string(body, name);
  if (!text) return std::unexpected(std::move(text.error()));
  return **text;
}

Result<Bytes> get_base64(const nlohmann::json& body, std::string_view name) {
  auto text = find_string(body, name);
  if (!text) return std::unexpected(std::move(text.error()));
  auto bytes = base64_decode(**text);
  if (!bytes) return fail(Errc::invalid_parameter, std::string(name));
  return std::move(*bytes);
}

Result<Bytes> get_transaction_id(const nlohmann::json& body, std::string_view name) {
  auto text = find_string(body, name);
  if (!text) return std::unexpected(std::move(text.error()));
  auto bytes = from_hex(**text);
  if (!bytes || bytes->size() < asn1::kTransactionIdSize.min ||
      bytes->size() > asn1::kTransactionIdSize.max) {
    return fail(Errc::invalid_parameter, std::string(name));
  }
  return std::move(*bytes);
}

nlohmann::json base64_value(ByteView der) { return base64_encode(der); }

}  // namespace smdp::es9::detail
