// SPDX-License-Identifier: Apache-2.0
// Checks every message codec against the same corruptions of a valid encoding:
// truncation at every length, an appended byte, a flipped outer tag, non-minimal
// lengths (outer element and each direct child), and every single-bit flip at a few
// positions of each byte, under the invariant "decode fails, or re-encoding gives back
// exactly the decoded bytes". Never a crash.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "base/bytes.h"
#include "base/error.h"
#include "der/der.h"
#include "der/writer.h"

namespace smdp::asn1::testing {

// decode then encode; the error of decode otherwise.
using Codec = std::function<Result<Bytes>(ByteView)>;

template <class T>
Codec codec_of() {
  return [](ByteView der) -> Result<Bytes> {
    auto msg = T::decode(der);
    if (!msg) return std::unexpected(msg.error());
    return msg->encode();
  };
}

inline std::size_t tag_length(ByteView tlv) {
  if ((tlv[0] & 0x1F) != 0x1F) return 1;
  std::size_t n = 1;
  while (tlv[n] & 0x80) ++n;
  return n + 1;
}

// `tlv` re-encoded with one superfluous leading zero length octet.
inline Bytes with_long_length(const der::Tlv& tlv) {
  const std::size_t tag_len = tag_length(tlv.raw);
  Bytes out(tlv.raw.begin(), tlv.raw.begin() + static_cast<std::ptrdiff_t>(tag_len));
  Bytes length;
  der::append_length(length, tlv.value.size());
  if (length[0] < 0x80) {
    out.insert(out.end(), {0x81, length[0]});
  } else {
    out.push_back(static_cast<std::uint8_t>(length[0] + 1));
    out.push_back(0x00);
    out.insert(out.end(), length.begin() + 1, length.end());
  }
  append(out, tlv.value);
  return out;
}

// Each variant of `good` where one direct child of the outer element has a non-minimal
// length (the outer length adjusted, still minimal).
inline std::vector<Bytes> child_long_lengths(const Bytes& good) {
  std::vector<Bytes> out;
  auto outer = der::parse_single(good);
  if (!outer || !outer->constructed()) return out;
  der::Reader children(outer->value);
  while (!children.empty()) {
    auto child = children.read();
    if (!child) break;
    Bytes value(outer->value.data(), child->raw.data());
    append(value, with_long_length(*child));
    const std::uint8_t* child_end = child->raw.data() + child->raw.size();
    value.insert(value.end(), child_end, outer->value.data() + outer->value.size());
    Bytes msg(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(tag_length(good)));
    der::append_length(msg, value.size());
    append(msg, value);
    out.push_back(std::move(msg));
  }
  return out;
}

inline void expect_strict(const Codec& codec, const Bytes& good) {
  auto again = codec(good);
  ASSERT_TRUE(again) << again.error().message();
  ASSERT_EQ(to_hex(*again), to_hex(good)) << "round trip";

  for (std::size_t n = 0; n < good.size(); ++n) {
    EXPECT_FALSE(codec(ByteView(good).first(n))) << "truncated to " << n;
  }
  Bytes longer = good;
  longer.push_back(0x00);
  EXPECT_FALSE(codec(longer)) << "trailing byte";
  for (std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0x20}, std::uint8_t{0x40}}) {
    Bytes flipped = good;
    flipped[0] = static_cast<std::uint8_t>(flipped[0] ^ mask);
    EXPECT_FALSE(codec(flipped)) << "outer tag ^ " << int{mask};
  }
  auto outer = der::parse_single(good);
  ASSERT_TRUE(outer);
  EXPECT_FALSE(codec(with_long_length(*outer))) << "non-minimal outer length";
  std::size_t k = 0;
  for (const Bytes& variant : child_long_lengths(good)) {
    EXPECT_FALSE(codec(variant)) << "non-minimal length of child " << k++;
  }
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0x04}, std::uint8_t{0x80}}) {
      Bytes mutated = good;
      mutated[i] = static_cast<std::uint8_t>(mutated[i] ^ mask);
      auto r = codec(mutated);
      if (r) {
        EXPECT_EQ(to_hex(*r), to_hex(mutated)) << "byte " << i << " ^ " << int{mask};
      }
    }
  }
}

}  // namespace smdp::asn1::testing
