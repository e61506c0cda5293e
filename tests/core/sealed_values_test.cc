// SPDX-License-Identifier: Apache-2.0
// Sealed subscription values: the format (version || nonce || ciphertext || tag), the
// associated data "smdpp/subscription/v1/" + ICCID, and refusal under another ICCID,
// another key, another version or any altered octet.
#include "core/sealed_values.h"

#include <gtest/gtest.h>

#include "crypto/errors.h"
#include "fixed_rng.h"

namespace smdp::core {
namespace {

const Bytes kKey(32, 0x11);
constexpr std::string_view kIccid = "89440000000000000013";
constexpr std::string_view kText =
    "iccid=89440000000000000013\nki=000102030405060708090A0B0C0D0E0F\n";

TEST(SealedValues, when_sealed_then_version_octet_then_gcm_under_iccid_associated_data) {
  smdp::testing::FixedRng rng(
      Bytes{0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB});
  auto blob = seal_values(kKey, kIccid, kText, rng);
  ASSERT_TRUE(blob) << blob.error().message();
  ASSERT_EQ(blob->size(), 1 + 12 + kText.size() + 16);
  EXPECT_EQ((*blob)[0], kSealedValuesVersion);
  // The rest is exactly AES-256-GCM with the documented associated data.
  const std::string aad = "smdpp/subscription/v1/" + std::string(kIccid);
  auto gcm = crypto::aes256_gcm_open(kKey, ByteView(*blob).subspan(1), as_bytes(aad));
  ASSERT_TRUE(gcm) << gcm.error().message();
  EXPECT_EQ(as_chars(*gcm), kText);
  auto opened = open_values(kKey, kIccid, *blob);
  ASSERT_TRUE(opened);
  EXPECT_EQ(as_chars(*opened), kText);
}

TEST(SealedValues, when_opened_under_another_iccid_or_key_then_fails) {
  auto blob = seal_values(kKey, kIccid, kText, crypto::system_rng());
  ASSERT_TRUE(blob);
  auto moved = open_values(kKey, "89440000000000000021", *blob);
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code, crypto::Errc::invalid_signature);
  auto other_key = open_values(Bytes(32, 0x12), kIccid, *blob);
  ASSERT_FALSE(other_key);
  EXPECT_EQ(other_key.error().code, crypto::Errc::invalid_signature);
}

TEST(SealedValues, when_any_octet_or_the_version_changes_then_fails) {
  auto sealer = ValueSealer::create(kKey);
  ASSERT_TRUE(sealer);
  auto blob = sealer->seal(kIccid, kText, crypto::system_rng());
  ASSERT_TRUE(blob);
  for (std::size_t i = 0; i < blob->size(); ++i) {
    Bytes bad = *blob;
    bad[i] ^= 0x80;
    EXPECT_FALSE(sealer->open(kIccid, bad)) << "octet " << i;
  }
  Bytes v2 = *blob;
  v2[0] = 2;
  auto r = sealer->open(kIccid, v2);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, crypto::Errc::invalid_length);
  EXPECT_FALSE(sealer->open(kIccid, {}));
  EXPECT_TRUE(sealer->open(kIccid, *blob));
}

TEST(SealedValues, when_key_is_not_32_octets_then_seal_fails) {
  auto r = seal_values(Bytes(31, 1), kIccid, kText, crypto::system_rng());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, crypto::Errc::invalid_length);
}

}  // namespace
}  // namespace smdp::core
