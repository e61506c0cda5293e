// SPDX-License-Identifier: Apache-2.0
// Personalisation variables: the per-subscription values of a profile type, their
// text form (CSV columns, command-line options) and their coding in the package.
//
// Text forms (what an MNO's CSV carries):
//   iccid  18-20 digits, the last one the Luhn check digit of the others (ITU-T E.118)
//   imsi   6-15 digits (3GPP TS 23.003)
//   ki     32 hex digits (Milenage, TUAK-128) or 64 (TUAK-256)
//   opc    32 hex digits (Milenage OPc) or 64 (TUAK TOPc)
//   pin1, pin2       4-8 digits
//   puk1, puk2       8 digits
//   adm1             4-8 digits, or 16 hex digits for a raw 8-octet key
//   ef:<path>        hex contents of an EF, addressed as in find_path ("ef:usim/ef-spn")
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"

namespace smdp::saip {

enum class VariableKind { iccid, imsi, ki, opc, pin1, pin2, puk1, puk2, adm1, ef_content };

struct Variable {
  VariableKind kind{};
  std::string path;  // ef_content only: the File's path, e.g. "usim/ef-spn"
  // The column name: "iccid", ..., or "ef:<path>".
  std::string name() const;
  // Ki, OPc, PINs, PUKs and ADM: encrypted at rest, never logged.
  bool secret() const;
  friend bool operator==(const Variable&, const Variable&) = default;
};

// "iccid", "ki", "ef:usim/ef-spn" ... ; Errc::invalid_value for anything else.
Result<Variable> parse_variable(std::string_view name);
// A comma-separated list; duplicates refused; iccid is always required.
Result<std::vector<Variable>> parse_variable_list(std::string_view names);

// Checks a value's text form; returns it normalised (hex upper-case, no spaces).
// The error context names the variable and the rule broken, never the value of a
// secret.
Result<std::string> normalise_value(const Variable& variable, std::string_view text);

// Luhn check digit (ITU-T E.118 Annex B) of a string of digits.
char luhn_check_digit(std::string_view digits);

// Codings (TS 102 221 §13.2, TS 31.102 §4.2.2):
// ICCID in EF.ICCID: BCD with nibbles swapped, F-padded to 10 octets.
Bytes encode_iccid_ef(std::string_view iccid);
// ICCID in the ProfileHeader: BCD in digit order, F-padded to 10 octets
// ('89000123456789012341'H for 89000123456789012341).
Bytes encode_iccid_header(std::string_view iccid);
std::optional<std::string> decode_iccid_header(ByteView octets);
// EF.IMSI: length octet, then parity nibble and digits, nibble-swapped, F-padded (9 octets).
Bytes encode_imsi_ef(std::string_view imsi);
std::optional<std::string> decode_imsi_ef(ByteView octets);
// PIN/PUK/ADM value in PINConfiguration/PUKConfiguration: ASCII digits F-padded to
// 8 octets, or the 8 raw octets of a 16-hex-digit ADM.
Bytes encode_pin_value(std::string_view normalised);

}  // namespace smdp::saip

namespace smdp::saip {

// One subscription's values, each normalised by normalise_value().
struct VariableValue {
  Variable variable;
  std::string value;
};
using SubscriptionValues = std::vector<VariableValue>;

// A compact text form for storage (one "name=value" per line); parse is its inverse
// and re-checks every value.
std::string serialise_values(const SubscriptionValues& values);
Result<SubscriptionValues> parse_values(std::string_view text);
// The value of a kind of variable, if present.
const std::string* find_value(const SubscriptionValues& values, VariableKind kind);

}  // namespace smdp::saip
