// SPDX-License-Identifier: Apache-2.0
// The SAIP ProfileElement schema (PEDefinitions.asn v3.x, AUTOMATIC TAGS, EXTENSIBILITY
// IMPLIED) as static tables that drive the generic decoder (codec.cc).
//
// Every tag is written out as its DER identifier octets (der::Tag): the automatic
// context tags ([0], [1], ... only where no component of the SEQUENCE/CHOICE carries an
// explicit tag), the explicit [APPLICATION n]/[PRIVATE n] ones, or the UNIVERSAL tag of
// an untagged component. A tagged CHOICE is explicit: its field's element contains the
// alternative. A field with tag 0 is an untagged CHOICE: its element is the alternative.
// The tables are constant-initialised and never change; names point into them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "base/error.h"
#include "der/der.h"
#include "saip/package.h"

namespace smdp::saip::schema {

enum class Kind : std::uint8_t {
  sequence,
  sequence_of,
  choice,
  octet_string,
  integer,
  boolean,
  null,
  object_identifier,
  utf8_string,
  bit_string,
};

struct Type;

struct NamedNumber {
  std::string_view name;
  std::int64_t value;
};

// Member order follows the ASN.1 component (name, tag, type, OPTIONAL, DEFAULT) so the
// tables read like the module; the padding of a few hundred static entries is immaterial.
struct Field {  // NOLINT(clang-analyzer-optin.performance.Padding)
  std::string_view name;
  der::Tag tag = 0;  // 0: an untagged CHOICE
  const Type* type = nullptr;
  bool optional = false;
  // DEFAULT value: hex of the contents octets it would have if encoded ("" for none).
  std::string_view default_contents = {};

  bool has_default() const { return !default_contents.empty(); }
  bool mandatory() const { return !optional && !has_default(); }
};

struct Type {
  std::string_view name;  // type reference ("Fcp"), "" when anonymous
  Kind kind = Kind::octet_string;
  // SEQUENCE: components in order; CHOICE: alternatives; SEQUENCE OF: one field, the
  // element (its name is the item's node name).
  std::span<const Field> fields = {};
  std::span<const NamedNumber> named_numbers = {};  // INTEGER { name(n), ... }
};

// Tag helpers: class bits, constructed bit, tag number (high-tag form from 31 up).
constexpr der::Tag make_tag(std::uint8_t cls, bool constructed, std::uint32_t number) {
  const std::uint32_t first = cls | (constructed ? 0x20u : 0u);
  if (number < 31) return first | number;
  if (number < 128) return (first | 0x1Fu) << 8 | number;
  return ((first | 0x1Fu) << 16) | ((0x80u | (number >> 7)) << 8) | (number & 0x7Fu);
}
constexpr der::Tag ctx(std::uint32_t n, bool constructed = false) {
  return make_tag(0x80, constructed, n);
}
constexpr der::Tag app(std::uint32_t n, bool constructed = false) {
  return make_tag(0x40, constructed, n);
}
constexpr der::Tag priv(std::uint32_t n, bool constructed = false) {
  return make_tag(0xC0, constructed, n);
}
inline constexpr der::Tag kOctetString = 0x04;
inline constexpr der::Tag kInteger = 0x02;
inline constexpr der::Tag kBoolean = 0x01;
inline constexpr der::Tag kNull = 0x05;
inline constexpr der::Tag kOid = 0x06;
inline constexpr der::Tag kUtf8 = 0x0C;
inline constexpr der::Tag kBitString = 0x03;
inline constexpr der::Tag kSequence = 0x30;

// ProfileElement ::= CHOICE { header ProfileHeader, ... }: the root of every PE.
const Type& profile_element();

// The alternative or component of `type` with this name, or null.
const Field* find_field(const Type& type, std::string_view name);
// Does an element with `tag` match `field` (any alternative of an untagged CHOICE)?
bool matches(const Field& field, der::Tag tag);
// The named number's value / the name of a value, for INTEGER { ... } types.
std::optional<std::int64_t> named_value(const Type& type, std::string_view name);
std::string_view number_name(const Type& type, std::int64_t value);

// Decodes one whole DER element as `field` (strict: no trailing bytes, schema applies).
Result<Node> decode_value(const Field& field, ByteView der_element);
// The field's DEFAULT value as the node it decodes to, or nullopt if it has none.
std::optional<Node> default_value(const Field& field);

}  // namespace smdp::saip::schema
