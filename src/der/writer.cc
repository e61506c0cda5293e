// SPDX-License-Identifier: Apache-2.0
// DER builder (X.690 §10.1 minimal definite lengths).
#include "der/writer.h"

namespace smdp::der {

void append_tag(Bytes& out, Tag tag) {
  bool started = false;
  for (int shift = 24; shift >= 0; shift -= 8) {
    auto octet = static_cast<std::uint8_t>(tag >> shift);
    if (started || octet != 0 || shift == 0) {
      out.push_back(octet);
      started = true;
    }
  }
}

void append_length(Bytes& out, std::size_t length) {
  if (length < 0x80) {
    out.push_back(static_cast<std::uint8_t>(length));
    return;
  }
  std::size_t count = 0;
  for (std::size_t l = length; l != 0; l >>= 8) ++count;
  out.push_back(static_cast<std::uint8_t>(0x80 | count));
  for (std::size_t i = count; i-- > 0;) out.push_back(static_cast<std::uint8_t>(length >> (8 * i)));
}

Bytes tlv(Tag tag, ByteView value) {
  Bytes out;
  out.reserve(value.size() + 8);
  append_tag(out, tag);
  append_length(out, value.size());
  append(out, value);
  return out;
}

Bytes encode_uint(std::uint64_t v) {
  Bytes out;
  do {
    out.insert(out.begin(), static_cast<std::uint8_t>(v & 0xFF));
    v >>= 8;
  } while (v != 0);
  if (out[0] & 0x80) out.insert(out.begin(), 0x00);
  return out;
}

Writer& Writer::add(Tag tag, ByteView value) {
  append_tag(out_, tag);
  append_length(out_, value.size());
  append(out_, value);
  return *this;
}

Writer& Writer::add_bool(Tag tag, bool v) {
  const std::uint8_t octet = v ? 0xFF : 0x00;
  return add(tag, ByteView(&octet, 1));
}

Writer& Writer::add_uint(Tag tag, std::uint64_t v) { return add(tag, encode_uint(v)); }

Writer& Writer::add_raw(ByteView encoded) {
  append(out_, encoded);
  return *this;
}

}  // namespace smdp::der
