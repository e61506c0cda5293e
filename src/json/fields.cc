// SPDX-License-Identifier: Apache-2.0
// Reading JSON request fields (SGP.22 §6.5).
#include "json/fields.h"

#include "asn1/common.h"
#include "json/base64.h"
#include "json/status.h"

namespace smdp::json {
namespace {

std::string errc_name(Errc e) {
  switch (e) {
    case Errc::invalid_parameter:
      return "invalid parameter";
    case Errc::missing_parameter:
      return "mandatory parameter missing";
    case Errc::body_too_large:
      return "request body too large";
  }
  return "unknown JSON binding error";
}

// The member `name`, or missing_parameter; invalid_parameter unless it is a string.
Result<const std::string*> find_string(const nlohmann::json& body, std::string_view name) {
  const auto it = body.find(std::string(name));
  if (it == body.end()) return fail(Errc::missing_parameter, std::string(name));
  if (!it->is_string()) return fail(Errc::invalid_parameter, std::string(name));
  return it->get_ptr<const std::string*>();
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(Errc, "smdp.json", errc_name)

core::StatusCode status_code(const Error& error) {
  return error.code == Errc::missing_parameter ? core::kMandatoryElementMissing
                                               : core::kInvalidParameter;
}

std::string render_failure(const Error& error) {
  return render_failure(status_code(error), error.message());
}

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

Result<std::optional<std::string>> get_optional_string(const nlohmann::json& body,
                                                       std::string_view name) {
  if (!body.contains(std::string(name))) return std::optional<std::string>{};
  auto text = find_string(body, name);
  if (!text) return std::unexpected(std::move(text.error()));
  return std::optional(**text);
}

Result<bool> get_bool(const nlohmann::json& body, std::string_view name) {
  const auto it = body.find(std::string(name));
  if (it == body.end()) return fail(Errc::missing_parameter, std::string(name));
  if (!it->is_boolean()) return fail(Errc::invalid_parameter, std::string(name));
  return it->get<bool>();
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

}  // namespace smdp::json
