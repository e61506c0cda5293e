// SPDX-License-Identifier: Apache-2.0
#include "asn1/common.h"

#include <gtest/gtest.h>

#include "testdata.h"

namespace smdp::asn1 {
namespace {
using smdp::testing::hex;

TEST(Oid, when_dotted_text_then_der_contents_round_trip) {
  auto contents = oid_from_text("2.999.10");
  ASSERT_TRUE(contents);
  EXPECT_EQ(to_hex(*contents), "88370a");
  EXPECT_EQ(*oid_to_text(*contents), "2.999.10");
  auto gsma = oid_from_text("1.3.6.1.4.1.31746");
  ASSERT_TRUE(gsma);
  EXPECT_EQ(to_hex(*gsma), "2b0601040181f802");
  EXPECT_EQ(*oid_to_text(*gsma), "1.3.6.1.4.1.31746");
}

TEST(Oid, when_text_malformed_then_invalid_oid) {
  for (const char* bad : {"", "1", "3.1", "1.40", "1..2", "1.2.", "01.2", "1.2.x", "-1.2",
                          "1.2.99999999999999999999999"}) {
    auto r = oid_from_text(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, Errc::invalid_oid) << bad;
  }
}

TEST(Oid, when_contents_not_minimal_then_invalid) {
  EXPECT_TRUE(is_valid_oid(hex("2b0601")));
  EXPECT_FALSE(is_valid_oid({}));
  EXPECT_FALSE(is_valid_oid(hex("2b8001")));                // leading 0x80 group
  EXPECT_FALSE(is_valid_oid(hex("2b86")));                  // last group unterminated
  EXPECT_FALSE(is_valid_oid(hex("ffffffffffffffffff7f")));  // beyond 64 bits
}

TEST(BitString, when_named_bits_then_minimal_contents) {
  EXPECT_EQ(to_hex(make_bit_string({0})), "0780");
  EXPECT_EQ(to_hex(make_bit_string({0, 3, 4})), "0398");
  EXPECT_EQ(to_hex(make_bit_string({})), "00");
  EXPECT_EQ(to_hex(make_bit_string({7})), "0001");
  EXPECT_EQ(to_hex(make_bit_string({8})), "070080");
  Bytes rsp = make_bit_string({0, 3, 4});
  EXPECT_TRUE(has_bit(rsp, 0));
  EXPECT_FALSE(has_bit(rsp, 1));
  EXPECT_TRUE(has_bit(rsp, 4));
  EXPECT_FALSE(has_bit(rsp, 40));
}

TEST(BitString, when_padding_bits_set_or_count_out_of_range_then_invalid) {
  EXPECT_TRUE(is_valid_bit_string(hex("00")));
  EXPECT_TRUE(is_valid_bit_string(hex("0780")));
  EXPECT_FALSE(is_valid_bit_string({}));
  EXPECT_FALSE(is_valid_bit_string(hex("0781")));
  EXPECT_FALSE(is_valid_bit_string(hex("0800")));
  EXPECT_FALSE(is_valid_bit_string(hex("01")));
}

}  // namespace
}  // namespace smdp::asn1
