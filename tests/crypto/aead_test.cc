// SPDX-License-Identifier: Apache-2.0
// AES-256-GCM seal/open: the GCM specification's AES-256 known answers (McGrew & Viega,
// "The Galois/Counter Mode of Operation", test cases 13, 14 and 16; also in NIST's
// gcmEncryptExtIV256 vectors), round trips on a reused context, and refusal of any
// tampered octet, wrong associated data or wrong key.
#include "crypto/aead.h"

#include <gtest/gtest.h>

#include "crypto/errors.h"
#include "fixed_rng.h"

namespace smdp::crypto {
namespace {

Bytes hex(std::string_view h) { return from_hex(h).value(); }

struct Kat {
  const char* key;
  const char* nonce;
  const char* plaintext;
  const char* aad;
  const char* ciphertext;
  const char* tag;
};

constexpr Kat kKats[] = {
    // Test case 13: zero key, zero nonce, nothing to encrypt.
    {"0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
     "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
    // Test case 14: one zero block.
    {"0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
     "00000000000000000000000000000000", "", "cea7403d4d606b6e074ec5d3baf39d18",
     "d0d1c8a799996bf0265b98b5d48ab919"},
    // Test case 16: 60-octet plaintext with 20 octets of associated data.
    {"feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e24"
     "49a6b525b16aedf5aa0de657ba637b39",
     "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b10"
     "56828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
};

TEST(Aes256Gcm, when_known_answer_vectors_then_sealed_form_is_nonce_ciphertext_tag) {
  for (const Kat& k : kKats) {
    SCOPED_TRACE(k.ciphertext);
    testing::FixedRng rng(hex(k.nonce));
    auto sealed = aes256_gcm_seal(hex(k.key), rng, hex(k.plaintext), hex(k.aad));
    ASSERT_TRUE(sealed) << sealed.error().message();
    EXPECT_EQ(to_hex(*sealed), std::string(k.nonce) + k.ciphertext + k.tag);
    auto opened = aes256_gcm_open(hex(k.key), *sealed, hex(k.aad));
    ASSERT_TRUE(opened) << opened.error().message();
    EXPECT_EQ(*opened, hex(k.plaintext));
  }
}

TEST(Aes256Gcm, when_context_reused_then_seals_and_opens_interleave) {
  auto gcm = Aes256Gcm::create(Bytes(32, 0x42));
  ASSERT_TRUE(gcm);
  auto& rng = system_rng();
  const Bytes aad = {'a', 'd'};
  std::vector<Bytes> sealed;
  for (std::uint8_t i = 0; i < 20; ++i) {
    auto s = gcm->seal(rng, Bytes(i, i), aad);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->size(), i + kAes256GcmOverhead);
    sealed.push_back(*s);
    auto back = gcm->open(sealed.front(), aad);  // open between seals
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_TRUE(back->empty());
  }
  for (std::uint8_t i = 0; i < 20; ++i) {
    auto back = gcm->open(sealed[i], aad);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, Bytes(i, i));
  }
  // Random nonces: two seals of the same message differ.
  EXPECT_NE(*gcm->seal(rng, Bytes(8, 1), aad), *gcm->seal(rng, Bytes(8, 1), aad));
}

TEST(Aes256Gcm, when_any_octet_tampered_then_open_fails_authentication) {
  const Bytes key(32, 7);
  const Bytes aad = {1, 2, 3};
  auto gcm = Aes256Gcm::create(key);
  ASSERT_TRUE(gcm);
  auto sealed = gcm->seal(system_rng(), Bytes{'s', 'e', 'c', 'r', 'e', 't'}, aad);
  ASSERT_TRUE(sealed);
  for (std::size_t i = 0; i < sealed->size(); ++i) {  // nonce, ciphertext and tag
    Bytes bad = *sealed;
    bad[i] ^= 0x01;
    auto r = gcm->open(bad, aad);
    ASSERT_FALSE(r) << "octet " << i;
    EXPECT_EQ(r.error().code, Errc::invalid_signature);
  }
  Bytes truncated(sealed->begin(), sealed->end() - 1);
  EXPECT_FALSE(gcm->open(truncated, aad));
  EXPECT_TRUE(gcm->open(*sealed, aad));  // the context still works after failures
}

TEST(Aes256Gcm, when_associated_data_differs_then_open_fails) {
  auto gcm = Aes256Gcm::create(Bytes(32, 9));
  ASSERT_TRUE(gcm);
  auto sealed = gcm->seal(system_rng(), Bytes(40, 0xAA), Bytes{'i', 'd', '1'});
  ASSERT_TRUE(sealed);
  auto r = gcm->open(*sealed, Bytes{'i', 'd', '2'});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid_signature);
  EXPECT_FALSE(gcm->open(*sealed, {}));
}

TEST(Aes256Gcm, when_key_differs_then_open_fails) {
  auto sealed = aes256_gcm_seal(Bytes(32, 1), system_rng(), Bytes(16, 0), {});
  ASSERT_TRUE(sealed);
  auto r = aes256_gcm_open(Bytes(32, 2), *sealed, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid_signature);
}

TEST(Aes256Gcm, when_key_or_message_too_short_then_invalid_length) {
  auto k = Aes256Gcm::create(Bytes(16, 0));
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, Errc::invalid_length);
  auto r = aes256_gcm_open(Bytes(32, 0), Bytes(kAes256GcmOverhead - 1, 0), {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid_length);
}

}  // namespace
}  // namespace smdp::crypto
