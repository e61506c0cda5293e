// SPDX-License-Identifier: Apache-2.0
// Strict DER (X.690 §10) over non-owning views, and a builder.
//
// Tags are held as their identifier octets read big-endian: 0x30 SEQUENCE, 0x80 [0]
// primitive, 0xA0 [0] constructed, 0x5A [APPLICATION 26], 0x5F37 [APPLICATION 55],
// 0xBF20 [32] constructed. That is how SGP.22 writes them, and it makes the
// constructed bit part of the tag: reading 0xBF22 never matches a primitive 0x9F22.
//
// The reader accepts only DER: definite lengths in minimal form, tag numbers in
// minimal form (high-tag form only from 31 up), no trailing bytes after the last
// expected element, nesting depth and total size bounded. Every decoded element keeps
// the raw span of its whole TLV, since SGP.22 signatures cover received bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"

namespace smdp::der {

enum class Errc {
  truncated = 1,       // input ends inside a tag, length or value
  indefinite_length,   // 0x80 length octet (BER only)
  non_minimal_length,  // long form where short would do, or leading zero octets
  length_too_large,    // length beyond the input or beyond the size limit
  non_minimal_tag,     // high-tag form for a number < 31, or leading 0x80 octet
  tag_too_large,       // tag number needs more than 3 identifier octets
  wrong_tag,           // an element was present but not the one expected
  missing_element,     // a mandatory element is absent
  trailing_bytes,      // bytes after the last expected element
  too_deep,            // nesting beyond Limits::max_depth
  too_large,           // input beyond Limits::max_size
  invalid_value,       // content not valid for its type (BOOLEAN, INTEGER, size ...)
  not_constructed,     // a nested reader was asked for a primitive element
};

}  // namespace smdp::der
SMDP_DECLARE_ERROR_ENUM(smdp::der, Errc)

namespace smdp::der {

using Tag = std::uint32_t;

constexpr bool is_constructed(Tag tag) {
  // The first identifier octet carries the constructed bit (0x20).
  Tag first = tag;
  while (first > 0xFF) first >>= 8;
  return (first & 0x20) != 0;
}

struct Limits {
  std::size_t max_depth = 24;       // nesting of constructed values
  std::size_t max_size = 8u << 20;  // whole input, bytes
};

// One decoded element. `value` and `raw` point into the reader's input.
struct Tlv {
  Tag tag = 0;
  ByteView value;  // contents octets
  ByteView raw;    // tag + length + contents: what a signature covers
  bool constructed() const { return is_constructed(tag); }
};

class Reader {
 public:
  // A top-level reader over `input`. Fails on first use if input exceeds limits.max_size.
  explicit Reader(ByteView input, Limits limits = {});

  bool empty() const { return rest_.empty(); }
  ByteView remaining() const { return rest_; }
  // Tag of the next element, or nullopt if empty or the tag is malformed.
  std::optional<Tag> peek_tag() const;

  Result<Tlv> read();
  // Reads the next element; Errc::wrong_tag (or missing_element if empty) otherwise.
  Result<Tlv> read(Tag expected);
  // Reads the next element only if it has this tag.
  Result<std::optional<Tlv>> read_optional(Tag tag);

  // A reader over the contents of a constructed element obtained from this reader.
  Result<Reader> enter(const Tlv& tlv) const;
  // read(tag) then enter().
  Result<Reader> read_constructed(Tag tag);

  // Typed primitives. Each checks the tag and the DER rules of its type.
  Result<ByteView> read_octets(Tag tag);
  Result<std::string_view> read_utf8(Tag tag);
  Result<bool> read_bool(Tag tag);
  // Non-negative INTEGER that fits in 64 bits, minimal encoding.
  Result<std::uint64_t> read_uint(Tag tag);

  // Succeeds only if nothing is left.
  Result<void> finish() const;

 private:
  Reader(ByteView input, Limits limits, std::size_t depth);
  ByteView rest_;
  Limits limits_;
  std::size_t depth_ = 0;
  bool oversized_ = false;
};

// Exactly one TLV spanning all of `input` (no trailing bytes).
Result<Tlv> parse_single(ByteView input, Limits limits = {});

// Validates a whole element tree: every constructed value re-parsed recursively.
// Primitive contents are not interpreted. Used to check opaque fields (certificates
// are parsed by OpenSSL, but we still require DER framing).
Result<void> validate_tree(ByteView input, Limits limits = {});

}  // namespace smdp::der
