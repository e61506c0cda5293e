// SPDX-License-Identifier: Apache-2.0
#include "crypto/hash.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "testdata.h"

namespace smdp::crypto {
namespace {
using smdp::testing::hex;

TEST(Sha256, when_abc_then_fips180_vector) {
  EXPECT_EQ(to_hex(sha256(as_bytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256(as_bytes("abc")), sha256(as_bytes("a"), as_bytes("bc")));
}

TEST(X963Kdf, when_bsp_kat_cases_then_keys_match) {
  auto kat =
      nlohmann::json::parse(smdp::testing::read_text(smdp::testing::testdata("bsp/bsp_kat.json")));
  for (const auto& c : kat["kdf"]) {
    // SGP.22 §2.6.7 SharedInfo: keyType || keyLength || len(hostId) || hostId || len(EID) || EID
    Bytes info = hex(c["key_type"].get<std::string>());
    info.push_back(static_cast<std::uint8_t>(c["key_length"].get<int>()));
    Bytes host = hex(c["host_id"].get<std::string>());
    Bytes eid = hex(c["eid"].get<std::string>());
    info.push_back(static_cast<std::uint8_t>(host.size()));
    append(info, host);
    info.push_back(static_cast<std::uint8_t>(eid.size()));
    append(info, eid);
    auto out = x963_kdf_sha256(hex(c["shared_secret"].get<std::string>()), info, 48);
    ASSERT_TRUE(out);
    EXPECT_EQ(to_hex(ByteView(*out).subspan(0, 16)), c["expect_initial_mcv"].get<std::string>());
    EXPECT_EQ(to_hex(ByteView(*out).subspan(16, 16)), c["expect_s_enc"].get<std::string>());
    EXPECT_EQ(to_hex(ByteView(*out).subspan(32, 16)), c["expect_s_mac"].get<std::string>());
  }
}

TEST(Aes, when_sp800_38a_cbc_vector_then_matches_and_decrypts) {
  Bytes key = hex("2b7e151628aed2a6abf7158809cf4f3c");
  Bytes iv = hex("000102030405060708090a0b0c0d0e0f");
  Bytes pt = hex("6bc1bee22e409f96e93d7e117393172a");
  auto ct = aes_cbc_encrypt(key, iv, pt);
  ASSERT_TRUE(ct);
  EXPECT_EQ(to_hex(*ct), "7649abac8119b246cee98e9b12e9197d");
  EXPECT_EQ(*aes_cbc_decrypt(key, iv, *ct), pt);
  EXPECT_FALSE(aes_cbc_encrypt(key, iv, ByteView(pt).first(15)));
  EXPECT_FALSE(aes_cbc_encrypt(ByteView(key).first(15), iv, pt));
}

TEST(Cmac, when_sp800_38b_vectors_then_match) {
  Bytes key = hex("2b7e151628aed2a6abf7158809cf4f3c");
  EXPECT_EQ(to_hex(*aes_cmac(key, {})), "bb1d6929e95937287fa37d129b756746");
  Bytes m = hex("6bc1bee22e409f96e93d7e117393172a");
  EXPECT_EQ(to_hex(*aes_cmac(key, {m})), "070a16b46b4d4144f79bdd9dd04a287c");
  EXPECT_EQ(to_hex(*aes_cmac(key, {ByteView(m).first(5), ByteView(m).subspan(5)})),
            "070a16b46b4d4144f79bdd9dd04a287c");
}

}  // namespace
}  // namespace smdp::crypto
