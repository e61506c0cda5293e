// SPDX-License-Identifier: Apache-2.0
// A small reader for ASN.1 value notation (X.680 clause 8 onwards) as found in the
// GSMA TS.48 v7 .txt files: "valueN ProfileElement ::= alt : { ... }". Enough of the
// notation for an oracle: named components, 'hex'H, integers, identifiers (named
// numbers), NULL, TRUE/FALSE, "strings", object identifiers { 2 23 143 ... },
// CHOICE values "alt : value" and SEQUENCE OF values "{ v, v }". Test support only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/bytes.h"

namespace smdp::saip::testing {

struct Value {
  enum class Kind { octets, integer, identifier, null, boolean, oid, string, choice, braces };
  Kind kind = Kind::null;
  Bytes octets;                     // octets
  std::int64_t integer = 0;         // integer; boolean (0/1)
  std::string text;                 // identifier, string, choice (the alternative's name)
  std::vector<std::uint64_t> arcs;  // oid
  // braces: components ("name", value) or items ("", value); choice: one ("", value).
  std::vector<std::pair<std::string, Value>> members;
};

struct ValueAssignment {
  std::string name;  // "value1"
  std::string type;  // "ProfileElement"
  Value value;
};

// Parses a whole file of value assignments. On failure returns false and sets `error`
// (with the offset of the problem).
bool parse_value_notation(std::string_view text, std::vector<ValueAssignment>& out,
                          std::string& error);

// DER contents octets of an OBJECT IDENTIFIER with these arcs (X.690 §8.19).
Bytes encode_oid_contents(const std::vector<std::uint64_t>& arcs);

}  // namespace smdp::saip::testing
