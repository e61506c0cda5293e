// SPDX-License-Identifier: Apache-2.0
// Strict base64 of the JSON binding (SGP.22 §6.5, RFC 4648 §4).
#include "json/base64.h"

#include <gtest/gtest.h>

#include "testdata.h"

namespace smdp::json {
namespace {

TEST(Base64, when_rfc4648_vectors_then_encode_and_decode_match) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64_encode(as_bytes(plain)), encoded);
    auto decoded = base64_decode(encoded);
    ASSERT_TRUE(decoded) << encoded;
    EXPECT_EQ(as_chars(*decoded), plain);
  }
}

TEST(Base64, when_binary_with_plus_and_slash_then_round_trips) {
  const Bytes data = smdp::testing::hex("fbff00fe3e3f");
  EXPECT_EQ(base64_encode(data), "+/8A/j4/");
  EXPECT_EQ(base64_decode("+/8A/j4/"), data);
}

TEST(Base64, when_not_canonical_then_refused) {
  for (const char* bad :
       {"Zg", "Zg=", "Zm9", "Zg===", "Z===", "====", "Zm9v\n", " Zm9v", "Zm 9v", "Zm9v\r\nZm9v",
        "Zh==", "Zm9=", "Zm-v", "Zm_v", "Zm=v", "Zg==Zm9v", "Zm9vYg==="}) {
    EXPECT_FALSE(base64_decode(bad)) << bad;
  }
}

TEST(Base64, when_embedded_nul_then_refused) {
  EXPECT_FALSE(base64_decode(std::string_view("Zm9\0", 4)));
}

}  // namespace
}  // namespace smdp::json
