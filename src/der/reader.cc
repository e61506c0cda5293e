// SPDX-License-Identifier: Apache-2.0
// Strict DER reader (X.690 §8.1, §10.1): identifier, definite minimal length, contents.
#include <string>

#include "der/der.h"

namespace smdp::der {
namespace {

std::string errc_name(Errc e) {
  switch (e) {
    case Errc::truncated:
      return "DER: truncated input";
    case Errc::indefinite_length:
      return "DER: indefinite length";
    case Errc::non_minimal_length:
      return "DER: non-minimal length";
    case Errc::length_too_large:
      return "DER: length exceeds input";
    case Errc::non_minimal_tag:
      return "DER: non-minimal tag";
    case Errc::tag_too_large:
      return "DER: tag number too large";
    case Errc::wrong_tag:
      return "DER: unexpected tag";
    case Errc::missing_element:
      return "DER: mandatory element missing";
    case Errc::trailing_bytes:
      return "DER: trailing bytes";
    case Errc::too_deep:
      return "DER: nesting too deep";
    case Errc::too_large:
      return "DER: input too large";
    case Errc::invalid_value:
      return "DER: invalid value";
    case Errc::not_constructed:
      return "DER: element is not constructed";
  }
  return "DER: unknown error";
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(Errc, "der", errc_name)

namespace {

std::string hex_tag(Tag t) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string s;
  for (int shift = 28; shift >= 0; shift -= 4) {
    unsigned d = (t >> shift) & 0xF;
    if (!s.empty() || d != 0 || shift == 4 || shift == 0) s.push_back(kDigits[d]);
  }
  return "tag " + s;
}

// Parses identifier octets at the start of `in`; returns tag and octet count.
Result<std::pair<Tag, std::size_t>> parse_tag(ByteView in) {
  if (in.empty()) return fail(Errc::truncated, "tag");
  Tag tag = in[0];
  if ((in[0] & 0x1F) != 0x1F) return std::pair{tag, std::size_t{1}};
  // High-tag-number form: base-128, first subsequent octet must not be 0x80, and the
  // number must be >= 31.
  std::size_t i = 1;
  std::uint32_t number = 0;
  for (;; ++i) {
    if (i >= in.size()) return fail(Errc::truncated, "tag");
    if (i > 2) return fail(Errc::tag_too_large);
    if (i == 1 && in[i] == 0x80) return fail(Errc::non_minimal_tag);
    tag = tag << 8 | in[i];
    number = number << 7 | (in[i] & 0x7Fu);
    if ((in[i] & 0x80) == 0) break;
  }
  if (number < 31) return fail(Errc::non_minimal_tag);
  return std::pair{tag, i + 1};
}

// Parses a definite minimal length; returns length and octet count.
Result<std::pair<std::size_t, std::size_t>> parse_length(ByteView in) {
  if (in.empty()) return fail(Errc::truncated, "length");
  std::uint8_t first = in[0];
  if (first < 0x80) return std::pair{std::size_t{first}, std::size_t{1}};
  if (first == 0x80) return fail(Errc::indefinite_length);
  std::size_t count = first & 0x7Fu;
  if (count > 4) return fail(Errc::length_too_large);
  if (in.size() < 1 + count) return fail(Errc::truncated, "length");
  if (in[1] == 0) return fail(Errc::non_minimal_length);
  std::size_t length = 0;
  for (std::size_t i = 0; i < count; ++i) length = length << 8 | in[1 + i];
  if (length < 0x80) return fail(Errc::non_minimal_length);
  return std::pair{length, 1 + count};
}

// RFC 3629 UTF-8: shortest form, no surrogates, nothing above U+10FFFF.
bool valid_utf8(ByteView s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::uint8_t c = s[i];
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (s.size() - i <= extra) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = cp << 6 | (s[i + k] & 0x3Fu);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

}  // namespace

Reader::Reader(ByteView input, Limits limits) : Reader(input, limits, 0) {
  oversized_ = input.size() > limits.max_size;
}

Reader::Reader(ByteView input, Limits limits, std::size_t depth)
    : rest_(input), limits_(limits), depth_(depth) {}

std::optional<Tag> Reader::peek_tag() const {
  auto t = parse_tag(rest_);
  if (!t) return std::nullopt;
  return t->first;
}

Result<Tlv> Reader::read() {
  if (oversized_) return fail(Errc::too_large);
  if (rest_.empty()) return fail(Errc::missing_element);
  auto tag = parse_tag(rest_);
  if (!tag) return std::unexpected(tag.error());
  auto len = parse_length(rest_.subspan(tag->second));
  if (!len) return std::unexpected(len.error());
  std::size_t header = tag->second + len->second;
  if (len->first > rest_.size() - header) return fail(Errc::truncated, hex_tag(tag->first));
  Tlv out;
  out.tag = tag->first;
  out.value = rest_.subspan(header, len->first);
  out.raw = rest_.first(header + len->first);
  rest_ = rest_.subspan(header + len->first);
  return out;
}

Result<Tlv> Reader::read(Tag expected) {
  if (rest_.empty()) return fail(Errc::missing_element, hex_tag(expected));
  auto t = peek_tag();
  if (t && *t != expected) {
    return fail(Errc::wrong_tag, hex_tag(expected) + " expected, got " + hex_tag(*t));
  }
  return read();
}

Result<std::optional<Tlv>> Reader::read_optional(Tag tag) {
  if (rest_.empty() || peek_tag() != tag) return std::optional<Tlv>{};
  auto tlv = read();
  if (!tlv) return std::unexpected(tlv.error());
  return std::optional<Tlv>{*tlv};
}

Result<Reader> Reader::enter(const Tlv& tlv) const {
  if (!tlv.constructed()) return fail(Errc::not_constructed, hex_tag(tlv.tag));
  if (depth_ + 1 > limits_.max_depth) return fail(Errc::too_deep);
  return Reader(tlv.value, limits_, depth_ + 1);
}

Result<Reader> Reader::read_constructed(Tag tag) {
  auto tlv = read(tag);
  if (!tlv) return std::unexpected(tlv.error());
  return enter(*tlv);
}

Result<ByteView> Reader::read_octets(Tag tag) {
  auto tlv = read(tag);
  if (!tlv) return std::unexpected(tlv.error());
  return tlv->value;
}

Result<std::string_view> Reader::read_utf8(Tag tag) {
  auto v = read_octets(tag);
  if (!v) return std::unexpected(v.error());
  if (!valid_utf8(*v)) return fail(Errc::invalid_value, "UTF8String");
  return as_chars(*v);
}

Result<bool> Reader::read_bool(Tag tag) {
  auto v = read_octets(tag);
  if (!v) return std::unexpected(v.error());
  // X.690 §11.1: DER TRUE is 0xFF.
  if (v->size() != 1 || ((*v)[0] != 0x00 && (*v)[0] != 0xFF)) {
    return fail(Errc::invalid_value, "BOOLEAN");
  }
  return (*v)[0] == 0xFF;
}

Result<std::uint64_t> Reader::read_uint(Tag tag) {
  auto v = read_octets(tag);
  if (!v) return std::unexpected(v.error());
  const ByteView b = *v;
  if (b.empty()) return fail(Errc::invalid_value, "INTEGER empty");
  if (b.size() > 1 && ((b[0] == 0x00 && b[1] < 0x80) || (b[0] == 0xFF && b[1] >= 0x80))) {
    return fail(Errc::invalid_value, "INTEGER not minimal");
  }
  if (b[0] >= 0x80) return fail(Errc::invalid_value, "INTEGER negative");
  std::size_t start = b[0] == 0x00 ? 1 : 0;
  if (b.size() - start > 8) return fail(Errc::invalid_value, "INTEGER too large");
  std::uint64_t out = 0;
  for (std::size_t i = start; i < b.size(); ++i) out = out << 8 | b[i];
  return out;
}

Result<void> Reader::finish() const {
  if (oversized_) return fail(Errc::too_large);
  if (!rest_.empty()) return fail(Errc::trailing_bytes);
  return {};
}

Result<Tlv> parse_single(ByteView input, Limits limits) {
  Reader r(input, limits);
  auto tlv = r.read();
  if (!tlv) return tlv;
  if (auto f = r.finish(); !f) return std::unexpected(f.error());
  return tlv;
}

namespace {
Result<void> validate_level(Reader& r) {
  while (!r.empty()) {
    auto tlv = r.read();
    if (!tlv) return std::unexpected(tlv.error());
    if (tlv->constructed()) {
      auto inner = r.enter(*tlv);
      if (!inner) return std::unexpected(inner.error());
      if (auto v = validate_level(*inner); !v) return v;
    }
  }
  return {};
}
}  // namespace

Result<void> validate_tree(ByteView input, Limits limits) {
  Reader r(input, limits);
  if (auto f = r.finish(); !f && f.error().code == Errc::too_large) return f;
  return validate_level(r);
}

}  // namespace smdp::der
