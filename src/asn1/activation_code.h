// SPDX-License-Identifier: Apache-2.0
// Activation Code (SGP.22 §4.1), the plain-text string behind the QR code:
//   AC_Format "$" SM-DP+ Address "$" AC_Token [ "$" SM-DP+ OID [ "$" CC Required Flag ] ]
// e.g. "1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746$1". Not DER.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace smdp::asn1 {

enum class ActivationCodeErrc {
  unsupported_format = 1,  // AC_Format is not "1"
  missing_field,           // fewer than three fields
  too_many_fields,         // more than five fields
  empty_address,           // SM-DP+ Address empty
  invalid_address,         // not an FQDN (letters, digits, '-', dot-separated labels)
  invalid_character,       // a control character, or '$' inside a field when formatting
  invalid_oid,             // SM-DP+ OID not dotted decimal
  invalid_flag,            // Confirmation Code Required Flag other than "1"
  empty_trailing_field,    // an empty SM-DP+ OID field with nothing after it
};

}  // namespace smdp::asn1
SMDP_DECLARE_ERROR_ENUM(smdp::asn1, ActivationCodeErrc)

namespace smdp::asn1 {

struct ActivationCode {
  std::string smdp_address{};  // FQDN, non-empty
  std::string matching_id{};   // AC_Token; may be empty
  // Dotted decimal; empty = absent. When the flag is set and this is empty, the text
  // carries an empty OID field ("...$$1").
  std::string smdp_oid{};
  bool confirmation_code_required = false;  // the flag field, present only as "1"
};

Result<ActivationCode> parse_activation_code(std::string_view text);

// A QR code carries the activation code after the prefix "LPA:" (§4.1); the text form
// printed for copying has none.
inline constexpr std::string_view kActivationCodeQrPrefix = "LPA:";
// The QR code payload of an activation code: "LPA:" followed by `text`.
inline std::string qr_payload(std::string_view text) {
  return std::string(kActivationCodeQrPrefix) + std::string(text);
}
// `text` without a leading "LPA:", so that an LPA accepts a scanned code and a typed one.
inline std::string_view without_qr_prefix(std::string_view text) {
  return text.starts_with(kActivationCodeQrPrefix) ? text.substr(kActivationCodeQrPrefix.size())
                                                   : text;
}
// The canonical text; parse_activation_code(format(x)) == x for every valid x, and
// format(parse(s)) == s for every s that parses.
Result<std::string> format_activation_code(const ActivationCode& code);

}  // namespace smdp::asn1
