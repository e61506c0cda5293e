// SPDX-License-Identifier: Apache-2.0
// Reading the fields of a JSON request body (SGP.22 §6.5): parse errors as values, each
// naming the offending field, and their generic status codes (1.6/2.1 invalid,
// 1.6/2.2 missing). Shared by every JSON interface (ES9+, ES2+). Never throws.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "asn1/der_field.h"
#include "base/bytes.h"
#include "base/error.h"
#include "core/status.h"

namespace smdp::json {

// Request bodies larger than this are refused before parsing.
inline constexpr std::size_t kMaxRequestBodySize = std::size_t{64} * 1024;

// Parse errors; Error::context names the offending JSON field (empty for the body).
enum class Errc {
  invalid_parameter = 1,  // unparsable JSON, wrong JSON type, bad base64/hex, bad DER
  missing_parameter,      // a mandatory field is absent
  body_too_large,         // body above kMaxRequestBodySize
};

}  // namespace smdp::json
SMDP_DECLARE_ERROR_ENUM(smdp::json, Errc)

namespace smdp::json {

// The status code a parse error is reported with: missing_parameter -> 1.6/2.2,
// anything else -> 1.6/2.1.
core::StatusCode status_code(const Error& error);

// The Failed body for a parse error, naming the field in `message`.
std::string render_failure(const Error& error);

// The body as a JSON object: body_too_large above kMaxRequestBodySize, else
// invalid_parameter unless it parses as JSON and is an object. A `header` member, if
// any, is left in place and ignored by the readers below.
Result<nlohmann::json> parse_body(std::string_view body);

// A mandatory string member: missing_parameter if absent, invalid_parameter if not a
// string.
Result<std::string> get_string(const nlohmann::json& body, std::string_view name);

// An optional string member: nullopt when absent, invalid_parameter if not a string.
Result<std::optional<std::string>> get_optional_string(const nlohmann::json& body,
                                                       std::string_view name);

// A mandatory boolean member: missing_parameter if absent, invalid_parameter otherwise.
Result<bool> get_bool(const nlohmann::json& body, std::string_view name);

// A mandatory member holding strict base64 (json/base64.h).
Result<Bytes> get_base64(const nlohmann::json& body, std::string_view name);

// A mandatory member holding a hex TransactionId of 1..16 octets.
Result<Bytes> get_transaction_id(const nlohmann::json& body,
                                 std::string_view name = "transactionId");

// A mandatory member holding base64 DER that decodes as exactly one V (V::decode).
template <class V>
Result<asn1::DerField<V>> get_der(const nlohmann::json& body, std::string_view name) {
  auto bytes = get_base64(body, name);
  if (!bytes) return std::unexpected(std::move(bytes.error()));
  auto field = asn1::decode_field<V>(std::move(*bytes));
  if (!field)
    return fail(Errc::invalid_parameter, std::string(name) + ": " + field.error().message());
  return std::move(*field);
}

// Base64 of `der` as a JSON string, for response fields.
nlohmann::json base64_value(ByteView der);

}  // namespace smdp::json
