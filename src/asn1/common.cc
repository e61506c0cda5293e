// SPDX-License-Identifier: Apache-2.0
// asn1 error category, BIT STRING and OBJECT IDENTIFIER helpers (X.690 §8.6, §8.19).
#include "asn1/common.h"

#include <charconv>
#include <vector>

namespace smdp::asn1 {
namespace {

std::string errc_name(Errc e) {
  switch (e) {
    case Errc::size_constraint:
      return "ASN.1: size constraint violated";
    case Errc::invalid_bit_string:
      return "ASN.1: invalid BIT STRING";
    case Errc::invalid_oid:
      return "ASN.1: invalid OBJECT IDENTIFIER";
    case Errc::default_value_encoded:
      return "ASN.1: DEFAULT value encoded";
    case Errc::unknown_alternative:
      return "ASN.1: unknown CHOICE alternative";
    case Errc::reused_tag:
      return "ASN.1: element reuses the tag of a known component";
  }
  return "ASN.1: unknown error";
}

// Splits OID contents into subidentifiers; nullopt unless minimal and 64-bit.
std::optional<std::vector<std::uint64_t>> subidentifiers(ByteView contents) {
  if (contents.empty() || (contents.back() & 0x80) != 0) return std::nullopt;
  std::vector<std::uint64_t> out;
  std::uint64_t value = 0;
  bool start = true;
  for (std::uint8_t octet : contents) {
    if (start && octet == 0x80) return std::nullopt;  // leading zero group
    if (value > (std::numeric_limits<std::uint64_t>::max() >> 7)) return std::nullopt;
    value = value << 7 | (octet & 0x7Fu);
    start = (octet & 0x80) == 0;
    if (start) {
      out.push_back(value);
      value = 0;
    }
  }
  return out;
}

void append_base128(Bytes& out, std::uint64_t v) {
  Bytes groups;
  do {
    groups.insert(groups.begin(), static_cast<std::uint8_t>(v & 0x7F));
    v >>= 7;
  } while (v != 0);
  for (std::size_t i = 0; i + 1 < groups.size(); ++i) groups[i] |= 0x80;
  append(out, groups);
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(Errc, "asn1", errc_name)

bool is_valid_bit_string(ByteView contents) {
  if (contents.empty() || contents[0] > 7) return false;
  if (contents.size() == 1) return contents[0] == 0;
  const unsigned padding_mask = (1u << contents[0]) - 1;
  return (contents.back() & padding_mask) == 0;
}

bool has_bit(ByteView contents, std::size_t bit) {
  if (!is_valid_bit_string(contents)) return false;
  const std::size_t octet = 1 + bit / 8;
  if (octet >= contents.size()) return false;
  return (contents[octet] & (0x80u >> (bit % 8))) != 0;
}

Bytes make_bit_string(std::span<const std::size_t> bits) {
  std::size_t length = 0;
  for (std::size_t b : bits) length = std::max(length, b + 1);
  Bytes out(1 + (length + 7) / 8, 0);
  for (std::size_t b : bits) out[1 + b / 8] |= static_cast<std::uint8_t>(0x80u >> (b % 8));
  out[0] = static_cast<std::uint8_t>((8 - length % 8) % 8);
  return out;
}

bool is_valid_oid(ByteView contents) { return subidentifiers(contents).has_value(); }

Result<std::string> oid_to_text(ByteView contents) {
  auto subs = subidentifiers(contents);
  if (!subs) return fail(Errc::invalid_oid);
  const std::uint64_t first = (*subs)[0];
  const std::uint64_t arc = first < 40 ? 0 : first < 80 ? 1 : 2;
  std::string out = std::to_string(arc) + "." + std::to_string(first - arc * 40);
  for (std::size_t i = 1; i < subs->size(); ++i) out += "." + std::to_string((*subs)[i]);
  return out;
}

Result<Bytes> oid_from_text(std::string_view dotted) {
  const std::string input(dotted);
  std::vector<std::uint64_t> arcs;
  while (true) {
    const std::size_t dot = dotted.find('.');
    const std::string_view part = dotted.substr(0, dot);
    std::uint64_t v = 0;
    const auto* end = part.data() + part.size();
    auto [ptr, ec] = std::from_chars(part.data(), end, v);
    const bool leading_zero = part.size() > 1 && part[0] == '0';
    if (part.empty() || ec != std::errc{} || ptr != end || leading_zero) {
      return fail(Errc::invalid_oid, input);
    }
    arcs.push_back(v);
    if (dot == std::string_view::npos) break;
    dotted.remove_prefix(dot + 1);
  }
  if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40) ||
      arcs[1] > std::numeric_limits<std::uint64_t>::max() - 80) {
    return fail(Errc::invalid_oid, input);
  }
  Bytes out;
  append_base128(out, arcs[0] * 40 + arcs[1]);
  for (std::size_t i = 2; i < arcs.size(); ++i) append_base128(out, arcs[i]);
  return out;
}

}  // namespace smdp::asn1
