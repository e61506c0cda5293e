// SPDX-License-Identifier: Apache-2.0
#include "crypto/ec.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <nlohmann/json.hpp>

#include "fixed_rng.h"
#include "testdata.h"

namespace smdp::crypto {
namespace {
using smdp::testing::hex;
using smdp::testing::read_text;
using smdp::testing::testdata;

TEST(Ecdh, when_bsp_kat_mode51_then_shared_secret_matches) {
  auto kat = nlohmann::json::parse(read_text(testdata("bsp/bsp_kat.json")))["ecdh_mode51"];
  auto sk = EcPrivateKey::from_scalar(Curve::nist_p256, hex(kat["smdp_otsk"].get<std::string>()));
  ASSERT_TRUE(sk);
  EXPECT_EQ(to_hex(sk->public_key().point()), kat["smdp_otpk"].get<std::string>());
  auto z = sk->ecdh(hex(kat["euicc_otpk"].get<std::string>()));
  ASSERT_TRUE(z);
  EXPECT_EQ(to_hex(*z), kat["shared_secret"].get<std::string>());
}

TEST(Ecdh, when_generated_session_both_sides_then_same_secret) {
  for (const char* dir : {"generated/session_nist", "generated/session_brp"}) {
    auto s = nlohmann::json::parse(read_text(testdata(std::string(dir) + "/session.json")));
    auto curve =
        curve_from_name(s["curve"].get<std::string>() == "secp256r1" ? "P-256" : "brainpoolP256r1");
    ASSERT_TRUE(curve);
    auto dp = EcPrivateKey::from_scalar(*curve, hex(s["smdp_otSK"].get<std::string>()));
    auto eu = EcPrivateKey::from_scalar(*curve, hex(s["euicc_otSK"].get<std::string>()));
    ASSERT_TRUE(dp && eu);
    EXPECT_EQ(to_hex(dp->public_key().point()), s["smdp_otPK"].get<std::string>());
    EXPECT_EQ(to_hex(*dp->ecdh(eu->public_key().point())), s["shared_secret"].get<std::string>())
        << dir;
    EXPECT_EQ(to_hex(*eu->ecdh(dp->public_key().point())), s["shared_secret"].get<std::string>())
        << dir;
  }
}

TEST(Ecdh, when_peer_point_not_on_curve_or_other_curve_then_rejected) {
  auto sk = EcPrivateKey::generate(Curve::nist_p256, system_rng());
  ASSERT_TRUE(sk);
  Bytes bad = sk->public_key().point();
  bad[64] ^= 1;
  EXPECT_FALSE(sk->ecdh(bad));
  auto other = EcPrivateKey::generate(Curve::brainpool_p256r1, system_rng());
  EXPECT_FALSE(sk->ecdh(other->public_key().point()));
  EXPECT_FALSE(sk->ecdh(ByteView(bad).first(33)));
}

TEST(Ecdsa, when_signed_on_both_curves_then_raw_signature_verifies_and_tamper_fails) {
  for (Curve c : {Curve::nist_p256, Curve::brainpool_p256r1}) {
    auto sk = EcPrivateKey::generate(c, system_rng());
    ASSERT_TRUE(sk);
    Bytes msg = hex("00112233");
    auto sig = sk->sign(msg);
    ASSERT_TRUE(sig);
    EXPECT_TRUE(sk->public_key().verify(msg, *sig));
    msg[0] ^= 1;
    EXPECT_FALSE(sk->public_key().verify(msg, *sig));
  }
}

TEST(Ecdsa, when_sgp26_pem_keys_loaded_then_curve_detected) {
  auto nist = EcPrivateKey::from_pem_file(testdata("certs/DPauth/SK_S_SM_DPauth_ECDSA_NIST.pem"));
  auto brp = EcPrivateKey::from_pem_file(testdata("certs/DPauth/SK_S_SM_DPauth_ECDSA_BRP.pem"));
  ASSERT_TRUE(nist) << nist.error().message();
  ASSERT_TRUE(brp) << brp.error().message();
  EXPECT_EQ(nist->curve(), Curve::nist_p256);
  EXPECT_EQ(brp->curve(), Curve::brainpool_p256r1);
  auto pub =
      EcPublicKey::from_pem(read_text(testdata("certs/DPauth/PK_S_SM_DPauth_ECDSA_NIST.pem")));
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->point(), nist->public_key().point());
}

// PKCS#8 PEM of `key` encrypted (AES-256-CBC, PBKDF2) under `passphrase`.
std::string encrypted_pem(const EcPrivateKey& key, const std::string& passphrase) {
  BIO* bio = BIO_new(BIO_s_mem());
  EXPECT_EQ(PEM_write_bio_PKCS8PrivateKey(bio, key.pkey(), EVP_aes_256_cbc(), passphrase.data(),
                                          static_cast<int>(passphrase.size()), nullptr, nullptr),
            1);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  return pem;
}

TEST(EcPem, when_encrypted_then_opens_with_its_passphrase_only_and_never_prompts) {
  auto key = EcPrivateKey::from_pem_file(testdata("certs/DPauth/SK_S_SM_DPauth_ECDSA_BRP.pem"));
  ASSERT_TRUE(key);
  const std::string pem = encrypted_pem(*key, "correct horse");
  ASSERT_NE(pem.find("ENCRYPTED PRIVATE KEY"), std::string::npos);
  // Without a pass-phrase OpenSSL's default callback would prompt on the terminal.
  auto none = EcPrivateKey::from_pem(pem);
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message().find("no pass-phrase given"), std::string::npos);
  auto wrong = EcPrivateKey::from_pem(pem, "wrong horse");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message().find("wrong pass-phrase"), std::string::npos);
  auto right = EcPrivateKey::from_pem(pem, "correct horse");
  ASSERT_TRUE(right) << right.error().message();
  EXPECT_EQ(right->public_key().point(), key->public_key().point());
}

TEST(Ecdsa, when_raw_der_conversion_then_round_trip_and_strict) {
  Bytes raw(64, 0);
  raw[31] = 1;
  raw[32] = 0x80;  // s has its high bit set: needs a leading zero in DER
  auto der = raw_to_der_signature(raw);
  ASSERT_TRUE(der);
  auto back = der_to_raw_signature(*der);
  ASSERT_TRUE(back);
  EXPECT_TRUE(std::equal(back->begin(), back->end(), raw.begin()));
  Bytes trailing = *der;
  trailing.push_back(0);
  EXPECT_FALSE(der_to_raw_signature(trailing));
  EXPECT_FALSE(raw_to_der_signature(ByteView(raw).first(63)));
}

TEST(EcKeyGen, when_rng_replayed_then_same_key) {
  smdp::testing::FixedRng a(
      hex("7c2385f3f913a6c6963f635ff564b09d28206034e868791e17e2ec8d7f226e64"));
  auto k = EcPrivateKey::generate(Curve::nist_p256, a);
  ASSERT_TRUE(k);
  EXPECT_EQ(to_hex(k->public_key().point()).substr(0, 20), "04c3a05395aa173b09de");
}

}  // namespace
}  // namespace smdp::crypto
