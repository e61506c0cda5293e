// SPDX-License-Identifier: Apache-2.0
// The base vocabulary: hex, constant-time comparison, lists, ASCII case, error context.
#include <gtest/gtest.h>

#include <system_error>

#include "base/bytes.h"
#include "base/error.h"
#include "base/strings.h"

namespace smdp {
namespace {

TEST(Hex, when_bytes_rendered_then_lower_case_and_parsed_back_in_either_case) {
  const Bytes b{0x00, 0xAB, 0x7F, 0xFF};
  EXPECT_EQ(to_hex(b), "00ab7fff");
  EXPECT_EQ(from_hex("00AB7fFf"), b);
  EXPECT_EQ(from_hex(""), Bytes{});
}

TEST(Hex, when_length_is_odd_or_a_digit_is_not_hex_then_nullopt) {
  EXPECT_FALSE(from_hex("abc"));
  EXPECT_FALSE(from_hex("0g"));
  EXPECT_FALSE(from_hex(" 0a"));
  EXPECT_FALSE(from_hex("0x"));
}

TEST(EqualCt, when_compared_then_equal_only_for_same_length_and_bytes) {
  const Bytes a{1, 2, 3};
  EXPECT_TRUE(equal_ct(a, Bytes{1, 2, 3}));
  EXPECT_FALSE(equal_ct(a, Bytes{1, 2, 4}));
  EXPECT_FALSE(equal_ct(a, Bytes{1, 2}));
  EXPECT_TRUE(equal_ct(Bytes{}, Bytes{}));
}

TEST(SplitList, when_items_are_empty_then_they_are_dropped) {
  EXPECT_EQ(split_list("a,b,,c,"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(split_list("").empty());
  EXPECT_TRUE(split_list(",,").empty());
}

TEST(Ascii, when_case_differs_then_equal_ignore_case_and_to_lower_agree) {
  EXPECT_TRUE(equal_ignore_case("SMDP.Example.COM", "smdp.example.com"));
  EXPECT_FALSE(equal_ignore_case("smdp.example.com", "smdp.example.co"));
  EXPECT_EQ(to_lower("AbC-1"), "abc-1");
}

TEST(Error, when_context_nested_then_message_names_the_path) {
  const Error inner{std::make_error_code(std::errc::invalid_argument), "svn"};
  const Error outer = in_context(inner, "EUICCInfo2");
  EXPECT_EQ(outer.context, "EUICCInfo2.svn");
  EXPECT_NE(outer.message().find("(EUICCInfo2.svn)"), std::string::npos);
  EXPECT_EQ(in_context(Error{inner.code, ""}, "body").context, "body");
}

}  // namespace
}  // namespace smdp
