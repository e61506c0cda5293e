// SPDX-License-Identifier: Apache-2.0
#include "der/der.h"

#include <gtest/gtest.h>

#include "testdata.h"

namespace smdp::der {
namespace {
using smdp::testing::hex;

std::error_code code_of(const Result<Tlv>& r) { return r ? std::error_code{} : r.error().code; }

TEST(DerReader, when_multibyte_tags_then_value_and_raw_span_are_kept) {
  Bytes in =
      hex("bf2003800101"
          "5f370201020a00");
  Reader r(in);
  auto a = r.read(0xBF20);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->value.size(), 3u);
  EXPECT_EQ(a->raw.size(), 6u);
  EXPECT_TRUE(a->constructed());
  auto b = r.read(0x5F37);
  ASSERT_TRUE(b);
  EXPECT_EQ(to_hex(b->value), "0102");
  EXPECT_FALSE(b->constructed());
  EXPECT_FALSE(r.finish());
  EXPECT_EQ(r.finish().error().code, Errc::trailing_bytes);
}

TEST(DerReader, when_length_not_minimal_then_rejected) {
  EXPECT_EQ(code_of(parse_single(hex("04810101"))), Errc::non_minimal_length);
  EXPECT_EQ(code_of(parse_single(hex("0482000101"))), Errc::non_minimal_length);
  EXPECT_EQ(code_of(parse_single(hex("048000"))), Errc::indefinite_length);
}

TEST(DerReader, when_tag_not_minimal_then_rejected) {
  EXPECT_EQ(code_of(parse_single(hex("9f0100"))), Errc::non_minimal_tag);  // number 1 in high form
  EXPECT_EQ(code_of(parse_single(hex("9f801f00"))), Errc::non_minimal_tag);  // leading 0x80
  EXPECT_EQ(code_of(parse_single(hex("9f81818100"))), Errc::tag_too_large);
}

TEST(DerReader, when_truncated_anywhere_then_rejected) {
  Bytes full = hex("bf20083006800101810102");
  ASSERT_TRUE(parse_single(full));
  for (std::size_t n = 0; n < full.size(); ++n) {
    auto r = parse_single(ByteView(full).first(n));
    EXPECT_FALSE(r) << n;
  }
}

TEST(DerReader, when_length_exceeds_input_then_truncated) {
  EXPECT_EQ(code_of(parse_single(hex("0405010203"))), Errc::truncated);
  EXPECT_EQ(code_of(parse_single(hex("04850100000000"))), Errc::length_too_large);
}

TEST(DerReader, when_wrong_or_missing_tag_then_error_names_it) {
  Bytes in = hex("800101");
  Reader r(in);
  auto w = r.read(0x81);
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().code, Errc::wrong_tag);
  ASSERT_TRUE(r.read(0x80));
  auto m = r.read(0x81);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, Errc::missing_element);
}

TEST(DerReader, when_nested_beyond_depth_limit_then_too_deep) {
  Bytes in;
  for (int i = 0; i < 30; ++i) in.insert(in.begin(), {0x30, static_cast<std::uint8_t>(in.size())});
  auto v = validate_tree(in, Limits{.max_depth = 24});
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, Errc::too_deep);
  EXPECT_TRUE(validate_tree(in, Limits{.max_depth = 40}));
}

TEST(DerReader, when_input_over_size_limit_then_too_large) {
  Bytes in(100, 0);
  in[0] = 0x04;
  in[1] = 98;
  EXPECT_TRUE(parse_single(in));
  EXPECT_EQ(code_of(parse_single(in, Limits{.max_size = 50})), Errc::too_large);
}

TEST(DerReader, when_boolean_not_der_then_rejected) {
  Bytes t = hex("0101ff"), f = hex("010100"), bad = hex("010101"), two = hex("0102ffff");
  EXPECT_EQ(*Reader(t).read_bool(0x01), true);
  EXPECT_EQ(*Reader(f).read_bool(0x01), false);
  EXPECT_FALSE(Reader(bad).read_bool(0x01));
  EXPECT_FALSE(Reader(two).read_bool(0x01));
}

TEST(DerReader, when_integer_not_minimal_or_negative_then_rejected) {
  Bytes ok = hex("02020080"), nm = hex("0202007f"), neg = hex("0201ff"), empty = hex("0200");
  EXPECT_EQ(*Reader(ok).read_uint(0x02), 128u);
  EXPECT_FALSE(Reader(nm).read_uint(0x02));
  EXPECT_FALSE(Reader(neg).read_uint(0x02));
  EXPECT_FALSE(Reader(empty).read_uint(0x02));
}

TEST(DerReader, when_utf8_invalid_then_rejected) {
  Bytes ok = hex("0c03e282ac"), overlong = hex("0c02c0af"), cut = hex("0c02e282"),
        sur = hex("0c03eda080");
  EXPECT_EQ(*Reader(ok).read_utf8(0x0C), "\xe2\x82\xac");
  EXPECT_FALSE(Reader(overlong).read_utf8(0x0C));
  EXPECT_FALSE(Reader(cut).read_utf8(0x0C));
  EXPECT_FALSE(Reader(sur).read_utf8(0x0C));
}

TEST(DerReader, when_entering_primitive_then_not_constructed) {
  Bytes in = hex("0400");
  Reader r(in);
  auto t = r.read();
  ASSERT_TRUE(t);
  EXPECT_EQ(r.enter(*t).error().code, Errc::not_constructed);
}

}  // namespace
}  // namespace smdp::der
