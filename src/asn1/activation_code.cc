// SPDX-License-Identifier: Apache-2.0
// Activation Code text parsing and formatting (SGP.22 §4.1).
#include "asn1/activation_code.h"

#include <algorithm>
#include <vector>

#include "asn1/common.h"

namespace smdp::asn1 {
namespace {

std::string errc_name(ActivationCodeErrc e) {
  switch (e) {
    case ActivationCodeErrc::unsupported_format:
      return "Activation Code: AC_Format not 1";
    case ActivationCodeErrc::missing_field:
      return "Activation Code: missing field";
    case ActivationCodeErrc::too_many_fields:
      return "Activation Code: too many fields";
    case ActivationCodeErrc::empty_address:
      return "Activation Code: empty SM-DP+ address";
    case ActivationCodeErrc::invalid_address:
      return "Activation Code: SM-DP+ address not an FQDN";
    case ActivationCodeErrc::invalid_character:
      return "Activation Code: invalid character";
    case ActivationCodeErrc::invalid_oid:
      return "Activation Code: invalid SM-DP+ OID";
    case ActivationCodeErrc::invalid_flag:
      return "Activation Code: invalid CC required flag";
    case ActivationCodeErrc::empty_trailing_field:
      return "Activation Code: empty last field";
  }
  return "Activation Code: unknown error";
}

constexpr char kDelimiter = '$';

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }

bool is_fqdn(std::string_view s) {
  std::size_t label = 0;
  for (char c : s) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if (alnum || c == '-') {
      ++label;
    } else {
      return false;
    }
  }
  return label != 0;
}

// Checks the fields shared by parsing and formatting.
Result<void> validate(const ActivationCode& code) {
  for (const std::string* field : {&code.smdp_address, &code.matching_id, &code.smdp_oid}) {
    if (std::ranges::any_of(*field, [](char c) { return is_control(c) || c == kDelimiter; })) {
      return fail(ActivationCodeErrc::invalid_character);
    }
  }
  if (code.smdp_address.empty()) return fail(ActivationCodeErrc::empty_address);
  if (!is_fqdn(code.smdp_address)) return fail(ActivationCodeErrc::invalid_address);
  if (!code.smdp_oid.empty() && !oid_from_text(code.smdp_oid)) {
    return fail(ActivationCodeErrc::invalid_oid, code.smdp_oid);
  }
  return {};
}

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> fields;
  while (true) {
    const std::size_t at = text.find(kDelimiter);
    fields.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return fields;
    text.remove_prefix(at + 1);
  }
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(ActivationCodeErrc, "activation_code", errc_name)

Result<ActivationCode> parse_activation_code(std::string_view text) {
  const std::vector<std::string_view> fields = split(text);
  if (fields[0] != "1") return fail(ActivationCodeErrc::unsupported_format);
  if (fields.size() < 3) return fail(ActivationCodeErrc::missing_field);
  if (fields.size() > 5) return fail(ActivationCodeErrc::too_many_fields);
  ActivationCode code{std::string(fields[1]), std::string(fields[2]), {}, false};
  if (fields.size() >= 4) code.smdp_oid = fields[3];
  if (fields.size() == 5) {
    if (fields[4] != "1") return fail(ActivationCodeErrc::invalid_flag);
    code.confirmation_code_required = true;
  } else if (fields.size() == 4 && code.smdp_oid.empty()) {
    return fail(ActivationCodeErrc::empty_trailing_field);
  }
  if (auto v = validate(code); !v) return std::unexpected(v.error());
  return code;
}

Result<std::string> format_activation_code(const ActivationCode& code) {
  if (auto v = validate(code); !v) return std::unexpected(v.error());
  std::string out = "1$" + code.smdp_address + "$" + code.matching_id;
  if (!code.smdp_oid.empty() || code.confirmation_code_required) out += "$" + code.smdp_oid;
  if (code.confirmation_code_required) out += "$1";
  return out;
}

}  // namespace smdp::asn1
