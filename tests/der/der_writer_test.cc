// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "der/der.h"
#include "der/writer.h"
#include "testdata.h"

namespace smdp::der {
namespace {

TEST(DerWriter, when_lengths_cross_boundaries_then_minimal_form) {
  for (std::size_t n : {0u, 1u, 127u, 128u, 255u, 256u, 1020u, 65535u, 65536u}) {
    Bytes v(n, 0xAB);
    Bytes enc = tlv(0x86, v);
    auto back = parse_single(enc);
    ASSERT_TRUE(back) << n;
    EXPECT_EQ(back->value.size(), n);
  }
  const Bytes long_form = tlv(0x04, Bytes(128, 0));
  EXPECT_EQ(to_hex(ByteView(long_form).first(3)), "048180");
}

TEST(DerWriter, when_nested_then_round_trips_through_reader) {
  Writer w;
  w.add_constructed(0xBF20, [](Writer& in) {
    in.add(0x82, smdp::testing::hex("020500"));
    in.add_constructed(0xA9, [](Writer& l) { l.add(0x04, Bytes(20, 0x11)); });
  });
  w.add_uint(0x02, 255).add_bool(0x01, true).add_utf8(0x0C, "x");
  Bytes out = w.take();
  EXPECT_TRUE(validate_tree(out));
  Reader r(out);
  auto info = r.read_constructed(0xBF20);
  ASSERT_TRUE(info);
  EXPECT_EQ(to_hex(*info->read_octets(0x82)), "020500");
  EXPECT_EQ(*r.read_uint(0x02), 255u);
  EXPECT_TRUE(*r.read_bool(0x01));
  EXPECT_EQ(*r.read_utf8(0x0C), "x");
  EXPECT_TRUE(r.finish());
}

TEST(DerWriter, when_uint_high_bit_set_then_leading_zero) {
  EXPECT_EQ(to_hex(encode_uint(0)), "00");
  EXPECT_EQ(to_hex(encode_uint(127)), "7f");
  EXPECT_EQ(to_hex(encode_uint(128)), "0080");
  EXPECT_EQ(to_hex(encode_uint(0x1234)), "1234");
}

}  // namespace
}  // namespace smdp::der
