// SPDX-License-Identifier: Apache-2.0
// Internal to src/es9: reading the fields of an ES9+ JSON request body (SGP.22 §6.5)
// with the error codes of es9/request.h. Never throws.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "base/bytes.h"
#include "base/error.h"
#include "es9/request.h"

namespace smdp::es9::detail {

// The body as a JSON object: body_too_large above kMaxRequestBodySize, else
// invalid_parameter unless it parses as JSON and is an object. A `header` member, if
// any, is left in place and ignored by the readers below.
Result<nlohmann::json> parse_body(std::string_view body);

// A mandatory string member: missing_parameter if absent, invalid_parameter if not a
// string.
Result<std::string> get_string(const nlohmann::json& body, std::string_view name);

// A mandatory member holding strict base64 (es9/base64.h).
Result<Bytes> get_base64(const nlohmann::json& body, std::string_view name);

// A mandatory member holding a hex TransactionId of 1..16 octets.
Result<Bytes> get_transaction_id(const nlohmann::json& body,
                                 std::string_view name = "transactionId");

// A mandatory member holding base64 DER that decodes as exactly one V (V::decode).
template <class V>
Result<DerField<V>> get_der(const nlohmann::json& body, std::string_view name) {
  auto bytes = get_base64(body, name);
  if (!bytes) return std::unexpected(std::move(bytes.error()));
  auto der = std::make_shared<const Bytes>(std::move(*bytes));
  auto view = V::decode(ByteView(*der));
  if (!view)
    return fail(Errc::invalid_parameter, std::string(name) + ": " + view.error().message());
  return DerField<V>{std::move(der), std::move(*view)};
}

// Base64 of `der` as a JSON string, for response fields.
nlohmann::json base64_value(ByteView der);

}  // namespace smdp::es9::detail
