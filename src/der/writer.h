// SPDX-License-Identifier: Apache-2.0
// DER builder: appends TLVs with minimal definite lengths. Constructed values are
// built by a nested Writer and wrapped when the callback returns.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

#include "base/bytes.h"
#include "der/der.h"

namespace smdp::der {

// Appends the identifier octets of `tag` to `out`.
void append_tag(Bytes& out, Tag tag);
// Appends a minimal definite length.
void append_length(Bytes& out, std::size_t length);
// tag || length || value.
Bytes tlv(Tag tag, ByteView value);

class Writer {
 public:
  Writer& add(Tag tag, ByteView value);
  Writer& add_utf8(Tag tag, std::string_view text) { return add(tag, as_bytes(text)); }
  Writer& add_bool(Tag tag, bool v);
  Writer& add_uint(Tag tag, std::uint64_t v);
  // Appends an already encoded TLV (or several) unchanged.
  Writer& add_raw(ByteView encoded);

  template <class Fn>
  Writer& add_constructed(Tag tag, Fn&& build) {
    Writer inner;
    std::forward<Fn>(build)(inner);
    return add(tag, inner.bytes());
  }

  const Bytes& bytes() const { return out_; }
  Bytes take() { return std::move(out_); }

 private:
  Bytes out_;
};

// Minimal two's-complement contents of a non-negative integer.
Bytes encode_uint(std::uint64_t v);

}  // namespace smdp::der
